/**
 * The study's counterfactual section on the real data against an independent recomputation
 * (tests/fixtures/ge/make_study_fixture.py: pandas + numpy from the raw files, the same stated
 * rules, ge_gravity's fixed point): the 2019 world matrix, who is left out, the domestic flows, and
 * for each computed scenario every country's welfare and changes and China's trade with each
 * partner in partial, conditional and full GE. Then the section's behaviour on a small world: a
 * term the world PPML lacks is stated and not computed, the pair sets, the partial effects.
 */
import "../../root.ts";
import assert from "node:assert/strict";
import { loadWorldPanel } from "../../../lib/data/world.ts";
import { readWdiLong } from "../../../lib/data/sources/wdi.ts";
import { parseCepiiMapping, readGeoDist } from "../../../lib/data/sources/cepii.ts";
import type { CounterfactualConfig } from "../../../lib/gravity/config/counterfactual.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import {
  COUNTERFACTUAL_SOURCES,
  runCounterfactual,
  scenarioPairs,
  type WorldCoefficient,
} from "../../../lib/gravity/world/counterfactual.ts";
import { buildGeBaseline, type GeBaseline } from "../../../lib/gravity/world/ge_world.ts";
import { skipWithoutShared } from "../../shared_data.ts";
import { importClosure, relativeToRoot } from "../../imports.ts";

const RAW = "../shared/data/raw";
const expected = JSON.parse(Deno.readTextFileSync("tests/fixtures/ge/study_expected.json"));

/** The section as the fixture computed it (its year, theta and the two computed scenarios). */
function fixtureConfig(): CounterfactualConfig {
  return {
    enabled: true,
    year: expected.year,
    theta: expected.theta,
    deficits: "additive",
    reference: null,
    domestic: "gdp-minus-exports",
    scenarios: [
      {
        name: "corridor",
        title: "corridor",
        pairs: "reporter-partners",
        term: "ln_dist",
        distanceFactor: expected.distanceFactor,
        assumptions: "a",
      },
      {
        name: "overland",
        title: "overland",
        pairs: "reporter-partners",
        term: "contig",
        set: 1,
        assumptions: "b",
      },
    ],
  };
}

