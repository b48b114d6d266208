/**
 * The K tables say which definition each K column uses: Table 3's one-line note (formula and
 * factor per column, columns with the same reading grouped, PPML's reason), Table 3b's first
 * note, Table 3c's definition, rule and sensitivity lines and its "Partner's exports" column,
 * Table 3's flag on K-struct cells that use China's imports, and the scenario table's note.
 * Hand-built results (tests/gravity/render/hand_results.ts); expected strings written by hand.
 */
import assert from "node:assert/strict";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "../hand_results.ts";
import { kDefinitionUse } from "../../../../lib/gravity/potential/definition.ts";
import {
  benchmarkKSpec,
  kColumnsDefinitionNote,
} from "../../../../lib/gravity/render/sections/world.ts";
import { structuralKSpec } from "../../../../lib/gravity/render/sections/structural.ts";
import { table3Spec } from "../../../../lib/gravity/render/sections/potential.ts";
import { scenarioSpec } from "../../../../lib/gravity/render/sections/forecast.ts";
import { kDefinitionText } from "../../../../lib/gravity/render/sections/formatters.ts";
import type { StudyResult } from "../../../../lib/gravity/study/types.ts";
import { STRUCTURAL_DEFAULTS } from "../../../../lib/gravity/config/structural.ts";
import { structuralFlagNote } from "../../../../lib/gravity/render/sections/structural.ts";

const SMEAR = "K = actual / (exp(fitted) x s), s = Duan's smearing factor mean(exp(residual)) " +
  "of the fit";
const PPML = "K = actual / exp(fitted) (Duan's smearing does not apply: PPML predicts the " +
  "conditional mean of trade in levels, so exp(fitted) needs no retransformation)";

/** A smearing study: in-sample factor 3, benchmark OLS factor 2, PPML and structural: level. */
function smearing(): StudyResult {
  const r = handStudy();
  r.config.potential.definition = "smearing";
  r.kDefinition = kDefinitionUse("smearing", "log-ols", [Math.log(2), Math.log(4)]);
  const ols = handBenchmarkFit("ols");
  ols.kDefinition = kDefinitionUse("smearing", "log-ols", [0, Math.log(3)]);
  const ppml = handBenchmarkFit("ppml");
  ppml.kDefinition = kDefinitionUse("smearing", "ppml");
  r.benchmark = handBenchmark([ols, ppml]);
  const s = handStructural();
  s.kDefinition = kDefinitionUse("smearing", "ppml");
  s.config = {
    ...STRUCTURAL_DEFAULTS,
    untrusted: [{ partner: "AAA", from: 2010, to: 2019, reason: "erratic" }],
  };
  const flow = (exporter: string, importer: string, reportedBy: "exporter" | "importer") => ({
    exporter,
    importer,
    actual: 1,
    lnDist: 1,
    contig: 0,
    feExporter: 0,
    feImporter: 0,
    predicted: 1,
    reportedBy,
    alternative: reportedBy === "importer" ? 2 : null,
  });
  s.k[0].flows = [flow("CHN", "AAA", "exporter"), flow("AAA", "CHN", "importer")];
  s.k[1].flows = [flow("CHN", "BBB", "exporter"), flow("BBB", "CHN", "exporter")];
  s.sensitivity = { partnerExports: "partner", ok: true, k: [{ ...s.k[0], k: 2.5 }] };
  r.structural = s;
  return r;
}

Deno.test("kDefinitionText: the formula, Duan's factor, or why the definition does not apply", () => {
  assert.equal(kDefinitionText(kDefinitionUse("level", "ppml")), "K = actual / exp(fitted)");
  assert.equal(
    kDefinitionText(kDefinitionUse("smearing", "log-ols", [0, 0.5])),
    `${SMEAR} = 1.324`,
  );
  assert.equal(kDefinitionText(kDefinitionUse("smearing", "ppml")), PPML);
  assert.equal(
    kDefinitionText(kDefinitionUse("log-ratio", "log-ols")),
    "K = ln(actual) / fitted (log ratio; unit-dependent)",
  );
});

