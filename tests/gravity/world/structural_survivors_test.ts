// Survivors of `deno task mutate lib/gravity/world/structural.ts` (tests/mutation-gravity-potential.md):
// a flow after the window's end, years and K rows that arrive out of order, the probability of
// the "expanding" class, and the text of STRUCTURAL_MEANING. A hand-made world matrix where every
// flow lies exactly on a stand-in estimator's surface (slopes -1 and 0.5, fixed effects 0), so
// K = 1 for every pair by construction.
import assert from "node:assert/strict";
import {
  runStructural,
  STRUCTURAL_MEANING,
  type StructuralEstimator,
} from "../../../lib/gravity/world/structural.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import { InputError } from "../../../lib/errors.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";

const E = Math.E;
const codes = ["CHN", "KAZ", "UZB"];
// predicted value of each pair: exp(-1 x ln dist + 0.5 x contig) with zero fixed effects
const KAZ = Math.exp(-1 + 0.5); // dist e, contiguous
const UZB = Math.exp(-2); // dist e^2
// [exporter, importer, year, value]: latest year and UZB first, and one flow after the window
const FLOWS: [string, string, number, number][] = [
  ["CHN", "KAZ", 2021, 123], // after the window (2019-2020): not in the fit, no K
  ["CHN", "UZB", 2020, UZB],
  ["CHN", "KAZ", 2020, KAZ],
  ["CHN", "UZB", 2019, UZB],
  ["CHN", "KAZ", 2019, KAZ],
];
const world: IndexedWorldTrade = {
  n: FLOWS.length,
  codes,
  reporter: FLOWS.map((f) => codes.indexOf(f[0])),
  partner: FLOWS.map((f) => codes.indexOf(f[1])),
  flow: FLOWS.map(() => 0),
  year: FLOWS.map((f) => f[2]),
  value: FLOWS.map((f) => f[3]),
  estimate: FLOWS.map(() => 0),
};
const pair = (origin: string, destination: string, dist: number, contig: number): GeoPair => ({
  origin,
  destination,
  dist,
  distcap: dist,
  distw: dist,
  contig,
  comlang_off: 0,
  colony: 0,
  comcol: 0,
  landlocked: 0,
});
const geo = [pair("CHN", "KAZ", E, 1), pair("CHN", "UZB", E * E, 0)];
const zeros = (labels: string[]) => Object.fromEntries(labels.map((l) => [l, 0]));
const estimator: StructuralEstimator = {
  fitModel: (_spec, data) => ({
    n: data.columns.trade.length,
    coefficients: [
      { term: "ln_dist", estimate: -1, stdError: 0, p: 0 },
      { term: "contig", estimate: 0.5, stdError: 0, p: 0 },
    ],
    separated: 0,
    singletons: 0,
    rows: [] as number[],
    fitted: [] as number[],
    model: {
      fe: [
        {
          dimension: "exporter^year",
          columns: ["exporter", "year"],
          effects: zeros(["CHN^2019", "CHN^2020", "CHN^2021"]),
        },
        {
          dimension: "importer^year",
          columns: ["importer", "year"],
          effects: zeros(["KAZ^2019", "KAZ^2020", "KAZ^2021", "UZB^2019", "UZB^2020"]),
        },
      ],
    },
  }),
  slopeCovariance: () => [[0, 0], [0, 0]],
};

Deno.test("structural survivors: window end, sorted years and K rows, expanding probability", () => {
  const draws = 50;
  const r = runStructural(world, geo, { ...STRUCTURAL_DEFAULTS, years: { from: 2019, to: 2020 } }, {
    reporter: "CHN",
    partners: ["KAZ", "UZB"],
    thresholds: { huge: 0.8, remodelling: 1.2 },
    estimator,
    uncertainty: { enabled: true, level: 0.9, draws, seed: 3 },
  });
  assert.equal(r.ok, true);
  assert.equal(r.n, 4); // the 2021 flow is outside the window
  assert.deepEqual(r.years, [2019, 2020]);
  assert.deepEqual(r.k.map((k) => [k.country, k.year]), [
    ["KAZ", 2019],
    ["KAZ", 2020],
    ["UZB", 2019],
    ["UZB", 2020],
  ]);
  for (const k of r.k) {
    assert.ok(Math.abs(k.k - 1) < 1e-12, `${k.country} ${k.year}: K ${k.k}`);
    assert.equal(k.class, "expanding");
    // zero covariance: every draw is K = 1, "expanding" in all 50 of them
    assert.deepEqual(k.classProbabilities, { huge: 0, expanding: 1, remodelling: 0 });
  }
  assert.equal(r.meaning, STRUCTURAL_MEANING);
});

Deno.test("structural survivors: the meaning text as the README and reports print it", () => {
  assert.equal(
    STRUCTURAL_MEANING,
    "The structural K compares China's trade with a partner with what a world gravity model " +
      "predicts once each country's exporter-year and importer-year fixed effects absorb its " +
      "size and its multilateral resistance (its trade costs with everyone else), so only " +
      "distance and contiguity explain the pair. K > 1 means the pair trades more than its " +
      "geography predicts given both countries' overall trade that year; it says nothing about " +
      "GDP or population directly, which the fixed effects have already used.",
  );
});

Deno.test("structural survivors: a missing fixed effect drops the country-year; estimator errors", () => {
  // KAZ 2019 gets a second flow (KAZ -> CHN) whose exporter effect KAZ^2019 the fit lacks: the
  // pair's prediction is incomplete, so KAZ 2019 has no K (not a K from the one complete flow)
  const rows: [string, string, number, number][] = [...FLOWS, ["KAZ", "CHN", 2019, 5]];
  const w: IndexedWorldTrade = {
    n: rows.length,
    codes,
    reporter: rows.map((f) => codes.indexOf(f[0])),
    partner: rows.map((f) => codes.indexOf(f[1])),
    flow: rows.map(() => 0),
    year: rows.map((f) => f[2]),
    value: rows.map((f) => f[3]),
    estimate: rows.map(() => 0),
  };
  const g = [...geo, pair("KAZ", "CHN", E, 1)];
  const cfg = { ...STRUCTURAL_DEFAULTS, years: { from: 2019, to: 2020 } };
  const opts = {
    reporter: "CHN",
    partners: ["KAZ", "UZB"],
    thresholds: { huge: 0.8, remodelling: 1.2 },
  };
  const r = runStructural(w, g, cfg, { ...opts, estimator });
  assert.equal(r.n, 5);
  assert.deepEqual(r.k.map((k) => [k.country, k.year]), [["KAZ", 2020], ["UZB", 2019], [
    "UZB",
    2020,
  ]]);
  // an estimator without the importer-year dimension: no complete prediction, no K, no crash
  const noImporter: StructuralEstimator = {
    fitModel: (spec, data) => {
      const f = estimator.fitModel(spec, data);
      return { ...f, model: { fe: f.model.fe.filter((e) => e.dimension !== "importer^year") } };
    },
  };
  const n = runStructural(w, g, cfg, { ...opts, estimator: noImporter });
  assert.equal(n.ok, true);
  assert.deepEqual(n.k, []);
  // the estimator's InputError: not ok, its message, no coefficients
  const bad = runStructural(w, g, cfg, {
    ...opts,
    estimator: {
      fitModel: () => {
        throw new InputError("PPML did not converge");
      },
    },
  });
  assert.deepEqual([bad.ok, bad.reason, bad.coefficients, bad.k], [
    false,
    "PPML did not converge",
    [],
    [],
  ]);
});
