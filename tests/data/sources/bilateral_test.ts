import assert from "node:assert/strict";
import { bilateralTotals, type FlowCell, usdTotal } from "../../../lib/data/sources/bilateral.ts";
import { parseComtrade } from "../../../lib/data/sources/comtrade.ts";
import { parseCountryNames } from "../../../lib/data/sources/country_names.ts";
import { parseXlsx } from "../../../lib/data/read/xlsx.ts";
import { InputError } from "../../../lib/errors.ts";
import { comtradeReport, NAMES_CSV } from "../xlsx_fixtures.ts";

const cell = (
  reporter: string,
  partner: string,
  flow: "X" | "M",
  year: number,
  value: number,
): FlowCell => ({
  file: "f.xlsx",
  row: 1,
  where: "here",
  reporter,
  partner,
  flow,
  year,
  text: String(value),
  value,
  estimate: false,
});

Deno.test("usdTotal drops binary noise only (15 significant digits)", () => {
  assert.equal((12718.336024 + 9698.53581) * 1e6, 22416871833.999996);
  assert.equal(usdTotal(12718.336024, 9698.53581, 1e6), 22416871834);
  assert.equal(usdTotal(64090574.5, 1457433215, 1), 1521523789.5);
});

Deno.test("partner-reported totals: reject rules take the pair, one flow alone makes no total", () => {
  const cells = [
    cell("KAZ", "CHN", "X", 2020, 9004),
    cell("KAZ", "CHN", "M", 2020, 1955),
    cell("KAZ", "CHN", "X", 2019, 7823),
    cell("KAZ", "CHN", "M", 2019, 6566),
    cell("KGZ", "CHN", "X", 2019, 81),
    cell("CHN", "KAZ", "X", 2019, 1), // China-reported: not this source's side
  ];
  const sel = bilateralTotals(cells, 1e6, "test", {
    reporter: "CHN",
    partners: ["KAZ", "KGZ"],
    years: [2019, 2020],
    reportedBy: "partner",
    rejectCells: [{ reporter: "KAZ", flow: "M", from: 2020, to: 2022, reason: "conflicts" }],
  });
  assert.deepEqual(sel.observations.map((o) => [o.iso3, o.year, o.value]), [[
    "KAZ",
    2019,
    14389e6,
  ]]);
  const d = (k: string, y: string) =>
    sel.log.filter((l) => l.key === k && l.year === y).map((l) => [l.decision, l.reason]);
  assert.deepEqual(d("KAZ", "2020"), [
    ["rejected", "conflicts"],
    ["rejected", "its pair is rejected (conflicts)"],
  ]);
  assert.deepEqual(d("KGZ", "2019"), [["rejected", "only one flow for this year: no total"]]);
  assert.equal(sel.log.length, 5);
  assert.ok(sel.log.every((l) => l.side === "partner"));
});

Deno.test("Comtrade report made in the test: rows, aggregates counted, bad header", async () => {
  const names = parseCountryNames(NAMES_CSV, "n.csv");
  const bytes = await comtradeReport([
    ["1", "2015", "X", "China", "30", "Kazakhstan", "5480137487"],
    ["2", "2015", "X", "China", "31", "Other Asia, nes", "7"],
  ]);
  const r = parseComtrade(await parseXlsx(bytes, "c.xlsx"), "c.xlsx", names);
  assert.deepEqual(r.rows.map((x) => [x.row, x.year, x.flow, x.reporter, x.partner, x.value]), [
    [2, 2015, "X", "KAZ", "CHN", 5480137487],
  ]);
  assert.equal(r.aggregateRows, 1);
  const noSum = await comtradeReport([["1", "2015", "X", "China", "30", "Kazakhstan"]], [
    "",
    "refYear",
    "flowCode",
    "partnerDesc",
    "partner_rank",
    "reporterDesc",
  ]);
  assert.throws(
    () => parseComtrade([{ name: "Sheet1", rows: [] }], "e.xlsx", names),
    (e: Error) => e instanceof InputError && /^e\.xlsx: no sheet with a table$/.test(e.message),
  );
  await assert.rejects(
    (async () => parseComtrade(await parseXlsx(noSum, "c.xlsx"), "c.xlsx", names))(),
    (e: Error) =>
      e instanceof InputError &&
      e.message ===
        'c.xlsx, sheet "Sheet1", row 1: no column "partner_sum" - not the comtrade-report layout',
  );
});