Deno.test("Table 3: one K definition in every K column, with each factor; the K-struct flag", () => {
  const r = smearing();
  const note = `One K definition in every K column (potential.definition "smearing"): ` +
    `K: ${SMEAR} = 3; K-OLS: ${SMEAR} = 2; K-PPML, K-struct: ${PPML}.`;
  assert.deepEqual(kColumnsDefinitionNote(r), [note]);
  const flag = "K-struct uses CHN's imports for the partner's exports to CHN (the partner's own " +
    "report is untrusted or missing; Table 3c gives the rule and the K with the partner's " +
    "report) in: AAA 2019.";
  assert.deepEqual(structuralFlagNote(r), [flag]);
  const notes = table3Spec(r).notes!;
  assert.ok(notes.includes(note) && notes.includes(flag));
  // outside the table's years: no flag; a failed structural fit: no flag
  r.config.years = { from: 2020, to: 2020 };
  assert.deepEqual(structuralFlagNote(r), []);
  r.structural = handStructural(false);
  assert.deepEqual(structuralFlagNote(r), []);
  // the level ratio with the in-sample K alone: the first note says it all
  const only = handStudy();
  only.kDefinition = kDefinitionUse("level", "log-ols", [0.1]);
  assert.deepEqual(kColumnsDefinitionNote(only), []);
  // ... but its smearing factor is printed
  only.kDefinition = kDefinitionUse("smearing", "log-ols", [0, Math.log(3)]);
  only.config.potential.definition = "smearing";
  assert.deepEqual(kColumnsDefinitionNote(only), [
    `One K definition in every K column (potential.definition "smearing"): K: ${SMEAR} = 2.`,
  ]);
  // no in-sample K (its definition null) and two benchmark columns under the level ratio: the
  // note names those two columns only
  const bench = handStudy();
  bench.kDefinition = null;
  const [ols, ppml] = [handBenchmarkFit("ols"), handBenchmarkFit("ppml")];
  ols.kDefinition = kDefinitionUse("level", "log-ols");
  ppml.kDefinition = kDefinitionUse("level", "ppml");
  bench.benchmark = handBenchmark([ols, ppml]);
  assert.deepEqual(kColumnsDefinitionNote(bench), [
    `One K definition in every K column (potential.definition "${bench.config.potential.definition}"): ` +
    "K-OLS, K-PPML: K = actual / exp(fitted).",
  ]);
});

Deno.test("Table 3b: the definition of each estimator's K in its first note", () => {
  assert.equal(
    benchmarkKSpec(smearing())!.notes![0],
    `K against the benchmark's prediction (exp of the linear prediction, year effect included) ` +
      `under the study's one K definition (potential.definition "smearing"): OLS: ${SMEAR} = 2; ` +
      `PPML: ${PPML}; Study K = the paper-style in-sample K of Table 3, same definition.`,
  );
});

Deno.test("Table 3c: the partner's exports column, the definition, the rule and the sensitivity line", () => {
  const r = smearing();
  const spec = structuralKSpec(r)!;
  assert.equal(spec.columns.at(-1)!.label, "Partner's exports");
  assert.deepEqual(spec.rows.map((x) => x.basis), ["CHN imports", "own report"]);
  assert.deepEqual(spec.notes!.slice(1), [
    "K = (CHN's exports to the partner + the partner's exports to CHN) / the same flows " +
    "predicted with the fixed effects. What it means.",
    spec.notes![2],
    `K definition (potential.definition "smearing"): ${PPML}, with fitted = ln(the summed ` +
    `predicted flows).`,
    "The partner's exports to CHN are each partner's own report, except where the study does " +
    "not trust it (structural.untrusted: AAA 2010-2019: erratic) or the partner reports none: " +
    "there CHN's imports from the partner (CIF) are used, in the fit and in K (column " +
    `"Partner's exports" when any is replaced).`,
    "Sensitivity, the model refitted with every partner's own report: K-struct AAA 2019 2.500 " +
    "(here 2).",
  ]);
  // the sensitivity could not be fitted; the other rules are named
  r.structural!.sensitivity = { partnerExports: "trusted", ok: false, reason: "no fit", k: [] };
  r.structural!.config = { ...r.structural!.config, partnerExports: "reporter" };
  const notes = structuralKSpec(r)!.notes!;
  assert.equal(notes.at(-1), "Sensitivity (the trusted reports): not estimated: no fit.");
  assert.equal(
    notes.at(-2),
    "The partner's exports to CHN are CHN's imports from the partner (CIF) everywhere, in the " +
      `fit and in K (column "Partner's exports" when any is replaced).`,
  );
  // nothing replaced: no column
  for (const k of r.structural!.k) for (const f of k.flows) f.reportedBy = "exporter";
  assert.ok(!structuralKSpec(r)!.columns.some((c) => c.key === "basis"));
});

Deno.test("scenario table: K of the own trend against the model under the study's definition", () => {
  const s = handForecast().scenarios[0];
  s.kDefinition = kDefinitionUse("smearing", "log-ols", [0, Math.log(3)]);
  assert.equal(
    scenarioSpec(s, 0.9).notes![1],
    "Own trend = the partner's last actual grown at its average growth; K of the own trend " +
      "against the model (actual = own trend, fitted = the model's ln projection): " +
      `${SMEAR} = 2 (K interval and probabilities from the coefficients' uncertainty).`,
  );
});
