/**
 * Property tests (fast-check) of the CSV readers: random bytes, truncated files, odd quoting and
 * random Unicode give either a parsed result or one InputError line, never a stack trace or a
 * partial result; on valid random tables the streaming reader (both of its paths, any chunk
 * size) and papaparse agree cell for cell.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
// @ts-types="@types/papaparse"
import Papa from "papaparse";
import { parseCsv, parseNumber } from "../../../lib/data/read/csv.ts";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../../lib/errors.ts";
import { freshTmp } from "../../tmp.ts";

const DIR = freshTmp("csv-property-");
const FILE = `${DIR}/t.csv`;
const enc = new TextEncoder();
/** Runs per property x FC_SCALE (default 1: a few seconds in all; raise it to hunt). */
const SCALE = Number(Deno.env.get("FC_SCALE") ?? "1");

/** Either `fn` returns, or it throws one InputError line (anything else fails the property). */
async function resultOrOneLine<T>(fn: () => T | Promise<T>): Promise<T | InputError> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${(e as Error)?.stack}`);
    assert.ok(!/[\r\n]/.test(e.message), `more than one line: ${JSON.stringify(e.message)}`);
    assert.ok(e.message.length > 0 && e.message.length < 2000);
    return e;
  }
}

/** Cells users type: numbers, missing tokens, junk, quotes, commas, line breaks, any Unicode. */
const oddCell = fc.oneof(
  fc.constantFrom("", "NA", "..", "1", "-2.5e3", "1.2.3", '"', '""', ",", "\n", "\r\n", "\ufeff"),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.double().map(String),
);
const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.tuple(
    fc.array(fc.array(oddCell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
    fc.constantFrom("\n", "\r\n", "\r"),
  ).map(([rows, nl]) => rows.map((r) => r.join(",")).join(nl)),
);

Deno.test("parseCsv: random text gives a whole table or one line", async () => {
  await fc.assert(
    fc.asyncProperty(oddText, async (text) => {
      const r = await resultOrOneLine(() => parseCsv(text, { file: "r.csv" }));
      if (r instanceof InputError) {
        assert.ok(r.message.startsWith("r.csv: "), r.message);
        return;
      }
      // A whole result: a header, and every row exactly as wide as the header.
      for (const row of r.rows) assert.equal(row.length, r.header.length);
    }),
    { numRuns: 300 * SCALE },
  );
});

/** Write bytes, read chosen columns, check the outcome is whole or one line. */
async function readBytes(bytes: Uint8Array, chunkBytes: number) {
  await Deno.writeFile(FILE, bytes);
  return await resultOrOneLine(() =>
    readNumericColumns(FILE, ["a"], ["b"], { chunkBytes, engine: "auto" })
  );
}

function checkWhole(r: Awaited<ReturnType<typeof readBytes>>): void {
  if (r instanceof InputError) {
    assert.ok(r.message.startsWith(FILE + ": "), r.message);
    return;
  }
  assert.equal(r.columns.a.length, r.n);
  assert.equal(r.strings.b.length, r.n);
}

Deno.test("readNumericColumns: random bytes and random Unicode after a header", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        oddText.map((t) => enc.encode("a,b\n" + t)),
        fc.uint8Array({ maxLength: 200 }).map((b) =>
          new Uint8Array([...enc.encode("a,b\n"), ...b])
        ),
      ),
      fc.constantFrom(4, 16, 64, 1 << 20),
      async (bytes, chunk) => checkWhole(await readBytes(bytes, chunk)),
    ),
    { numRuns: 200 * SCALE },
  );
});

/** A valid random table: numeric column a, text column b, extra columns, as a CSV text. */
const table = fc.record({
  rows: fc.array(
    fc.tuple(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
        fc.integer().map(String),
        fc.constantFrom("", "NA", "..", "NaN", "N/A", " 7 ", "1e-300", "0.1", "-0"),
      ),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.string({ unit: "grapheme-ascii", maxLength: 5 }),
    ),
    { maxLength: 40 },
  ),
  quoteAll: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  blankLines: fc.boolean(),
});

function quote(s: string, always: boolean): string {
  return always || /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Table {
  rows: [string, string, string][];
  quoteAll: boolean;
  crlf: boolean;
  bom: boolean;
  blankLines: boolean;
}

function render(t: Table): string {
  const nl = t.crlf ? "\r\n" : "\n";
  const lines = [
    "a,b,c",
    ...t.rows.map(([a, b, c]) =>
      [quote(a, t.quoteAll), quote(b, t.quoteAll), quote(c, t.quoteAll)].join(",")
    ),
  ];
  if (t.blankLines && lines.length > 2) lines.splice(2, 0, "");
  return (t.bom ? "\ufeff" : "") + lines.join(nl) + nl;
}

Deno.test("streaming reader and papaparse agree cell for cell on valid random tables", async () => {
  await fc.assert(
    fc.asyncProperty(table, fc.constantFrom(8, 50, 1 << 20), async (t, chunkBytes) => {
      const text = render(t);
      await Deno.writeTextFile(FILE, text);
      const ref = Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: true });
      assert.equal(ref.errors.length, 0);
      const rows = ref.data.slice(1);
      for (const engine of ["auto", "papaparse"] as const) {
        const got = await readNumericColumns(FILE, ["a"], ["b", "c"], { chunkBytes, engine });
        assert.equal(got.n, rows.length);
        rows.forEach((r, i) => {
          const want = parseNumber(r[0], FILE, i + 2, "a");
          assert.ok(
            Object.is(got.columns.a[i], want),
            `row ${i + 2}: ${got.columns.a[i]} vs ${want}`,
          );
          assert.equal(got.strings.b[i], r[1].trim());
          assert.equal(got.strings.c[i], r[2].trim());
        });
      }
    }),
    { numRuns: 120 * SCALE },
  );
});

Deno.test("truncated and re-quoted valid files: whole result or one line", async () => {
  await fc.assert(
    fc.asyncProperty(
      table,
      fc.nat(),
      fc.nat(),
      fc.constantFrom(8, 1 << 20),
      async (t, cut, at, chunk) => {
        const bytes = enc.encode(render(t));
        const truncated = bytes.subarray(0, cut % (bytes.length + 1));
        checkWhole(await readBytes(truncated, chunk));
        // A stray quote dropped anywhere.
        const p = at % (bytes.length + 1);
        const quoted = new Uint8Array([...bytes.subarray(0, p), 0x22, ...bytes.subarray(p)]);
        checkWhole(await readBytes(quoted, chunk));
        await resultOrOneLine(() => parseCsv(new TextDecoder().decode(quoted), { file: "q.csv" }));
      },
    ),
    { numRuns: 120 * SCALE },
  );
});
