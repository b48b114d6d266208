/**
 * Property tests (fast-check) of the workbook readers and the imf-dots / comtrade-report layouts:
 * random bytes and truncated workbooks, random grids and valid grids with one random cell
 * replaced give a parsed result or one InputError line, never a stack trace; a valid random DOTS
 * or Comtrade workbook, written to real .xlsx bytes and read back, gives every cell back
 * exactly. A repeated year or header column is refused.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import writeXlsxFile from "write-excel-file/universal";
import { parseComtrade } from "../../../lib/data/sources/comtrade.ts";
import { loadCountryNames } from "../../../lib/data/sources/country_names.ts";
import { DOTS_SHEETS, DOTS_UNITS, parseDots } from "../../../lib/data/sources/dots.ts";
import { parseXlsx, type XlsxCell, type XlsxSheet } from "../../../lib/data/read/xlsx.ts";
import { InputError } from "../../../lib/errors.ts";
import { oneLine } from "../one_line.ts";

/** Runs per property x FC_SCALE (default 1: a few seconds in all; raise it to hunt). */
const SCALE = Number(Deno.env.get("FC_SCALE") ?? "1");
const names = await loadCountryNames();
const countries = [...names].filter(([, e]) => e.kind === "country").map(([n]) => n).sort();
const aggregates = [...names].filter(([, e]) => e.kind === "aggregate").map(([n]) => n).sort();
const china = "China, P.R.: Mainland";
assert.equal(names.get(china)?.iso3, "CHN");

