/**
 * The structural K (lib/gravity/world/structural.ts) with stand-in estimators of known slopes and
 * fixed effects, on three hand-made world matrices: a 4-country world (K = sum actual / sum
 * predicted from the stored coefficients and fixed effects); a world of CHN, KAZ, UZB and DEU
 * (which flows enter the fit, the counts, every K worked out by hand, the options, the intervals
 * against the closed form); and a world whose flows lie exactly on the estimator's surface, so
 * K = 1 for every pair (a flow after the window's end, years and K rows out of order, the
 * "expanding" probability, a missing fixed effect, estimator errors). The meaning sentence is the
 * README's.
 */
import assert from "node:assert/strict";
import {
  addStructuralUncertainty,
  runStructural,
  STRUCTURAL_MEANING,
  STRUCTURAL_SOURCES,
  type StructuralData,
  type StructuralEstimator,
} from "../../../lib/gravity/world/structural.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import { InputError } from "../../../lib/errors.ts";
import { importClosure, relativeToRoot } from "../../imports.ts";

const codes = ["CHN", "DEU", "KAZ", "USA"];
/** A 4-country world, 2019-2020, every exporter reporting its exports (flow 0). */
function world(): IndexedWorldTrade {
  const w = {
    n: 0,
    codes,
    reporter: [] as number[],
    partner: [] as number[],
    flow: [] as number[],
    year: [] as number[],
    value: [] as number[],
    estimate: [] as number[],
  };
  for (const year of [2019, 2020]) {
    for (let o = 0; o < 4; o++) {
      for (let d = 0; d < 4; d++) {
        if (o === d) continue;
        for (const flow of [0, 1]) {
          w.reporter.push(o);
          w.partner.push(d);
          w.flow.push(flow);
          w.year.push(year);
          w.value.push(1e6 * (1 + o + 2 * d) * (flow ? 0.9 : 1) * (year - 2018));
          w.estimate.push(0);
        }
      }
    }
  }
  w.n = w.value.length;
  return w;
}

const geo: GeoPair[] = codes.flatMap((o, i) =>
  codes.filter((d) => d !== o).map((d, j) => ({
    origin: o,
    destination: d,
    dist: 1000 * (1 + i + j),
    distcap: 1,
    distw: 1,
    contig: (o === "CHN" && d === "KAZ") || (o === "KAZ" && d === "CHN") ? 1 : 0,
    comlang_off: 0,
    colony: 0,
    comcol: 0,
    landlocked: 0,
  }))
);

/** A stand-in estimator with known slopes and fixed effects (checks the K bookkeeping). */
const estimator: StructuralEstimator = {
  fitModel: (spec, data) => {
    assert.deepEqual(spec.fe, ["exporter^year", "importer^year"]);
    const n = data.columns.trade.length;
    const effects = (dim: string) =>
      Object.fromEntries(
        codes.flatMap((c, i) =>
          [2019, 2020].map((y) => [`${c}^${y}`, (dim === "e" ? 10 : 3) + i * 0.1 + (y - 2019)])
        ),
      );
    return {
      n,
      coefficients: [
        { term: "ln_dist", estimate: -0.8, stdError: 0.05, p: 0 },
        { term: "contig", estimate: 0.4, stdError: 0.1, p: 0 },
      ],
      separated: 0,
      singletons: 0,
      rows: Array.from({ length: n }, (_, i) => i),
      fitted: [],
      model: {
        fe: [
          { dimension: "exporter^year", columns: ["exporter", "year"], effects: effects("e") },
          { dimension: "importer^year", columns: ["importer", "year"], effects: effects("i") },
        ],
      },
    };
  },
  slopeCovariance: () => [[0.0025, 0], [0, 0.01]],
};

