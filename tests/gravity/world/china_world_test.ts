/**
 * The China world panel (lib/gravity/world/china_world.ts): on the real WDI and CEPII files of
 * ../shared (codes mapped, values as in the raw files, drops named; the CEPII code table), and on
 * hand-made inputs with every field worked out by hand (partners, rows, coverage, drops and notes;
 * one reporter's rows, flow codes named); a missing file is a one-line InputError naming it.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  buildChinaWorldPanel,
  type IndexedWorldTrade,
  loadChinaWorldPanel,
  reporterTrade,
  type WorldTradeColumns,
} from "../../../lib/gravity/world/china_world.ts";
import { type GeoPair, parseCepiiMapping, readGeoDist } from "../../../lib/data/sources/cepii.ts";
import { InputError } from "../../../lib/errors.ts";

const RAW = "../shared/data/raw";
const PARTNERS = ["KAZ", "ROU", "SRB", "MNE", "COD", "TWN", "XKX", "SSD"];

/** A stand-in for the DOTS trade (only the partner list matters to these checks). */
function fakeTrade(): WorldTradeColumns {
  const t = { reporter: [], partner: [], flow: [], year: [], value: [], estimate: [] } as {
    reporter: string[];
    partner: string[];
    flow: string[];
    year: number[];
    value: number[];
    estimate: boolean[];
  };
  for (const p of PARTNERS) {
    for (const flow of ["exports", "imports"]) {
      t.reporter.push("CHN");
      t.partner.push(p);
      t.flow.push(flow);
      t.year.push(2015);
      t.value.push(1e6);
      t.estimate.push(false);
    }
  }
  return t;
}

/** The raw line of dist_cepii.csv for CHN -> code, split (read independently of the reader). */
async function rawDist(code: string): Promise<string[]> {
  const text = await Deno.readTextFile(`${RAW}/geo/cepii/dist_cepii.csv`);
  return text.split(/\r?\n/).find((l) => l.startsWith(`CHN,${code},`))!.split(",");
}

Deno.test("China world panel on the real WDI and CEPII files: codes mapped, values as in the raw files, drops named", async () => {
  const p = await loadChinaWorldPanel({
    raw: RAW,
    years: { from: 2015, to: 2015 },
    trade: fakeTrade(),
  });
  const row = (c: string) => p.rows.find((r) => r.partner === c)!;
  // ROM -> ROU: CEPII's CHN-ROM distance and dummies (dist_cepii.csv columns 3-11)
  const rom = await rawDist("ROM");
  assert.equal(row("ROU").dist, Number(rom[10]));
  assert.equal(row("ROU").distw, Number(rom[12]));
  assert.equal(row("ROU").geoMappedFrom, "ROM");
  assert.equal(row("ROU").landlocked, 0);
  const kaz = await rawDist("KAZ");
  assert.equal(row("KAZ").contig, 1); // China borders Kazakhstan
  assert.equal(row("KAZ").dist, Number(kaz[10]));
  assert.equal(row("KAZ").landlocked, 1);
  // ZAR -> COD carries everything; YUG -> SRB, MNE the bilateral fields only
  assert.equal(row("COD").dist, Number((await rawDist("ZAR"))[10]));
  assert.equal(row("SRB").dist, Number((await rawDist("YUG"))[10]));
  assert.equal(row("MNE").dist, row("SRB").dist);
  assert.ok(Number.isNaN(row("SRB").landlocked));
  // GDP and population from the long WDI files (Romania 2015, raw/wdi/gdp-current-usd-long.csv)
  assert.equal(row("ROU").gdp, 177883883008.74738);
  // dropped and named: Taiwan (no WDI), Kosovo and South Sudan (no CEPII geography), and the
  // YUG successors without a landlocked status
  const dropped = new Map(p.dropped.map((d) => [d.partner, d.missing]));
  assert.deepEqual(dropped.get("TWN"), ["gdp", "pop"]);
  assert.deepEqual(dropped.get("XKX"), ["dist", "contig", "comlang_off", "colony", "landlocked"]);
  assert.deepEqual(dropped.get("SSD"), ["dist", "contig", "comlang_off", "colony", "landlocked"]);
  assert.deepEqual(dropped.get("SRB"), ["landlocked"]);
  assert.deepEqual(dropped.get("MNE"), ["landlocked"]);
  assert.equal(dropped.has("ROU") || dropped.has("KAZ") || dropped.has("COD"), false);
});

Deno.test("the CEPII code table: every mapped code exists in CEPII, every target is new to it", async () => {
  const mapping = parseCepiiMapping(await Deno.readTextFile("data/cepii-iso3.csv"));
  const geo = await Deno.readTextFile(`${RAW}/geo/cepii/geo_cepii.csv`);
  const codes = new Set(geo.split(/\r?\n/).slice(1).map((l) => l.split(",")[1]));
  for (const m of mapping) {
    assert.ok(codes.has(m.cepii), m.cepii);
    assert.ok(!codes.has(m.iso3), m.iso3);
    assert.ok(m.note.length > 20, m.cepii);
  }
  const pairs = readGeoDist(
    await Deno.readTextFile(`${RAW}/geo/cepii/dist_cepii.csv`),
    geo,
    mapping,
  );
  // 224 x 223 directed pairs, plus a second row (MNE beside SRB) for each of YUG's 223 pairs as
  // origin and as destination; YUG-YUG is a self pair, so SRB-MNE has no geography
  assert.equal(pairs.length, 224 * 223 + 2 * 223);
  assert.ok(!pairs.some((p) => p.origin === "SRB" && p.destination === "MNE"));
  assert.ok(pairs.every((p) => p.origin !== "ROM" && p.destination !== "ZAR"));
});

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
