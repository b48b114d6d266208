import assert from "node:assert/strict";
import { selectTotalsPages, selectTradePages } from "../../../lib/data/sources/pages.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("trade selection: side, precision, units, aggregates, partial years, partner-side option", () => {
  const years = [2018, 2019, 2020];
  const sel = selectTradePages(read("trade_pages.csv"), "trade.csv", {
    partners: ["KAZ", "KGZ"],
    years,
  });
  assert.deepEqual(sel.observations.map((o) => [o.iso3, o.year, o.value, o.row]), [
    ["KAZ", 2020, 21400000000, 10],
    ["KGZ", 2018, 1230000000, 2],
  ]);
  const reasons = sel.log.map((l) => `${l.row} ${l.decision}: ${l.reason}`);
  assert.deepEqual(reasons, [
    "2 used: best of 3 candidates for KGZ 2018",
    "3 rejected: superseded by row 2 (side, then precision, then file order)",
    "4 rejected: partner-side figure (not allowed by the config)",
    "5 rejected: partner-side figure (not allowed by the config)",
    '6 rejected: unit "100 million CNY (亿元)" is not a USD unit (CNY rows are aggregates)',
    '7 rejected: partner "CA5" is an aggregate or not a panel partner',
    '8 rejected: flow "exports_cn" is not total',
    "9 rejected: partial-year figure",
    "10 used: only candidate",
    // More precise, but Chinese media: an official (MOFCOM) figure outranks it.
    "11 rejected: superseded by row 2 (side, then precision, then file order)",
  ]);
  const withPartner = selectTradePages(read("trade_pages.csv"), "trade.csv", {
    partners: ["KAZ", "KGZ"],
    years,
    allowSides: ["official", "china", "unstated", "partner"],
  });
  // The partner-side 2019 figure fills the gap; in 2018 the China-side figure still wins.
  assert.deepEqual(withPartner.observations.map((o) => [o.iso3, o.year, o.value]), [
    ["KAZ", 2020, 21400000000],
    ["KGZ", 2018, 1230000000],
    ["KGZ", 2019, 1100000000],
  ]);
});

Deno.test("national totals: exclusion rules and revised beats initial", () => {
  const sel = selectTotalsPages(read("cbec_pages.csv"), "cbec.csv", {
    indicator: "cbec_total",
    units: { "trillion CNY": 12, "billion CNY": 9 },
    years: [2017, 2018, 2022, 2024],
    reject: [
      { field: "scope_note", pattern: "narrow", reason: "narrow definition" },
      { field: "scope_note", pattern: "^INITIAL", reason: "initial estimate" },
    ],
  });
  assert.deepEqual(sel.observations.map((o) => [o.year, o.value]), [[2018, 1500000000000], [
    2022,
    2200000000000,
  ]]);
  assert.deepEqual(sel.log.map((l) => l.reason), [
    "narrow definition",
    "only candidate",
    "initial estimate",
    "only candidate",
    'indicator "cbec_total_H1_only" is not "cbec_total"',
  ]);
});
