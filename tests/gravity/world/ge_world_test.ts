/**
 * The counterfactuals' baseline world on a hand-made DOTS year, every number worked out by hand:
 * the exporter's report first, the importer's where the exporter has none (counted, with its
 * value), 0 where neither (counted); a partner's exports to the reporter as the structural rule
 * reads them; the domestic flow = GDP - total exports; a country without GDP or with exports above
 * its GDP left out and named, with the trade lost with it.
 */
import assert from "node:assert/strict";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import { buildGeBaseline, DOMESTIC_RULE } from "../../../lib/gravity/world/ge_world.ts";

/** Rows [reporter, partner, flow (0 = X, 1 = M), year, value]; n: the rows to read (all). */
function world(
  rows: [string, string, number, number, number][],
  n = rows.length,
): IndexedWorldTrade {
  const codes = [...new Set(rows.flatMap((r) => [r[0], r[1]]))].sort();
  return {
    n,
    codes,
    reporter: rows.map((r) => codes.indexOf(r[0])),
    partner: rows.map((r) => codes.indexOf(r[1])),
    flow: rows.map((r) => r[2]),
    year: rows.map((r) => r[3]),
    value: rows.map((r) => r[4]),
    estimate: rows.map(() => 0),
  };
}

const GEO = [
  ["CHN", "TKM", 4940, 0],
  ["TKM", "CHN", 4940, 0],
].map(([origin, destination, dist, contig]) => ({
  origin: origin as string,
  destination: destination as string,
  dist: dist as number,
  distcap: NaN,
  distw: NaN,
  contig: contig as number,
  comlang_off: 0,
  colony: 0,
  comcol: 0,
  landlocked: 1,
}));

Deno.test("buildGeBaseline: reports, mirror fill, zeros, the structural rule, the domestic rule and who is left out", () => {
  const w = world([
    ["CHN", "TKM", 0, 2019, 10], // China's exports to TKM (its own report)
    ["CHN", "TKM", 1, 2019, 30], // China's imports from TKM: used for TKM's exports (untrusted 2019)
    ["TKM", "CHN", 0, 2019, 28], // TKM's own report (IMF estimate): not used
    ["CHN", "USA", 0, 2019, 100],
    ["USA", "CHN", 0, 2019, 50],
    ["USA", "TKM", 1, 2019, 2], // no TKM report of exports to USA: the USA's imports fill it
    ["HKG", "CHN", 0, 2019, 60], // HKG: exports above GDP -> left out
    ["CHN", "HKG", 0, 2019, 70],
    ["TWN", "USA", 0, 2019, 5], // no GDP -> left out
    ["CHN", "USA", 0, 2018, 999], // another year: ignored
    ["USA", "USA", 0, 2019, 7], // reporter = partner: ignored
    ["USA", "TKM", 0, 2019, NaN], // missing: no report
  ]);
  const gdp = [
    { iso3: "CHN", year: 2019, value: 1000 },
    { iso3: "TKM", year: 2019, value: 45 },
    { iso3: "USA", year: 2019, value: 2000 },
    { iso3: "HKG", year: 2019, value: 50 },
    { iso3: "TWN", year: 2018, value: 600 },
  ];
  const b = buildGeBaseline(w, {
    year: 2019,
    reporter: "CHN",
    partners: ["TKM"],
    structural: STRUCTURAL_DEFAULTS,
    gdp,
    geo: GEO,
  });
  assert.deepEqual(b.countries, ["CHN", "TKM", "USA"]);
  assert.deepEqual(b.excluded.noGdp, ["TWN"]);
  assert.deepEqual(b.excluded.nonPositive, [{ country: "HKG", gdp: 50, exports: 60 }]);
  // exports: CHN 10 + 100 + 70 (to HKG, left out but exported) = 180; TKM 30 + 2; USA 50
  assert.deepEqual(b.exports, [180, 32, 50]);
  assert.deepEqual(b.gdp, [1000, 45, 2000]);
  // row-major CHN, TKM, USA; the diagonal GDP - exports; USA -> TKM reported by nobody: 0
  assert.deepEqual(b.flows, [820, 10, 100, 30, 13, 2, 50, 0, 1950]);
  assert.equal(b.domesticRule, DOMESTIC_RULE);
  assert.deepEqual(b.trade, {
    total: 10 + 30 + 100 + 50 + 2 + 60 + 70 + 5,
    leftOut: 60 + 70 + 5,
    fromExporter: 3, // CHN->TKM, CHN->USA, USA->CHN
    fromImporter: { pairs: 2, value: 32 }, // TKM->CHN (the rule), TKM->USA (fill)
    none: 1, // USA->TKM
  });
  assert.equal(b.reports.length, 1);
  assert.equal(b.reports[0].used, "importer");
  assert.equal(b.reports[0].own, 28);
  assert.match(b.reports[0].reason, /Turkmenistan/);
  assert.deepEqual(b.geography, [
    { exporter: "CHN", importer: "TKM", lnDist: Math.log(4940), contig: 0 },
    { exporter: "TKM", importer: "CHN", lnDist: Math.log(4940), contig: 0 },
  ]);
});