async function resultOrOneLine<T>(file: string, fn: () => T | Promise<T>): Promise<T | InputError> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${(e as Error)?.stack}`);
    assert.ok(!/[\r\n]/.test(e.message), `more than one line: ${JSON.stringify(e.message)}`);
    assert.ok(e.message.startsWith(file), e.message);
    return e;
  }
}

async function toXlsx(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: s.rows.map((r) => r.map((c) => (c === null ? null : { value: c, type: String }))),
    })),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** A valid DOTS grid: reporter China, distinct country partners, years from 2000, numbers as text. */
const dotsGrid = fc.record({
  years: fc.integer({ min: 1, max: 5 }),
  partners: fc.uniqueArray(fc.constantFrom(...countries.filter((n) => n !== china)), {
    minLength: 1,
    maxLength: 4,
  }),
  values: fc.array(
    fc.oneof(
      fc.constant(null),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }).map(String),
      fc.integer({ min: 0, max: 99999 }).map((n) => `${n} e`),
    ),
    { minLength: 40, maxLength: 40 },
  ),
}).map(({ years, partners, values }) => {
  let k = 0;
  const sheets: XlsxSheet[] = DOTS_SHEETS.map((spec) => ({
    name: spec.name,
    rows: [
      [null, null],
      [null, spec.title],
      [null, null],
      [null, china],
      [null, DOTS_UNITS],
      [null, null],
      [null, null, ...Array.from({ length: years }, (_, i) => String(2000 + i))],
      ...partners.map((p) =>
        [
          null,
          p,
          ...Array.from({ length: years }, () => values[k++ % values.length]),
        ] as XlsxCell[]
      ),
    ],
  }));
  return sheets;
});

/** Replace one cell (any sheet, row, column) by random text or an empty cell. */
const oneCellEdit = fc.tuple(
  fc.nat(),
  fc.nat(),
  fc.nat(),
  fc.oneof(fc.constant(null), fc.string({ unit: "binary", maxLength: 8 }), fc.constant("2000")),
);

function edited(sheets: XlsxSheet[], [s, r, c, v]: [number, number, number, XlsxCell]) {
  const copy = sheets.map((x) => ({ name: x.name, rows: x.rows.map((row) => [...row]) }));
  const sheet = copy[s % copy.length];
  const row = sheet.rows[r % sheet.rows.length];
  row[c % (row.length + 1)] = v;
  return copy;
}

Deno.test("parseXlsx: random bytes and truncated workbooks give sheets or one line", async () => {
  const real = await Deno.readFile(
    "../shared/data/raw/trade/comtrade-mirror/China_1.1_trade_balance_2014-2025.xlsx",
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat({ max: real.length - 1 }).map((n) => real.slice(0, n)),
        // A zip signature followed by junk.
        fc.uint8Array({ maxLength: 100 }).map((b) =>
          new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])
        ),
      ),
      async (bytes) => {
        const r = await resultOrOneLine("w.xlsx", () => parseXlsx(bytes, "w.xlsx"));
        // A truncated workbook is never read as a shorter one (no partial result).
        if (bytes.length > 0 && bytes.length < real.length && bytes[0] === real[0]) {
          assert.ok(r instanceof InputError, `${bytes.length} bytes read as a workbook`);
        }
      },
    ),
    { numRuns: 60 * SCALE },
  );
});

Deno.test("imf-dots: a valid random workbook round-trips through .xlsx cell for cell", async () => {
  await fc.assert(
    fc.asyncProperty(dotsGrid, async (sheets) => {
      const back = await parseXlsx(await toXlsx(sheets), "d.xlsx");
      const wb = parseDots(back, "d.xlsx", names);
      assert.equal(wb.reporter, "CHN");
      const want = sheets.flatMap((s, si) =>
        s.rows.slice(7).flatMap((r) =>
          r.slice(2).flatMap((text, j) =>
            text === null ? [] : [{
              flow: si === 0 ? "X" : "M",
              partner: names.get(r[1]!)!.iso3,
              year: 2000 + j,
              value: Number(text.replace(/ e$/, "")),
              estimate: text.endsWith(" e"),
            }]
          )
        )
      );
      assert.deepEqual(
        wb.cells.map(({ flow, partner, year, value, estimate }) => ({
          flow,
          partner,
          year,
          value,
          estimate,
        })),
        want,
      );
    }),
    { numRuns: 15 * SCALE },
  );
});

Deno.test("imf-dots: random grids and one random cell edit give a workbook or one line", async () => {
  await fc.assert(
    fc.asyncProperty(dotsGrid, oneCellEdit, async (sheets, e) => {
      await resultOrOneLine("d.xlsx", () => parseDots(edited(sheets, e), "d.xlsx", names));
    }),
    { numRuns: 300 * SCALE },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          name: fc.constantFrom("Exports, FOB", "Imports, CIF", "Sheet1"),
          rows: fc.array(
            fc.array(fc.oneof(fc.constant(null), fc.string({ maxLength: 5 })), { maxLength: 4 }),
            { maxLength: 10 },
          ),
        }),
        { maxLength: 3 },
      ),
      async (sheets) => {
        await resultOrOneLine("d.xlsx", () => parseDots(sheets, "d.xlsx", names));
        await resultOrOneLine("d.xlsx", () => parseComtrade(sheets, "d.xlsx", names));
      },
    ),
    { numRuns: 200 * SCALE },
  );
});

/** A valid Comtrade report grid with shuffled header order and extra columns. */
const comtradeGrid = fc.record({
  order: fc.shuffledSubarray(
    ["refYear", "flowCode", "reporterDesc", "partnerDesc", "partner_sum", "extra", "note"],
    { minLength: 7, maxLength: 7 },
  ),
  rows: fc.array(
    fc.record({
      refYear: fc.integer({ min: 1990, max: 2030 }).map(String),
      flowCode: fc.constantFrom("X", "M"),
      reporterDesc: fc.constantFrom(...countries.slice(0, 40), ...aggregates.slice(0, 3)),
      partnerDesc: fc.constantFrom(...countries.slice(40, 80)),
      partner_sum: fc.integer({ min: 0, max: 1e12 }).map(String),
      extra: fc.string({ maxLength: 4 }),
      note: fc.constant(""),
    }),
    { maxLength: 12 },
  ),
});

Deno.test("comtrade-report: valid random reports give every row back; edits give one line", async () => {
  await fc.assert(
    fc.asyncProperty(comtradeGrid, oneCellEdit, async ({ order, rows }, e) => {
      const sheet: XlsxSheet = {
        name: "Sheet1",
        rows: [order, ...rows.map((r) => order.map((c) => r[c as keyof typeof r]))],
      };
      const rep = parseComtrade([sheet], "c.xlsx", names);
      const want = rows.filter((r) => names.get(r.reporterDesc)!.kind === "country");
      assert.equal(rep.rows.length, want.length);
      assert.equal(rep.aggregateRows, rows.length - want.length);
      rep.rows.forEach((got, i) => {
        assert.equal(got.value, Number(want[i].partner_sum));
        assert.equal(got.year, Number(want[i].refYear));
        assert.equal(got.partner, names.get(want[i].partnerDesc)!.iso3);
      });
      await resultOrOneLine("c.xlsx", () => parseComtrade(edited([sheet], e), "c.xlsx", names));
    }),
    { numRuns: 150 * SCALE },
  );
});

Deno.test("a repeated year (DOTS) or header column (Comtrade) is refused, naming both", () => {
  const sheets = fc.sample(dotsGrid, { seed: 1, numRuns: 1 })[0];
  const years = sheets[0].rows[6];
  years.push(years[2]);
  sheets[0].rows[6] = years;
  oneLine(
    () => parseDots(sheets, "d.xlsx", names),
    new RegExp(
      `^d\\.xlsx, sheet "Exports, FOB": column "2000" appears 2 times in row 7 \\(the year row\\) ` +
        `\\(columns C, ${String.fromCharCode(65 + years.length - 1)}\\); rename one$`,
    ),
  );
  const header = ["refYear", "flowCode", "reporterDesc", "partnerDesc", "partner_sum", "refYear"];
  oneLine(
    () => parseComtrade([{ name: "Sheet1", rows: [header] }], "c.xlsx", names),
    'c.xlsx, sheet "Sheet1": column "refYear" appears 2 times in row 1 (columns 1, 6); rename one',
  );
});