Deno.test("structural K: exporter-reported flows both ways, K = sum actual / sum predicted from the stored coefficients and fixed effects", () => {
  const s = runStructural(
    world(),
    geo,
    { ...STRUCTURAL_DEFAULTS, years: { from: 2019, to: 2020 } },
    {
      reporter: "CHN",
      partners: ["KAZ"],
      thresholds: { huge: 0.8, remodelling: 1.2 },
      estimator,
      uncertainty: { enabled: true, level: 0.9, draws: 1000, seed: 1 },
    },
  );
  assert.ok(s.ok);
  assert.equal(s.n, 24); // 12 exporter-reported flows a year
  assert.equal(s.k.length, 2);
  const b = new Map(s.coefficients.map((c) => [c.term, c.estimate]));
  for (const k of s.k) {
    assert.deepEqual(k.flows.map((f) => `${f.exporter}->${f.importer}`), ["CHN->KAZ", "KAZ->CHN"]);
    let pred = 0;
    for (const f of k.flows) {
      pred += Math.exp(
        b.get("ln_dist")! * f.lnDist + b.get("contig")! * f.contig + f.feExporter + f.feImporter,
      );
    }
    const actual = k.flows.reduce((a, f) => a + f.actual, 0);
    assert.ok(Math.abs(k.k / (actual / pred) - 1) < 1e-12);
    // CHN -> KAZ exports in 2020 = 1e6 x (1 + 0 + 2 x 2) x 2
    if (k.year === 2020) assert.equal(k.flows[0].actual, 1e7);
    assert.ok(k.kLower! < k.k && k.k < k.kUpper!);
  }
  // no slope uncertainty: a degenerate interval at K and the class with probability 1
  const copy = structuredClone(s);
  addStructuralUncertainty(copy, [[0, 0], [0, 0]], { level: 0.9, draws: 200, seed: 2 }, {
    huge: 0.8,
    remodelling: 1.2,
  });
  for (const k of copy.k) {
    assert.ok(Math.abs(k.kLower! / k.k - 1) < 1e-12 && Math.abs(k.kUpper! / k.k - 1) < 1e-12);
    assert.equal(k.classProbabilities![k.class], 1);
  }
});

// ---- A hand-made world of CHN, KAZ, UZB and DEU and a stand-in estimator with known slopes and
// fixed effects: which flows enter, the counts, every K worked out by hand below, the intervals
// against the closed form.

