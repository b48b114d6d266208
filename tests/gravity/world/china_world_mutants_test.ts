// buildChinaWorldPanel and reporterTrade on hand-made inputs, every field worked out by hand
// below; loadChinaWorldPanel's one-line error for a missing file. Written for the mutants of
// `deno task mutate lib/gravity/world/china_world.ts` (tests/mutation-gravity-potential.md).
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  buildChinaWorldPanel,
  type IndexedWorldTrade,
  loadChinaWorldPanel,
  reporterTrade,
} from "../../../lib/gravity/world/china_world.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import { InputError } from "../../../lib/errors.ts";

// [reporter, partner, flow, year, value, estimate]
const T: [string, string, string, number, number, boolean][] = [
  ["CHN", "KAZ", "exports", 2010, 100, false],
  ["CHN", "KAZ", "imports", 2010, 50, true],
  ["CHN", "KAZ", "exports", 2011, 70, false],
  ["CHN", "KAZ", "re-exports", 2010, 5, false],
  ["CHN", "CHN", "exports", 2010, 9, false],
  ["CHN", "UZB", "exports", 2009, 8, false],
  ["CHN", "UZB", "exports", 2012, 8, false],
  ["USA", "KAZ", "exports", 2010, 7, false],
  ["CHN", "TJK", "imports", 2011, 30, false],
  ["CHN", "TJK", "exports", 2011, 20, false],
];
const geoPair = (origin: string, destination: string, dist: number, extra = {}): GeoPair => ({
  origin,
  destination,
  dist,
  distcap: dist + 1,
  distw: dist + 2,
  contig: 1,
  comlang_off: 0,
  colony: 0,
  comcol: 0,
  landlocked: 1,
  ...extra,
});
const inputs = {
  trade: {
    reporter: T.map((t) => t[0]),
    partner: T.map((t) => t[1]),
    flow: T.map((t) => t[2]),
    year: T.map((t) => t[3]),
    value: T.map((t) => t[4]),
    estimate: T.map((t) => t[5]),
  },
  gdp: [
    { iso3: "KAZ", year: 2010, value: 1e11 },
    { iso3: "KAZ", year: 2011, value: 1.1e11 },
    { iso3: "TJK", year: null, value: 5 },
  ],
  pop: [
    { iso3: "KAZ", year: 2010, value: 18e6 },
    { iso3: "TJK", year: 2011, value: 9e6 },
  ],
  geo: [
    geoPair("CHN", "KAZ", 3000),
    geoPair("CHN", "TJK", 4000, { landlocked: NaN, contig: 0, mappedFrom: "TJX" }),
    geoPair("KAZ", "TJK", 10, { landlocked: 0 }),
  ],
};

