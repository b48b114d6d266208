import assert from "node:assert/strict";
import {
  addStructuralUncertainty,
  runStructural,
  type StructuralEstimator,
} from "../../../lib/gravity/world/structural.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import {
  parseStructuralConfig,
  STRUCTURAL_DEFAULTS,
} from "../../../lib/gravity/config/structural.ts";

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

Deno.test("structural config: defaults and one-line errors", () => {
  assert.equal(parseStructuralConfig(undefined), null);
  assert.deepEqual(parseStructuralConfig({}), STRUCTURAL_DEFAULTS);
  assert.throws(
    () => parseStructuralConfig({ yaers: {} }, "c.json"),
    /^InputError: c\.json: unknown key "yaers" in "structural" \(allowed: enabled, years, distance, partnerExports, untrusted\); did you mean "years"\?$/,
  );
  assert.throws(
    () => parseStructuralConfig({ distance: "km" }, "c.json"),
    /"structural.distance" "km"/,
  );
});
