// runStructural on a hand-made world matrix and a stand-in estimator with known slopes and fixed
// effects: which flows enter, the counts, every K worked out by hand below, the intervals against
// the closed form. Written for the mutants of `deno task mutate lib/gravity/world/structural.ts`
// (tests/mutation-gravity-potential.md).
import assert from "node:assert/strict";
import {
  addStructuralUncertainty,
  runStructural,
  STRUCTURAL_MEANING,
  type StructuralData,
  type StructuralEstimator,
} from "../../../lib/gravity/world/structural.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import { InputError } from "../../../lib/errors.ts";
import {
  parseStructuralConfig,
  STRUCTURAL_DEFAULTS,
  UNTRUSTED_DEFAULTS,
} from "../../../lib/gravity/config/structural.ts";

const codes = ["CHN", "KAZ", "UZB", "DEU"];
const E = Math.E;
// [exporter, importer, flow, year, value]
const FLOWS: [string, string, number, number, number][] = [
  ["CHN", "KAZ", 0, 2019, 100],
  ["KAZ", "CHN", 0, 2019, 50],
  ["CHN", "KAZ", 1, 2019, 999], // an import flow: ignored
  ["CHN", "UZB", 0, 2019, 30],
  ["UZB", "CHN", 0, 2019, 40], // no geography
  ["CHN", "DEU", 0, 2019, 500], // not a study partner
  ["DEU", "KAZ", 0, 2019, 20], // no China side
  ["CHN", "KAZ", 0, 2018, 7], // outside the window
  ["KAZ", "CHN", 0, 2020, NaN], // missing value: counted with no geography
  ["CHN", "KAZ", 0, 2020, 80],
  ["DEU", "CHN", 0, 2020, 60], // distance 0
  ["CHN", "UZB", 0, 2020, 10], // UZB^2020 importer effect missing: no K
];

function world(): IndexedWorldTrade {
  const ix = (c: string) => codes.indexOf(c);
  return {
    n: FLOWS.length,
    codes,
    reporter: FLOWS.map((f) => ix(f[0])),
    partner: FLOWS.map((f) => ix(f[1])),
    flow: FLOWS.map((f) => f[2]),
    year: FLOWS.map((f) => f[3]),
    value: FLOWS.map((f) => f[4]),
    estimate: FLOWS.map(() => 0),
  };
}

const pair = (origin: string, destination: string, dist: number, contig: number): GeoPair => ({
  origin,
  destination,
  dist,
  distcap: dist * E,
  distw: dist * E * E,
  contig,
  comlang_off: 0,
  colony: 0,
  comcol: 0,
  landlocked: 0,
});
const geo: GeoPair[] = [
  pair("CHN", "KAZ", E, 1),
  pair("KAZ", "CHN", E, 1),
  pair("CHN", "UZB", E ** 2, 0),
  pair("CHN", "DEU", E ** 3, 0),
  pair("DEU", "KAZ", E, 0),
  pair("DEU", "CHN", 0, 0),
];

const seen: { spec: Record<string, unknown>; data: StructuralData }[] = [];
function estimator(extra: Record<string, unknown> = {}, cov?: number[][]): StructuralEstimator {
  return {
    fitModel: (spec, data) => {
      seen.push({ spec, data: data as StructuralData });
      return {
        n: data.columns.trade.length,
        coefficients: [
          { term: "ln_dist", estimate: -1, stdError: 0.05, p: 0.01 },
          { term: "contig", estimate: 0.5, stdError: 0.1, p: 0.02 },
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
              effects: { "CHN^2019": 2, "KAZ^2019": 1, "CHN^2020": 2.5 } as Record<string, number>,
            },
            {
              dimension: "importer^year",
              columns: ["importer", "year"],
              effects: {
                "KAZ^2019": 0.5,
                "CHN^2019": 0.2,
                "UZB^2019": 0.1,
                "KAZ^2020": 0.4,
              } as Record<string, number>,
            },
          ],
        },
        ...extra,
      };
    },
    ...(cov ? { slopeCovariance: () => cov } : {}),
  };
}