Deno.test("buildGeBaseline: under the partner rule TKM's own report is used, and a country whose GDP equals its exports is left out", () => {
  const w = world([
    ["CHN", "TKM", 1, 2019, 30],
    ["TKM", "CHN", 0, 2019, 28],
    ["CHN", "TKM", 0, 2019, 10],
  ]);
  const b = buildGeBaseline(w, {
    year: 2019,
    reporter: "CHN",
    partners: ["TKM"],
    structural: { ...STRUCTURAL_DEFAULTS, partnerExports: "partner" },
    gdp: [{ iso3: "CHN", year: 2019, value: 100 }, { iso3: "TKM", year: 2019, value: 28 }],
    geo: [],
  });
  assert.deepEqual(b.excluded.nonPositive, [{ country: "TKM", gdp: 28, exports: 28 }]);
  assert.deepEqual(b.countries, ["CHN"]);
  assert.deepEqual(b.flows, [90]);
  assert.equal(b.reports[0].used, "exporter");
  assert.equal(b.trade.leftOut, 38);
});

/** CEPII-like pairs [origin, destination, dist, contig] (the other columns unused). */
const geoPairs = (pairs: [string, string, number, number][]) =>
  pairs.map(([origin, destination, dist, contig]) => ({
    origin,
    destination,
    dist,
    distcap: NaN,
    distw: NaN,
    contig,
    comlang_off: 0,
    colony: 0,
    comcol: 0,
    landlocked: 0,
  }));

