import assert from "node:assert/strict";
import {
  readCapitals,
  readCepii,
  readOilAnnual,
  selectTotalsPages,
  selectTradePages,
} from "../../../lib/data/sources/pages.ts";
import { InputError } from "../../../lib/errors.ts";

const FIX = new URL("../../fixtures/data", import.meta.url).pathname;
const read = (f: string) => Deno.readTextFileSync(`${FIX}/${f}`);

Deno.test("capitals: the unquoted comma row is mended, the hopeless row counted", () => {
  const iso2 = { CHN: "CN", KAZ: "KZ", USA: "US" };
  const lat = readCapitals(read("capitals.csv"), "capitals.csv", {
    iso2,
    column: "CapitalLatitude",
  });
  const lon = readCapitals(read("capitals.csv"), "capitals.csv", {
    iso2,
    column: "CapitalLongitude",
  });
  assert.deepEqual(lat.observations.map((o) => [o.iso3, o.value]), [
    ["CHN", 40],
    ["KAZ", 51],
    ["USA", 38.5],
  ]);
  assert.equal(lon.observations[2].value, -77.25);
  assert.equal(
    lat.notes[0],
    "capitals.csv: 1 row(s) with an unquoted comma in CapitalName mended (rows 4); 1 row(s) could not be mended (rows 5; none is a panel country)",
  );
  const bad =
    "CountryName,CapitalName,CapitalLatitude,CapitalLongitude,CountryCode,ContinentName\n" +
    "Kazakhstan,Astana,x,y,KZ,Asia,extra\n";
  assert.throws(
    () => readCapitals(bad, "c.csv", { iso2, column: "CapitalLatitude" }),
    (e: Error) =>
      e instanceof InputError && /^c\.csv: row 2: 7 fields, header has 6/.test(e.message),
  );
});

Deno.test("oil annual and CEPII readers", () => {
  assert.deepEqual(
    readOilAnnual(read("oil.csv"), "oil.csv").observations.map((o) => [o.year, o.value]),
    [
      [2014, 100],
      [2015, 50],
      [2016, 40],
    ],
  );
  const c = readCepii(read("cepii.csv"), "cepii.csv", {
    reporter: "CHN",
    partners: ["KAZ"],
    column: "distcap",
  });
  assert.deepEqual(c.observations, [{ iso3: "KAZ", year: null, value: 3600.5, row: 2 }]);
});

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