async function realBaseline(): Promise<GeBaseline> {
  const world = await loadWorldPanel("data/world-trade.csv.gz");
  const gdpFile = `${RAW}/wdi/gdp-current-usd-long.csv`;
  const read = (p: string) => Deno.readTextFileSync(p);
  return buildGeBaseline(world, {
    year: expected.year,
    reporter: expected.reporter,
    partners: expected.partners,
    structural: STRUCTURAL_DEFAULTS,
    gdp: readWdiLong(read(gdpFile), gdpFile, { countries: world.codes }).observations,
    geo: readGeoDist(
      read(`${RAW}/geo/cepii/dist_cepii.csv`),
      read(`${RAW}/geo/cepii/geo_cepii.csv`),
      parseCepiiMapping(read("data/cepii-iso3.csv"), "data/cepii-iso3.csv"),
      { origins: [expected.reporter, ...expected.partners] },
    ),
  });
}

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (|diff| ${Math.abs(a - b)} > ${tol})`);
const rel = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a / b - 1) <= tol, `${what}: ${a} vs ${b}`);

Deno.test({
  name:
    "counterfactual on the 2019 world = pandas + numpy from the raw files: the matrix, who is left out, every country's welfare and changes, China's trade with each partner",
  ignore: skipWithoutShared(`${RAW}/wdi/`, "the counterfactual against numpy"),
  async fn() {
    const baseline = await realBaseline();
    const e = expected.baseline;
    assert.deepEqual(baseline.countries, e.countries);
    assert.deepEqual(baseline.excluded.noGdp, e.noGdp);
    assert.deepEqual(baseline.excluded.nonPositive.map((x) => x.country), e.nonPositive);
    assert.equal(baseline.trade.fromExporter, e.trade.fromExporter);
    assert.equal(baseline.trade.fromImporter.pairs, e.trade.fromImporter);
    assert.equal(baseline.trade.none, e.trade.none);
    rel(baseline.trade.fromImporter.value, e.trade.fromImporterValue, 1e-12, "mirror value");
    rel(baseline.trade.leftOut, e.trade.leftOut, 1e-12, "left-out trade");
    rel(baseline.trade.total, e.trade.total, 1e-12, "total trade");
    const coefficients: WorldCoefficient[] = Object.entries(expected.coefficients).map((
      [term, estimate],
    ) => ({ term, estimate: estimate as number, stdError: NaN }));
    const r = runCounterfactual(baseline, fixtureConfig(), coefficients);
    assert.ok(r.ok);
    for (const [k, row] of (e.study as Record<string, number>[]).entries()) {
      const ours = r.baseline.study[k];
      assert.equal(ours.country, row.country);
      for (const key of ["gdp", "exports", "domestic"] as const) {
        rel(ours[key], row[key], 1e-12, `${row.country} ${key}`);
      }
    }
    let worst = 0;
    for (const s of r.scenarios) {
      const x = expected.scenarios[s.scenario.name];
      assert.ok(s.ok && s.result, s.reason ?? "");
      assert.ok(s.result.converged);
      assert.equal(s.result.countries.length, e.countries.length);
      s.result.countries.forEach((c, i) => {
        assert.equal(c.country, e.countries[i]);
        close(c.welfare, x.welfare[i], 1e-10, `${s.scenario.name} ${c.country} welfare`);
        for (
          const key of [
            "realGdpChange",
            "priceChange",
            "inwardResistanceChange",
            "outwardResistanceChange",
            "exportsChange",
            "exportsChangeConditional",
          ] as const
        ) {
          const gap = Math.abs((c[key] as number) - x[key][i]);
          worst = Math.max(worst, gap);
          close(c[key] as number, x[key][i], 1e-8, `${s.scenario.name} ${c.country} ${key} (pp)`);
        }
      });
      x.bilateral.forEach((b: Record<string, number>, k: number) => {
        const ours = s.bilateral[k];
        for (const key of ["baseline", "partial", "conditional", "counterfactual"] as const) {
          rel(ours[key], b[key], 1e-10, `${s.scenario.name} ${b.partner} ${key}`);
        }
      });
    }
    assert.ok(worst < 1e-8, `largest gap ${worst} pp`);
  },
});

/** A three-country world: A (the reporter), B and C (its partners), with geography. */
function smallBaseline(): GeBaseline {
  const countries = ["A", "B", "C"];
  return {
    year: 2019,
    reporter: "A",
    partners: ["B", "C"],
    countries,
    flows: [50, 4, 3, 5, 40, 2, 2, 1, 30],
    gdp: [57, 47, 33],
    exports: [7, 7, 3],
    domesticRule: "rule",
    excluded: { noGdp: [], nonPositive: [] },
    trade: {
      total: 17,
      leftOut: 0,
      fromExporter: 6,
      fromImporter: { pairs: 0, value: 0 },
      none: 0,
    },
    reports: [],
    geography: [
      ["A", "B", 7, 1],
      ["A", "C", 8, 0],
      ["B", "A", 7, 1],
      ["B", "C", 6, 1],
      ["C", "A", 8, 0],
      ["C", "B", 6, 1],
    ].map(([exporter, importer, lnDist, contig]) => ({
      exporter: exporter as string,
      importer: importer as string,
      lnDist: lnDist as number,
      contig: contig as number,
    })),
  };
}

const COEF: WorldCoefficient[] = [
  { term: "ln_dist", estimate: -0.8, stdError: 0.05 },
  { term: "contig", estimate: 0.5, stdError: 0.1 },
];

Deno.test("counterfactual: a term the world PPML lacks (rta) is stated, with why, and not computed; the others run", () => {
  const cfg = fixtureConfig();
  cfg.scenarios.unshift({
    name: "fta",
    title: "fta",
    pairs: "reporter-partners",
    term: "rta",
    set: 1,
    assumptions: "an agreement",
  });
  const r = runCounterfactual(smallBaseline(), cfg, COEF);
  const [fta, corridor, overland] = r.scenarios;
  assert.equal(fta.ok, false);
  assert.equal(fta.result, null);
  assert.equal(fta.coefficient, null);
  assert.match(fta.reason!, /no rta term \(its terms: ln_dist, contig\)/);
  assert.match(fta.reason!, /no RTA indicator/);
  assert.ok(corridor.ok && overland.ok);
  // the corridor: ln B = b ln(0.8) on A<->B and A<->C, nothing else
  for (const p of corridor.pairs) close(p.partial, -0.8 * Math.log(0.8), 1e-15, "ln B");
  assert.deepEqual(corridor.pairs.map((p) => `${p.exporter}${p.importer}`), [
    "AB",
    "BA",
    "AC",
    "CA",
  ]);
  // overland: contig 0 -> 1 only where it was 0 (A-C, C-A)
  assert.deepEqual(
    overland.pairs.map((p) => p.partial),
    [0, 0, 0.5, 0.5],
  );
  // partial equilibrium: each changed flow times exp(ln B); B unchanged
  const b = overland.bilateral.find((x) => x.partner === "B")!;
  assert.equal(b.partial, b.baseline);
  const c = overland.bilateral.find((x) => x.partner === "C")!;
  close(c.partial, (3 + 2) * Math.exp(0.5), 1e-12, "partial A-C");
  close(c.partialChange!, (Math.exp(0.5) - 1) * 100, 1e-10, "partial %");
  close(overland.total!.baseline, 4 + 5 + 3 + 2, 0, "total baseline");
  // the flows kept are the pairs among the study's countries (here every pair)
  assert.equal(overland.result!.flows.length, 9);
  // conditional GE keeps A's output: A's row of the conditional flows sums as before
  assert.ok(c.conditional > c.baseline && c.conditional < c.partial);
});

Deno.test("counterfactual: without a world PPML the section says why and solves nothing", () => {
  const r = runCounterfactual(smallBaseline(), fixtureConfig(), null, "no world trade file");
  assert.equal(r.ok, false);
  assert.match(r.reason!, /no world PPML .*no world trade file/);
  assert.deepEqual(r.scenarios, []);
  // the baseline is described all the same (the flagged domestic flows of the study's countries)
  assert.deepEqual(r.baseline.study.map((s) => s.domestic), [50, 40, 30]);
  close(r.baseline.study[0].domesticShare, 50 / 57, 1e-15, "share");
});

Deno.test("counterfactual: a pair whose country is left out of the world is not computed, and says which", () => {
  const base = smallBaseline();
  const r = runCounterfactual({ ...base, partners: ["B", "C", "D"] }, fixtureConfig(), COEF);
  assert.equal(r.scenarios[0].ok, false);
  assert.match(r.scenarios[0].reason!, /D is not in the baseline world/);
});

Deno.test("scenarioPairs: reporter <-> partners, among the partners, or both", () => {
  assert.deepEqual(scenarioPairs("reporter-partners", "A", ["B", "C"]), [
    ["A", "B"],
    ["B", "A"],
    ["A", "C"],
    ["C", "A"],
  ]);
  assert.deepEqual(scenarioPairs("partners", "A", ["B", "C"]), [["B", "C"], ["C", "B"]]);
  assert.equal(scenarioPairs("all", "A", ["B", "C", "D"]).length, 6 + 6);
});

Deno.test("counterfactual: the cache key holds the section's and the world matrix's files and every file of lib/ge they reach, each once", () => {
  const sources = relativeToRoot(COUNTERFACTUAL_SOURCES);
  for (const f of sources) assert.ok(Deno.statSync(f).isFile, f);
  assert.equal(new Set(sources).size, sources.length);
  // lib/ge/types.ts holds types only (no code to change a result)
  const ge = importClosure(["lib/gravity/world/counterfactual.ts"])
    .filter((f) => f.startsWith("lib/ge/") && f !== "lib/ge/types.ts");
  assert.deepEqual([...sources].sort(), [
    ...ge,
    "lib/gravity/world/counterfactual.ts",
    "lib/gravity/world/ge_world.ts",
  ]);
  assert.equal(ge.length, 4);
});
