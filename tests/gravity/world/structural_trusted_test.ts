/**
 * Structural K on the actuals the study trusts: which report of each partner's exports to China
 * enters the fit and K under each rule (structural.partnerExports), the choice flagged per flow,
 * the sensitivity refit under the other rule, and the K read under each K definition. A
 * hand-made world matrix and a stand-in estimator with known slopes and fixed effects, so every
 * K below is worked out by hand.
 */
import assert from "node:assert/strict";
import {
  restateStructural,
  runStructural,
  type StructuralData,
  type StructuralEstimator,
} from "../../../lib/gravity/world/structural.ts";
import {
  chooseReport,
  otherRule,
  structuralReports,
} from "../../../lib/gravity/world/structural_flows.ts";
import type { GeoPair } from "../../../lib/data/sources/cepii.ts";
import type { IndexedWorldTrade } from "../../../lib/gravity/world/china_world.ts";
import {
  STRUCTURAL_DEFAULTS,
  type StructuralConfig,
  UNTRUSTED_DEFAULTS,
} from "../../../lib/gravity/config/structural.ts";
import { PPML_SMEARING_REASON } from "../../../lib/gravity/potential/definition.ts";
import { InputError } from "../../../lib/errors.ts";

const codes = ["CHN", "UZB", "TKM", "KAZ", "DEU"];
// [reporter, partner, flow (0 exports, 1 imports), year, value]
const FLOWS: [string, string, number, number, number][] = [
  ["CHN", "UZB", 0, 2015, 10],
  ["UZB", "CHN", 0, 2015, 40], // UZB's own report, untrusted in 2015
  ["CHN", "UZB", 1, 2015, 16], // China's imports from UZB
  ["CHN", "UZB", 0, 2016, 12],
  ["UZB", "CHN", 0, 2016, 20], // trusted from 2016
  ["CHN", "UZB", 1, 2016, 22],
  ["CHN", "KAZ", 0, 2015, 30],
  ["KAZ", "CHN", 0, 2015, 25],
  ["CHN", "KAZ", 1, 2015, 27],
  ["CHN", "KAZ", 0, 2016, 33], // KAZ reports no exports to China in 2016
  ["CHN", "KAZ", 1, 2016, 28],
  ["CHN", "TKM", 0, 2015, 5], // TKM reports nothing; China's imports 50
  ["CHN", "TKM", 1, 2015, 50],
  ["DEU", "KAZ", 0, 2015, 7],
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

const pair = (origin: string, destination: string): GeoPair => ({
  origin,
  destination,
  dist: Math.E,
  distcap: Math.E,
  distw: Math.E,
  contig: 0,
  comlang_off: 0,
  colony: 0,
  comcol: 0,
  landlocked: 0,
});
const geo = [
  ...["UZB", "TKM", "KAZ"].flatMap((p) => [pair("CHN", p), pair(p, "CHN")]),
  pair("DEU", "KAZ"),
];

// ln dist = 1, slope -1: China's exports lin = -1 + 2 + 0.5 = 1.5, a partner's exports
// lin = -1 + 1 + 0.2 = 0.2, whatever the data (a stand-in estimator)
const EXPORTS = Math.exp(1.5);
const IMPORTS = Math.exp(0.2);
const fe = (value: number, labels: string[]) =>
  Object.fromEntries(labels.flatMap((c) => [2015, 2016].map((y) => [`${c}^${y}`, value])));
const seen: StructuralData[] = [];
const estimator: StructuralEstimator = {
  fitModel: (_spec, data) => {
    seen.push(data as StructuralData);
    return {
      n: data.columns.trade.length,
      coefficients: [
        { term: "ln_dist", estimate: -1, stdError: 0.05, p: 0.01 },
        { term: "contig", estimate: 0.5, stdError: 0.1, p: 0.02 },
      ],
      separated: 0,
      singletons: 0,
      rows: [],
      fitted: [],
      model: {
        fe: [
          {
            dimension: "exporter^year",
            columns: ["exporter", "year"],
            effects: { ...fe(1, ["UZB", "TKM", "KAZ", "DEU"]), ...fe(2, ["CHN"]) },
          },
          {
            dimension: "importer^year",
            columns: ["importer", "year"],
            effects: { ...fe(0.5, ["UZB", "TKM", "KAZ"]), ...fe(0.2, ["CHN"]) },
          },
        ],
      },
    };
  },
  slopeCovariance: () => [[0, 0], [0, 0]],
};

const config: StructuralConfig = { ...STRUCTURAL_DEFAULTS, years: { from: 2015, to: 2016 } };
const options = {
  reporter: "CHN",
  partners: ["KAZ", "TKM", "UZB"],
  thresholds: { huge: 0.8, remodelling: 1.2 },
  estimator,
};
const close = (a: number | null | undefined, b: number, what = "") =>
  assert.ok(typeof a === "number" && Math.abs(a / b - 1) < 1e-12, `${what}: ${a} vs ${b}`);
const UZB_REASON = UNTRUSTED_DEFAULTS[0].reason;
const TKM_REASON = UNTRUSTED_DEFAULTS[1].reason;

Deno.test("chooseReport: each rule, the untrusted years, and a missing report", () => {
  const r = (partner: string, year: number, own: number | null, mirror: number | null) => ({
    partner,
    year,
    own,
    mirror,
  });
  const u = UNTRUSTED_DEFAULTS;
  assert.deepEqual(chooseReport("trusted", u, r("UZB", 2015, 40, 16)), {
    used: "importer",
    reason: UZB_REASON,
  });
  assert.deepEqual(chooseReport("trusted", u, r("UZB", 2016, 20, 22)), {
    used: "exporter",
    reason: "",
  });
  assert.deepEqual(chooseReport("trusted", u, r("TKM", 2004, 1, 2)).used, "importer");
  assert.deepEqual(chooseReport("trusted", u, r("TKM", 2020, 1, 2)).used, "exporter");
  assert.deepEqual(chooseReport("partner", u, r("UZB", 2015, 40, 16)), {
    used: "exporter",
    reason: "",
  });
  assert.deepEqual(chooseReport("reporter", u, r("KAZ", 2015, 25, 27)), {
    used: "importer",
    reason: "the rule takes the reporter's imports",
  });
  // missing reports: "trusted" falls back on the reporter's imports, "partner" does not
  assert.deepEqual(chooseReport("trusted", u, r("KAZ", 2016, null, 28)), {
    used: "importer",
    reason: "the partner reports no exports to the reporter this year",
  });
  assert.deepEqual(chooseReport("partner", u, r("KAZ", 2016, null, 28)), {
    used: null,
    reason: "",
  });
  assert.deepEqual(chooseReport("trusted", u, r("UZB", 2015, 40, null)), {
    used: "exporter",
    reason: "the reporter reports no imports from the partner this year: its own report is kept",
  });
  assert.deepEqual(chooseReport("reporter", u, r("UZB", 2015, null, null)), {
    used: null,
    reason: "",
  });
  assert.deepEqual(
    ["trusted", "partner", "reporter"].map((x) => otherRule(x as "trusted")),
    ["partner", "trusted", "trusted"],
  );
});

Deno.test("structural on trusted actuals: the replaced flows in the fit and in K, flagged per flow", () => {
  seen.length = 0;
  const s = runStructural(world(), geo, config, options);
  assert.ok(s.ok);
  // the main fit, then the sensitivity refit (three partner-years read differently)
  assert.equal(seen.length, 2);
  // input order; KAZ 2016's and TKM 2015's exports to China (reported by China only) come last
  assert.deepEqual(Array.from(seen[0].columns.trade), [10, 16, 12, 20, 30, 25, 33, 5, 7, 28, 50]);
  assert.deepEqual(seen[0].labels.exporter, [
    "CHN",
    "UZB",
    "CHN",
    "UZB",
    "CHN",
    "KAZ",
    "CHN",
    "CHN",
    "DEU",
    "KAZ",
    "TKM",
  ]);
  // the refit under "partner": every partner's own report, none where it reports nothing
  assert.deepEqual(Array.from(seen[1].columns.trade), [10, 40, 12, 20, 30, 25, 33, 5, 7]);
  assert.deepEqual(s.reports.map((r) => [r.partner, r.year, r.own, r.mirror, r.used]), [
    ["KAZ", 2015, 25, 27, "exporter"],
    ["KAZ", 2016, null, 28, "importer"],
    ["TKM", 2015, null, 50, "importer"],
    ["UZB", 2015, 40, 16, "importer"],
    ["UZB", 2016, 20, 22, "exporter"],
  ]);
  const k = new Map(s.k.map((x) => [`${x.country} ${x.year}`, x]));
  const uzb = k.get("UZB 2015")!;
  assert.equal(uzb.actual, 26);
  close(uzb.k, 26 / (EXPORTS + IMPORTS), "UZB 2015");
  assert.deepEqual(
    uzb.flows.map((f) => [f.exporter, f.actual, f.reportedBy, f.alternative, f.reason]),
    [["CHN", 10, "exporter", null, undefined], ["UZB", 16, "importer", 40, UZB_REASON]],
  );
  const kaz = k.get("KAZ 2015")!;
  close(kaz.k, 55 / (EXPORTS + IMPORTS), "KAZ 2015");
  assert.deepEqual(kaz.flows[1].alternative, 27); // China's imports, not used
  assert.equal(kaz.flows[1].reportedBy, "exporter");
  close(k.get("KAZ 2016")!.k, 61 / (EXPORTS + IMPORTS), "KAZ 2016");
  assert.equal(
    k.get("KAZ 2016")!.flows[1].reason,
    "the partner reports no exports to the reporter this year",
  );
  close(k.get("TKM 2015")!.k, 55 / (EXPORTS + IMPORTS), "TKM 2015");
  assert.equal(k.get("TKM 2015")!.flows[1].reason, TKM_REASON);
  close(k.get("UZB 2016")!.k, 32 / (EXPORTS + IMPORTS), "UZB 2016");
  // the sensitivity: K of the three partner-years "partner" reads differently, refitted
  assert.equal(s.sensitivity!.partnerExports, "partner");
  assert.ok(s.sensitivity!.ok);
  const alt = new Map(s.sensitivity!.k.map((x) => [`${x.country} ${x.year}`, x.k]));
  assert.deepEqual([...alt.keys()], ["KAZ 2016", "TKM 2015", "UZB 2015"]);
  close(alt.get("UZB 2015"), 50 / (EXPORTS + IMPORTS), "UZB 2015 partner-reported");
  close(alt.get("KAZ 2016"), 33 / EXPORTS, "KAZ 2016 partner-reported");
  close(alt.get("TKM 2015"), 5 / EXPORTS, "TKM 2015 partner-reported");
  // zero slope covariance (intervals on): each interval is the point K
  for (const x of s.k) assert.deepEqual([x.kLower, x.kUpper], [null, null]);
  const u = restateStructural(s, {
    thresholds: options.thresholds,
    uncertainty: { enabled: true, level: 0.9, draws: 50, seed: 1 },
  });
  for (const x of u.k) close(x.kLower, x.k, `${x.country} lower`);
});

Deno.test("structural rules: every partner's own report (no refit when nothing differs) and the reporter's imports", () => {
  seen.length = 0;
  const p = runStructural(world(), geo, { ...config, partnerExports: "partner" }, options);
  assert.equal(p.sensitivity!.partnerExports, "trusted");
  close(p.k.find((x) => x.country === "UZB" && x.year === 2015)!.k, 50 / (EXPORTS + IMPORTS));
  close(
    p.sensitivity!.k.find((x) => x.country === "UZB" && x.year === 2015)!.k,
    26 / (EXPORTS + IMPORTS),
  );
  seen.length = 0;
  const r = runStructural(world(), geo, { ...config, partnerExports: "reporter" }, options);
  // KAZ 2015 and UZB 2016 read China's imports here, the partners' own reports under "trusted"
  assert.deepEqual(r.sensitivity!.k.map((x) => `${x.country} ${x.year}`), [
    "KAZ 2015",
    "UZB 2016",
  ]);
  close(r.k.find((x) => x.country === "UZB" && x.year === 2016)!.k, 34 / (EXPORTS + IMPORTS));
  // no untrusted partner-year and every report present: one fit, no sensitivity
  seen.length = 0;
  const only = runStructural(world(), geo, config, { ...options, partners: ["UZB"] });
  assert.equal(seen.length, 2);
  seen.length = 0;
  const none = runStructural(world(), geo, { ...config, untrusted: [] }, {
    ...options,
    partners: ["UZB"],
  });
  assert.equal(seen.length, 1);
  assert.equal(none.sensitivity, null);
  assert.ok(only.sensitivity && !none.sensitivity);
  // the sensitivity can be turned off
  seen.length = 0;
  runStructural(world(), geo, config, { ...options, sensitivity: false });
  assert.equal(seen.length, 1);
  // the reports alone, without a fit
  assert.deepEqual(
    structuralReports(world(), config, options).filter((x) => x.used === "importer").map((x) =>
      `${x.partner} ${x.year}`
    ),
    ["KAZ 2016", "TKM 2015", "UZB 2015"],
  );
});

Deno.test("structural K under each K definition: level, smearing (does not apply: PPML), log ratio", () => {
  const s = runStructural(world(), geo, config, { ...options, sensitivity: true });
  const level = restateStructural(s, { thresholds: options.thresholds, definition: "level" });
  const smear = restateStructural(s, { thresholds: options.thresholds, definition: "smearing" });
  const ratio = restateStructural(s, { thresholds: options.thresholds, definition: "log-ratio" });
  assert.deepEqual(smear.kDefinition, {
    definition: "smearing",
    model: "ppml",
    applied: "level",
    factor: 1,
    formula: "K = actual / exp(fitted)",
    reason: PPML_SMEARING_REASON,
  });
  assert.equal(ratio.kDefinition.applied, "log-ratio");
  const pred = EXPORTS + IMPORTS;
  const uzb = (r: typeof s) => r.k.find((x) => x.country === "UZB" && x.year === 2015)!;
  close(uzb(level).k, 26 / pred);
  assert.deepEqual(smear.k, level.k);
  close(uzb(ratio).k, Math.log(26) / Math.log(pred), "log ratio");
  // classes follow the K of the definition: ln 26 / ln 4.7 = 2.1 remodelling; 26 / 5.7 too
  assert.equal(uzb(ratio).class, "remodelling");
  // the sensitivity is read under the same definition
  const alt = ratio.sensitivity!.k.find((x) => x.country === "UZB")!;
  close(alt.k, Math.log(50) / Math.log(pred), "sensitivity log ratio");
  // intervals under the log ratio: zero covariance gives K itself
  const u = restateStructural(s, {
    thresholds: options.thresholds,
    definition: "log-ratio",
    uncertainty: { enabled: true, level: 0.9, draws: 50, seed: 3 },
  });
  close(uzb(u).kLower, uzb(ratio).k, "log-ratio interval");
  close(uzb(u).kUpper, uzb(ratio).k, "log-ratio interval");
});

Deno.test("structural: a sensitivity refit the estimator rejects is not ok and says why; no definition given is the level ratio", () => {
  let calls = 0;
  const failsSecond: StructuralEstimator = {
    fitModel: (spec, data) => {
      calls++;
      if (calls === 2) throw new InputError("PPML did not converge");
      return estimator.fitModel(spec, data);
    },
  };
  const s = runStructural(world(), geo, config, { ...options, estimator: failsSecond });
  assert.equal(calls, 2);
  assert.ok(s.ok);
  assert.deepEqual(s.sensitivity, {
    partnerExports: "partner",
    ok: false,
    reason: "PPML did not converge",
    k: [],
  });
  // options.definition absent: the level ratio, as the K definition's default
  assert.deepEqual(s.kDefinition, {
    definition: "level",
    model: "ppml",
    applied: "level",
    factor: 1,
    formula: "K = actual / exp(fitted)",
  });
  close(s.k.find((x) => x.country === "UZB" && x.year === 2015)!.k, 26 / (EXPORTS + IMPORTS));
});