Deno.test("buildGeBaseline: the countries sorted whatever the order of the rows, the partners' reports sorted by partner, the geography of the study's pairs only and sorted; rows past n and of an unknown flow code are not read", () => {
  const rows: [string, string, number, number, number][] = [
    ["USA", "CHN", 0, 2019, 40], // the first row's reporter is not the first country
    ["TKM", "CHN", 0, 2019, 3], // TKM untrusted in 2019: China's imports (9) instead
    ["UZB", "CHN", 0, 2019, 6], // UZB is trusted in 2019: its own report
    ["KAZ", "CHN", 0, 2019, 5],
    ["CHN", "TKM", 1, 2019, 9],
    ["CHN", "KAZ", 0, 2019, 7],
    ["CHN", "UZB", 0, 2019, 8],
    ["CHN", "USA", 0, 2019, 50],
    ["KAZ", "USA", 2, 2019, 99], // not X nor M: neither report
    ["USA", "KAZ", 0, 2019, 77], // past n: not read
  ];
  const b = buildGeBaseline(world(rows, rows.length - 1), {
    year: 2019,
    reporter: "CHN",
    partners: ["UZB", "TKM", "KAZ"],
    structural: STRUCTURAL_DEFAULTS,
    gdp: ["CHN", "KAZ", "TKM", "USA", "UZB"].map((iso3) => ({ iso3, year: 2019, value: 1000 })),
    geo: geoPairs([
      ["KAZ", "CHN", 3000, 1],
      ["CHN", "UZB", 4000, 0],
      ["CHN", "CHN", 10, 0], // a country with itself: not a pair
      ["UZB", "KAZ", 500, 1],
      ["USA", "CHN", 11000, 0], // outside the study
      ["CHN", "KAZ", 3000, 1],
      ["CHN", "USA", 11000, 0],
      ["TKM", "CHN", 4900, 0],
      ["KAZ", "UZB", 500, 1],
    ]),
  });
  assert.deepEqual(b.countries, ["CHN", "KAZ", "TKM", "USA", "UZB"]);
  // row-major over the sorted countries, GDP - exports on the diagonal; KAZ -> USA (flow code 2)
  // and USA -> KAZ (past n) are 0
  assert.deepEqual(b.exports, [7 + 50 + 8, 5, 9, 40, 6]);
  assert.deepEqual(
    b.flows,
    [
      [1000 - 65, 7, 0, 50, 8],
      [5, 1000 - 5, 0, 0, 0],
      [9, 0, 1000 - 9, 0, 0],
      [40, 0, 0, 1000 - 40, 0],
      [6, 0, 0, 0, 1000 - 6],
    ].flat(),
  );
  assert.deepEqual(b.trade, {
    total: 40 + 6 + 9 + 5 + 7 + 8 + 50,
    leftOut: 0,
    fromExporter: 6,
    fromImporter: { pairs: 1, value: 9 },
    none: 5 * 4 - 7,
  });
  assert.deepEqual(b.reports.map((r) => [r.partner, r.own, r.mirror, r.used]), [
    ["KAZ", 5, null, "exporter"],
    ["TKM", 3, 9, "importer"],
    ["UZB", 6, null, "exporter"],
  ]);
  assert.deepEqual(b.geography.map((g) => [g.exporter, g.importer, g.lnDist, g.contig]), [
    ["CHN", "KAZ", Math.log(3000), 1],
    ["CHN", "UZB", Math.log(4000), 0],
    ["KAZ", "CHN", Math.log(3000), 1],
    ["KAZ", "UZB", Math.log(500), 1],
    ["TKM", "CHN", Math.log(4900), 0],
    ["UZB", "KAZ", Math.log(500), 1],
  ]);
});

Deno.test("buildGeBaseline: under the partner rule a partner's exports the partner does not report are 0 (reported by neither), though the reporter reports the imports", () => {
  const b = buildGeBaseline(
    world([
      ["CHN", "KAZ", 1, 2019, 30], // China's imports from KAZ: not the partner's report
      ["CHN", "KAZ", 0, 2019, 10],
    ]),
    {
      year: 2019,
      reporter: "CHN",
      partners: ["KAZ"],
      structural: { ...STRUCTURAL_DEFAULTS, partnerExports: "partner" },
      gdp: [{ iso3: "CHN", year: 2019, value: 100 }, { iso3: "KAZ", year: 2019, value: 40 }],
      geo: [],
    },
  );
  assert.deepEqual(b.countries, ["CHN", "KAZ"]);
  assert.deepEqual(b.flows, [90, 10, 0, 40]);
  assert.deepEqual(b.exports, [10, 0]);
  assert.deepEqual(b.trade, {
    total: 10,
    leftOut: 0,
    fromExporter: 1,
    fromImporter: { pairs: 0, value: 0 },
    none: 1,
  });
  assert.deepEqual(b.reports, [
    { partner: "KAZ", year: 2019, own: null, mirror: 30, used: null, reason: "" },
  ]);
});

Deno.test("buildGeBaseline: the domestic-flow rule in words, flagged with every result: GDP (WDI, current US$) minus total DOTS exports, a stand-in", () => {
  assert.equal(
    DOMESTIC_RULE,
    "domestic sales (the diagonal) are not data: each country's GDP (WDI NY.GDP.MKTP.CD, " +
      "current US$) minus its total exports to every partner in DOTS that year; GDP is value " +
      "added (services included) and exports are gross goods shipments, so this is a stand-in " +
      "for the goods a country sells at home",
  );
});