const handCodes = ["CHN", "KAZ", "UZB", "DEU"];
const E = Math.E;
// [exporter, importer, flow, year, value]
const HAND_FLOWS: [string, string, number, number, number][] = [
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

function handWorld(): IndexedWorldTrade {
  const ix = (c: string) => handCodes.indexOf(c);
  return {
    n: HAND_FLOWS.length,
    codes: handCodes,
    reporter: HAND_FLOWS.map((f) => ix(f[0])),
    partner: HAND_FLOWS.map((f) => ix(f[1])),
    flow: HAND_FLOWS.map((f) => f[2]),
    year: HAND_FLOWS.map((f) => f[3]),
    value: HAND_FLOWS.map((f) => f[4]),
    estimate: HAND_FLOWS.map(() => 0),
  };
}

const handPair = (origin: string, destination: string, dist: number, contig: number): GeoPair => ({
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
const handGeo: GeoPair[] = [
  handPair("CHN", "KAZ", E, 1),
  handPair("KAZ", "CHN", E, 1),
  handPair("CHN", "UZB", E ** 2, 0),
  handPair("CHN", "DEU", E ** 3, 0),
  handPair("DEU", "KAZ", E, 0),
  handPair("DEU", "CHN", 0, 0),
];

const seen: { spec: Record<string, unknown>; data: StructuralData }[] = [];
function handEstimator(extra: Record<string, unknown> = {}, cov?: number[][]): StructuralEstimator {
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
  const s = runStructural(handWorld(), handGeo, config, { ...options, estimator: handEstimator() });
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
  const t = runStructural(handWorld(), handGeo, config, {
    ...options,
    thresholds: { huge: 10, remodelling: 20 },
    estimator: handEstimator(),
  });
  assert.deepEqual(t.k.map((k) => k.class), ["expanding", "huge", "remodelling"]);
  // other reporter: KAZ's partners CHN and DEU
  const z = runStructural(handWorld(), handGeo, config, {
    reporter: "KAZ",
    partners: ["CHN"],
    thresholds: options.thresholds,
    estimator: handEstimator(),
  });
  assert.deepEqual(z.k.map((k) => [k.country, k.year]), [["CHN", 2019], ["CHN", 2020]]);
});

Deno.test("structural: the distance option, a narrower window, converged/iterations, errors", () => {
  seen.length = 0;
  const s = runStructural(handWorld(), handGeo, { ...config, distance: "distcap" }, {
    ...options,
    estimator: handEstimator({ converged: false, iterations: 17 }),
  });
  assert.deepEqual(
    Array.from(seen[0].data.columns.ln_dist).map((v) => Math.round(v * 1e12) / 1e12),
    [2, 2, 3, 4, 2, 2, 3],
  );
  assert.equal(s.excluded.noGeography, 3); // DEU->CHN: distcap 0 x e = 0 too
  assert.equal(s.converged, false);
  assert.equal(s.iterations, 17);
  const w = runStructural(handWorld(), handGeo, {
    ...config,
    distance: "distw",
    years: { from: 2020, to: 2020 },
  }, {
    ...options,
    estimator: handEstimator(),
  });
  assert.deepEqual(w.years, [2020]);
  assert.equal(w.n, 2);
  assert.deepEqual(w.excluded, { noGeography: 2 });
  const bad = runStructural(handWorld(), handGeo, config, {
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
      runStructural(handWorld(), handGeo, config, {
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
  const z = runStructural(handWorld(), handGeo, config, {
    ...options,
    estimator: handEstimator({}, [[0, 0], [0, 0]]),
    uncertainty: u,
  });
  assert.deepEqual(z.slopeCovariance, [[0, 0], [0, 0]]);
  for (const k of z.k) {
    close(k.kLower, k.k, 1e-12);
    close(k.kUpper, k.k, 1e-12);
    assert.deepEqual(k.classProbabilities, { huge: 0, expanding: 0, remodelling: 1 });
  }
  const off = runStructural(handWorld(), handGeo, config, {
    ...options,
    estimator: handEstimator({}, [[0.0025, 0], [0, 0]]),
    uncertainty: { ...u, enabled: false },
  });
  assert.ok(off.k.every((k) => k.kLower === null));
  // UZB 2019 is one flow with ln dist 2: ln K* ~ N(ln K, (2 x 0.05)^2); level 0.8 -> z 1.28155
  const r = runStructural(handWorld(), handGeo, config, {
    ...options,
    estimator: handEstimator({}, [[0.0025, 0], [0, 0]]),
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
  const r = runStructural(handWorld(), handGeo, config, {
    ...options,
    thresholds: { huge: k / 1.1, remodelling: k * 100 },
    estimator: handEstimator({}, cov),
    uncertainty: { enabled: true, level: 0.9, draws: 20000, seed: 8 },
  });
  return r.k[2].classProbabilities!.huge;
}

// ---- A world where every flow lies exactly on a stand-in estimator's surface (slopes -1 and 0.5,
// fixed effects 0), so K = 1 for every pair by construction.

const exactCodes = ["CHN", "KAZ", "UZB"];
// predicted value of each pair: exp(-1 x ln dist + 0.5 x contig) with zero fixed effects
const KAZ = Math.exp(-1 + 0.5);
const UZB = Math.exp(-2);
// [exporter, importer, year, value]: latest year and UZB first, and one flow after the window
const EXACT_FLOWS: [string, string, number, number][] = [
  ["CHN", "KAZ", 2021, 123], // after the window (2019-2020): not in the fit, no K
  ["CHN", "UZB", 2020, UZB],
  ["CHN", "KAZ", 2020, KAZ],
  ["CHN", "UZB", 2019, UZB],
  ["CHN", "KAZ", 2019, KAZ],
];
const exactWorld: IndexedWorldTrade = {
  n: EXACT_FLOWS.length,
  codes: exactCodes,
  reporter: EXACT_FLOWS.map((f) => exactCodes.indexOf(f[0])),
  partner: EXACT_FLOWS.map((f) => exactCodes.indexOf(f[1])),
  flow: EXACT_FLOWS.map(() => 0),
  year: EXACT_FLOWS.map((f) => f[2]),
  value: EXACT_FLOWS.map((f) => f[3]),
  estimate: EXACT_FLOWS.map(() => 0),
};
const exactPair = (origin: string, destination: string, dist: number, contig: number): GeoPair => ({
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
const exactGeo = [exactPair("CHN", "KAZ", E, 1), exactPair("CHN", "UZB", E * E, 0)];
const zeros = (labels: string[]) => Object.fromEntries(labels.map((l) => [l, 0]));
const exactEstimator: StructuralEstimator = {
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

Deno.test("structural: window end, sorted years and K rows, expanding probability", () => {
  const draws = 50;
  const r = runStructural(exactWorld, exactGeo, {
    ...STRUCTURAL_DEFAULTS,
    years: { from: 2019, to: 2020 },
  }, {
    reporter: "CHN",
    partners: ["KAZ", "UZB"],
    thresholds: { huge: 0.8, remodelling: 1.2 },
    estimator: exactEstimator,
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

Deno.test("structural: the meaning text is the README's (its structural K paragraph)", () => {
  // README.md's structural K paragraph quotes the sentences Table 3c's notes print
  const readme = Deno.readTextFileSync(new URL("../../../README.md", import.meta.url));
  const quoted = readme.match(/"(The structural K compares\s[^"]*)"/)?.[1];
  assert.ok(quoted, "README.md: the structural K paragraph should quote STRUCTURAL_MEANING");
  assert.equal(quoted.replace(/\s+/g, " "), STRUCTURAL_MEANING);
});

Deno.test("structural: a missing fixed effect drops the country-year; estimator errors", () => {
  // KAZ 2019 gets a second flow (KAZ -> CHN) whose exporter effect KAZ^2019 the fit lacks: the
  // pair's prediction is incomplete, so KAZ 2019 has no K (not a K from the one complete flow)
  const rows: [string, string, number, number][] = [...EXACT_FLOWS, ["KAZ", "CHN", 2019, 5]];
  const w: IndexedWorldTrade = {
    n: rows.length,
    codes: exactCodes,
    reporter: rows.map((f) => exactCodes.indexOf(f[0])),
    partner: rows.map((f) => exactCodes.indexOf(f[1])),
    flow: rows.map(() => 0),
    year: rows.map((f) => f[2]),
    value: rows.map((f) => f[3]),
    estimate: rows.map(() => 0),
  };
  const g = [...exactGeo, exactPair("KAZ", "CHN", E, 1)];
  const cfg = { ...STRUCTURAL_DEFAULTS, years: { from: 2019, to: 2020 } };
  const opts = {
    reporter: "CHN",
    partners: ["KAZ", "UZB"],
    thresholds: { huge: 0.8, remodelling: 1.2 },
  };
  const r = runStructural(w, g, cfg, { ...opts, estimator: exactEstimator });
  assert.equal(r.n, 5);
  assert.deepEqual(r.k.map((k) => [k.country, k.year]), [["KAZ", 2020], ["UZB", 2019], [
    "UZB",
    2020,
  ]]);
  // an estimator without the importer-year dimension: no complete prediction, no K, no crash
  const noImporter: StructuralEstimator = {
    fitModel: (spec, data) => {
      const f = exactEstimator.fitModel(spec, data);
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

Deno.test("structural cache key: every file of the fit's code (the flows, K, the PPML solver of lib/stats/model, its covariance), each once", () => {
  const sources = relativeToRoot(STRUCTURAL_SOURCES);
  for (const f of sources) assert.ok(Deno.statSync(f).isFile, f);
  assert.equal(new Set(sources).size, sources.length);
  // the study's estimator is lib/stats's fitModel (world/load.ts), the K code is structural*.ts:
  // what they import, within the solver's folder, vcov.ts and the structural files
  const code = importClosure(["lib/gravity/world/structural.ts", "lib/stats/model/fit.ts"])
    .filter((f) =>
      f.startsWith("lib/stats/model/") || f === "lib/stats/vcov.ts" ||
      f.startsWith("lib/gravity/world/structural")
    );
  assert.deepEqual([...sources].sort(), code);
  assert.ok(code.includes("lib/stats/model/ppml_fe.ts") && code.length === 17, code.join(" "));
});