const config = { ...STRUCTURAL_DEFAULTS, years: { from: 2019, to: 2020 } };
const options = {
  reporter: "CHN",
  partners: ["KAZ", "UZB"],
  thresholds: { huge: 0.8, remodelling: 1.2 },
};
const close = (a: number | null, b: number, tol: number, what = "") =>
  assert.ok(a !== null && Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b}`);

Deno.test("structural (hand-made world): flows in the fit, counts, K by hand, classes", () => {
  seen.length = 0;
  const s = runStructural(world(), geo, config, { ...options, estimator: estimator() });
  assert.equal(s.ok, true);
  assert.equal(s.reason, undefined);
  assert.equal(s.config, config);
  assert.deepEqual(seen[0].spec, {
    dependent: "trade",
    terms: ["ln_dist", "contig"],
    fe: ["exporter^year", "importer^year"],
    estimator: "ppml",
    se: "cluster:pair",
  });
  const d = seen[0].data;
  assert.deepEqual(Array.from(d.columns.trade), [100, 50, 30, 500, 20, 80, 10]);
  assert.deepEqual(Array.from(d.columns.ln_dist).map((v) => Math.round(v * 1e12) / 1e12), [
    1,
    1,
    2,
    3,
    1,
    1,
    2,
  ]);
  assert.deepEqual(Array.from(d.columns.contig), [1, 1, 0, 0, 0, 1, 0]);
  assert.deepEqual(d.labels.exporter, ["CHN", "KAZ", "CHN", "CHN", "DEU", "CHN", "CHN"]);
  assert.deepEqual(d.labels.importer, ["KAZ", "CHN", "UZB", "DEU", "KAZ", "KAZ", "UZB"]);
  assert.deepEqual(d.labels.year, [2019, 2019, 2019, 2019, 2019, 2020, 2020]);
  assert.deepEqual(d.labels.pair, [
    "CHN-KAZ",
    "CHN-KAZ",
    "CHN-UZB",
    "CHN-DEU",
    "DEU-KAZ",
    "CHN-KAZ",
    "CHN-UZB",
  ]);
  assert.equal(s.n, 7);
  assert.equal(s.exporters, 3);
  assert.equal(s.importers, 4);
  assert.deepEqual(s.years, [2019, 2020]);
  assert.deepEqual(s.excluded, { noGeography: 3 });
  assert.equal(s.se, "cluster-robust by pair");
  assert.equal(s.meaning, STRUCTURAL_MEANING);
  assert.deepEqual(s.coefficients, [
    { term: "ln_dist", estimate: -1, stdError: 0.05, p: 0.01 },
    { term: "contig", estimate: 0.5, stdError: 0.1, p: 0.02 },
  ]);
  assert.ok(!("converged" in s) && !("iterations" in s));
  assert.equal(s.slopeCovariance, null);
  // KAZ 2019: CHN->KAZ lin = -1 + 0.5 + 2 + 0.5 = 2; KAZ->CHN lin = -1 + 0.5 + 1 + 0.2 = 0.7
  // KAZ 2020: CHN->KAZ lin = -1 + 0.5 + 2.5 + 0.4 = 2.4; UZB 2019: CHN->UZB -2 + 2 + 0.1 = 0.1
  assert.deepEqual(s.k.map((k) => [k.country, k.year, k.class]), [
    ["KAZ", 2019, "remodelling"],
    ["KAZ", 2020, "remodelling"],
    ["UZB", 2019, "remodelling"],
  ]);
  const [a, b, c] = s.k;
  assert.equal(a.actual, 150);
  close(a.predicted, Math.exp(2) + Math.exp(0.7), 1e-12);
  close(a.k, 150 / (Math.exp(2) + Math.exp(0.7)), 1e-12);
  assert.deepEqual(
    a.flows.map((f) => [f.exporter, f.importer, f.actual, f.contig, f.feExporter, f.feImporter]),
    [
      ["CHN", "KAZ", 100, 1, 2, 0.5],
      ["KAZ", "CHN", 50, 1, 1, 0.2],
    ],
  );
  close(a.flows[1].predicted, Math.exp(0.7), 1e-12);
  close(a.flows[0].lnDist, 1, 1e-12);
  close(b.k, 80 / Math.exp(2.4), 1e-12);
  close(c.k, 30 / Math.exp(0.1), 1e-12);
  assert.deepEqual([a.kLower, a.kUpper, a.classProbabilities], [null, null, null]);
  // thresholds reach the classes: K(KAZ 2019) = 14.8, K(KAZ 2020) = 7.3, K(UZB) = 27.1
  const t = runStructural(world(), geo, config, {
    ...options,
    thresholds: { huge: 10, remodelling: 20 },
    estimator: estimator(),
  });
  assert.deepEqual(t.k.map((k) => k.class), ["expanding", "huge", "remodelling"]);
  // other reporter: KAZ's partners CHN and DEU
  const z = runStructural(world(), geo, config, {
    reporter: "KAZ",
    partners: ["CHN"],
    thresholds: options.thresholds,
    estimator: estimator(),
  });
  assert.deepEqual(z.k.map((k) => [k.country, k.year]), [["CHN", 2019], ["CHN", 2020]]);
});

Deno.test("structural: the distance option, a narrower window, converged/iterations, errors", () => {
  seen.length = 0;
  const s = runStructural(world(), geo, { ...config, distance: "distcap" }, {
    ...options,
    estimator: estimator({ converged: false, iterations: 17 }),
  });
  assert.deepEqual(
    Array.from(seen[0].data.columns.ln_dist).map((v) => Math.round(v * 1e12) / 1e12),
    [2, 2, 3, 4, 2, 2, 3],
  );
  assert.equal(s.excluded.noGeography, 3); // DEU->CHN: distcap 0 x e = 0 too
  assert.equal(s.converged, false);
  assert.equal(s.iterations, 17);
  const w = runStructural(world(), geo, {
    ...config,
    distance: "distw",
    years: { from: 2020, to: 2020 },
  }, {
    ...options,
    estimator: estimator(),
  });
  assert.deepEqual(w.years, [2020]);
  assert.equal(w.n, 2);
  assert.deepEqual(w.excluded, { noGeography: 2 });
  const bad = runStructural(world(), geo, config, {
    ...options,
    estimator: {
      fitModel: () => {
        throw new InputError("no convergence");
      },
    },
  });
  assert.deepEqual([bad.ok, bad.reason, bad.n, bad.k, bad.exporters], [
    false,
    "no convergence",
    0,
    [],
    3,
  ]);
  assert.throws(
    () =>
      runStructural(world(), geo, config, {
        ...options,
        estimator: {
          fitModel: () => {
            throw new RangeError("bug");
          },
        },
      }),
    RangeError,
  );
});

Deno.test("structural intervals: zero covariance gives K itself; a slope's variance gives the closed form", () => {
  const u = { enabled: true, level: 0.9, draws: 20000, seed: 5 };
  const z = runStructural(world(), geo, config, {
    ...options,
    estimator: estimator({}, [[0, 0], [0, 0]]),
    uncertainty: u,
  });
  assert.deepEqual(z.slopeCovariance, [[0, 0], [0, 0]]);
  for (const k of z.k) {
    close(k.kLower, k.k, 1e-12);
    close(k.kUpper, k.k, 1e-12);
    assert.deepEqual(k.classProbabilities, { huge: 0, expanding: 0, remodelling: 1 });
  }
  const off = runStructural(world(), geo, config, {
    ...options,
    estimator: estimator({}, [[0.0025, 0], [0, 0]]),
    uncertainty: { ...u, enabled: false },
  });
  assert.ok(off.k.every((k) => k.kLower === null));
  // UZB 2019 is one flow with ln dist 2: ln K* ~ N(ln K, (2 x 0.05)^2); level 0.8 -> z 1.28155
  const r = runStructural(world(), geo, config, {
    ...options,
    estimator: estimator({}, [[0.0025, 0], [0, 0]]),
    uncertainty: { ...u, level: 0.8 },
  });
  const uzb = r.k[2];
  close(uzb.kLower, uzb.k * Math.exp(-1.2815515655 * 0.1), 0.01, "lower");
  close(uzb.kUpper, uzb.k * Math.exp(1.2815515655 * 0.1), 0.01, "upper");
  // thresholds: huge at K / 1.1 -> P(ln K* < ln K - ln 1.1) = Phi(-0.9531) = 0.1703
  const h = structuralWith([[0.0025, 0], [0, 0]], uzb.k);
  close(h, 0.1703, 0.05, "P(huge)");
  // a missing slope counts as 0: contig absent, ln_dist's draws only
  const res = {
    ...r,
    coefficients: [{ term: "ln_dist", estimate: -1, stdError: 0, p: 0 }],
    k: r.k.map((k) => ({ ...k, flows: k.flows.map((f) => ({ ...f, contig: 1 })) })),
  };
  addStructuralUncertainty(
    res,
    [[0, 0], [0, 0]],
    { level: 0.9, draws: 100, seed: 1 },
    options.thresholds,
  );
  // UZB with contig 1 but no contig coefficient: prediction unchanged, K unchanged
  close(res.k[2].kLower, uzb.k, 1e-12);
});

function structuralWith(cov: number[][], k: number): number {
  const r = runStructural(world(), geo, config, {
    ...options,
    thresholds: { huge: k / 1.1, remodelling: k * 100 },
    estimator: estimator({}, cov),
    uncertainty: { enabled: true, level: 0.9, draws: 20000, seed: 8 },
  });
  return r.k[2].classProbabilities!.huge;
}

Deno.test("parseStructuralConfig: defaults, fields and one-line errors", () => {
  assert.equal(parseStructuralConfig(undefined), null);
  assert.equal(parseStructuralConfig(null), null);
  assert.deepEqual(parseStructuralConfig({}), STRUCTURAL_DEFAULTS);
  assert.deepEqual(STRUCTURAL_DEFAULTS, {
    enabled: true,
    years: { from: 2010, to: 2020 },
    distance: "dist",
    partnerExports: "trusted",
    untrusted: UNTRUSTED_DEFAULTS,
  });
  assert.deepEqual(
    parseStructuralConfig({ enabled: false, years: { from: 2015, to: 2015 }, distance: "distw" }),
    {
      enabled: false,
      years: { from: 2015, to: 2015 },
      distance: "distw",
      partnerExports: "trusted",
      untrusted: UNTRUSTED_DEFAULTS,
    },
  );
  assert.equal(parseStructuralConfig({ distance: "distcap" })!.distance, "distcap");
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseStructuralConfig(raw, "s.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `s.json: ${msg}`);
      return true;
    });
  err([], '"structural" must be an object');
  err(5, '"structural" must be an object');
  err(
    { x: 1 },
    'unknown key "x" in "structural" (allowed: enabled, years, distance, partnerExports, untrusted)',
  );
  err(
    { years: { from: 2016, to: 2015 } },
    '"structural.years.from" (2016) is after "structural.years.to" (2015)',
  );
  err(
    { years: { from: 2015, to: 2016.5 } },
    '"structural.years.to" must be a whole year, not 2016.5',
  );
  err({ years: { from: "2015", to: 2016 } }, '"structural.years.from" must be a number');
  err({ years: { from: 2015 } }, '"structural.years" has no "to" (it is required)');
  err({ years: 7 }, '"structural.years" must be an object');
  err({ enabled: "true" }, '"structural.enabled" must be true or false');
  err({ distance: "km" }, '"structural.distance" "km" is not one of dist, distcap, distw');
  assert.throws(() => parseStructuralConfig([]), /^InputError: study config: /);
});