Deno.test("China world panel (hand-made): partners, rows, coverage, drops and notes", () => {
  const p = buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2010, to: 2011 } });
  assert.equal(p.reporter, "CHN");
  assert.deepEqual(p.years, { from: 2010, to: 2011 });
  assert.deepEqual(p.partners, ["KAZ", "TJK"]);
  const N = NaN;
  const kazGeo = {
    dist: 3000,
    distcap: 3001,
    distw: 3002,
    contig: 1,
    comlang_off: 0,
    colony: 0,
    landlocked: 1,
  };
  const tjkGeo = {
    dist: 4000,
    distcap: 4001,
    distw: 4002,
    contig: 0,
    comlang_off: 0,
    colony: 0,
    landlocked: N,
  };
  assert.deepEqual(p.rows, [
    {
      partner: "KAZ",
      year: 2010,
      trade: 150,
      exports: 100,
      imports: 50,
      estimate: true,
      gdp: 1e11,
      pop: 18e6,
      ...kazGeo,
    },
    {
      partner: "KAZ",
      year: 2011,
      trade: N,
      exports: 70,
      imports: N,
      estimate: false,
      gdp: 1.1e11,
      pop: N,
      ...kazGeo,
    },
    {
      partner: "TJK",
      year: 2010,
      trade: N,
      exports: N,
      imports: N,
      estimate: false,
      gdp: N,
      pop: N,
      ...tjkGeo,
      geoMappedFrom: "TJX",
    },
    {
      partner: "TJK",
      year: 2011,
      trade: 50,
      exports: 20,
      imports: 30,
      estimate: false,
      gdp: N,
      pop: 9e6,
      ...tjkGeo,
      geoMappedFrom: "TJX",
    },
  ]);
  assert.ok(!("geoMappedFrom" in p.rows[0]));
  const cov = (variable: string, present: number, missingPartners: string[] = []) => ({
    variable,
    present,
    total: 4,
    missingPartners,
  });
  assert.deepEqual(p.coverage.map(({ source: _s, ...c }) => c), [
    cov("trade", 2),
    cov("gdp", 2, ["TJK"]),
    cov("pop", 2),
    cov("dist", 4),
    cov("contig", 4),
    cov("comlang_off", 4),
    cov("colony", 4),
    cov("landlocked", 2, ["TJK"]),
  ]);
  assert.equal(p.coverage[0].source, "IMF DOTS: exports FOB + imports CIF, US$");
  assert.equal(p.coverage[1].source, "WDI NY.GDP.MKTP.CD, current US$");
  assert.deepEqual(p.dropped, [{ partner: "TJK", missing: ["gdp", "landlocked"] }]);
  assert.deepEqual(p.notes, ["1 entries of other flows than exports/imports ignored"]);
  // the window's edges are inclusive; no other flow, no note
  const one = buildChinaWorldPanel(
    {
      ...inputs,
      trade: {
        ...inputs.trade,
        flow: inputs.trade.flow.map((f) => f === "re-exports" ? "exports" : f),
      },
    },
    { reporter: "CHN", years: { from: 2009, to: 2009 } },
  );
  assert.deepEqual(one.partners, ["UZB"]);
  assert.deepEqual(one.notes, []);
  assert.equal(one.rows[0].trade, N);
  assert.equal(one.rows[0].exports, 8);
  assert.deepEqual(one.coverage[0], {
    ...cov("trade", 0, ["UZB"]),
    total: 1,
    source: one.coverage[0].source,
  });
  assert.equal(
    buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2012, to: 2012 } }).partners[0],
    "UZB",
  );
  // another reporter: the USA's partner KAZ, with no geography from the USA
  const usa = buildChinaWorldPanel(inputs, { reporter: "USA", years: { from: 2010, to: 2010 } });
  assert.deepEqual(usa.partners, ["KAZ"]);
  assert.equal(usa.rows[0].exports, 7);
  assert.ok(Number.isNaN(usa.rows[0].dist));
});

Deno.test("reporterTrade: one reporter's rows, flow codes named, estimates as booleans", () => {
  const w: IndexedWorldTrade = {
    n: 4,
    codes: ["CHN", "KAZ", "USA"],
    reporter: [0, 0, 2, 0],
    partner: [1, 2, 1, 1],
    flow: [0, 1, 0, 2],
    year: [2010, 2011, 2010, 2012],
    value: [1, 2, 3, 4],
    estimate: [1, 0, 1, 0],
  };
  assert.deepEqual(reporterTrade(w, "CHN"), {
    reporter: ["CHN", "CHN", "CHN"],
    partner: ["KAZ", "USA", "KAZ"],
    flow: ["exports", "imports", "2"],
    year: [2010, 2011, 2012],
    value: [1, 2, 4],
    estimate: [true, false, false],
  });
  assert.deepEqual(reporterTrade(w, "USA").value, [3]);
});

Deno.test("loadChinaWorldPanel: a missing file is a one-line InputError naming it", async () => {
  await assert.rejects(
    () => loadChinaWorldPanel({ mappingFile: "out/no-such-mapping.csv" }),
    (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, "out/no-such-mapping.csv: cannot read the file (NotFound)");
      return true;
    },
  );
  await assert.rejects(
    () => loadChinaWorldPanel({ raw: "out/no-such-raw" }),
    /^InputError: out\/no-such-raw\/geo\/cepii\/dist_cepii\.csv: cannot read the file \(NotFound\)$/,
  );
});
