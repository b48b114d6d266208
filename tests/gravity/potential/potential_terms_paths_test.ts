/**
 * K and term formation paths found by mutation testing: a custom intercept key, terms without a
 * coefficient, non-finite K, the reporter's and the dependent variable's missing pieces, and the
 * design's flags.
 */
import assert from "node:assert/strict";
import {
  linearPrediction,
  potentialTable,
  smearingFactor,
} from "../../../lib/gravity/potential/k.ts";
import { buildDesign, formTerm, panelLookup } from "../../../lib/gravity/equation/terms.ts";
import { parseStudyConfig } from "../../../lib/gravity/config/study.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

Deno.test("linearPrediction: intercept key, terms without a coefficient, a missing regressor", () => {
  assert.equal(linearPrediction({ b0: 2, t: 3 }, { t: 1, u: 100 }, "b0"), 5);
  assert.equal(linearPrediction({ t: 3 }, { t: 2 }), 6); // no intercept: 0
  assert.ok(Number.isNaN(linearPrediction({ "(Intercept)": 1, t: 3 }, { t: null })));
  assert.ok(Number.isNaN(linearPrediction({ "(Intercept)": 1, t: 3 }, {})));
  assert.equal(smearingFactor([Math.log(2), Math.log(4)]), 3);
});

Deno.test("potentialTable: custom intercept key, default thresholds, non-finite K unclassified", () => {
  const row = (country: string, actual: number | null, t: number) => ({
    country,
    year: 2000,
    actual,
    y: actual === null ? null : Math.log(actual),
    x: { t },
    missing: [],
    complete: actual !== null,
    predictable: true,
  });
  const design = [row("A", Math.exp(1) * 0.85, 1), row("B", Math.exp(2), 2), row("C", 1, 0)];
  const rows = potentialTable(design, { b0: 0, t: 1 }, { intercept: "b0" });
  assert.deepEqual(rows.map((r) => r.fitted), [1, 2, 0]);
  assert.ok(Math.abs(rows[0].k! - 0.85) < 1e-15);
  assert.equal(rows[0].class, "expanding"); // 0.85: above the default 0.8
  assert.equal(rows[1].k, 1);
  // log ratio with a fitted log of 0: ln(1)/0 is NaN, K exists but has no class
  const lr = potentialTable(design, { b0: 0, t: 1 }, { intercept: "b0", definition: "log-ratio" });
  assert.ok(Number.isNaN(lr[2].k!));
  assert.equal(lr[2].class, null);
  const inf = potentialTable([row("D", 2, 0)], { b0: 0, t: 1 }, {
    intercept: "b0",
    definition: "log-ratio",
  });
  assert.equal(inf[0].k, Infinity);
  assert.equal(inf[0].class, null);
  assert.deepEqual(rows.map((r) => r.inSample), [true, true, true]);
});

const panel: GravityPanel = {
  countries: ["I", "J", "K"],
  years: [2000],
  variables: [{ name: "x" }, { name: "y" }],
  rows: [
    { iso3: "I", year: 2000, values: { x: 4, y: NaN } },
    { iso3: "J", year: 2000, values: { x: 0, y: 0 } },
    { iso3: "K", year: 2000, values: { x: -2, y: 5 } },
  ],
};

Deno.test("panelLookup: panel values, derived values by key, NaN for anything absent", () => {
  const get = panelLookup(panel, { d: new Map([["J|2000", 7]]) });
  assert.equal(get("I", 2000, "x"), 4);
  assert.equal(get("J", 2000, "d"), 7);
  assert.ok(Number.isNaN(get("I", 2000, "d")));
  assert.ok(Number.isNaN(get("I", 2000, "nope")));
  assert.ok(Number.isNaN(get("Q", 2000, "x")));
  const odd = panelLookup({
    ...panel,
    rows: [{ iso3: "I", year: 2000, values: { s: "3" as unknown as number } }],
  });
  assert.ok(Number.isNaN(odd("I", 2000, "s")));
});

Deno.test("formTerm: ln of 0 and of a negative, the reporter missing, unlogged negatives allowed", () => {
  const get = panelLookup(panel);
  const f = (formation: string, partner: string, log = true, variable = "x") =>
    formTerm({ name: "t", variable, formation: formation as never, log }, get, "I", partner, 2000);
  assert.deepEqual(f("partner", "J"), { value: NaN, missing: "ln of 0 (x, J 2000)" });
  assert.deepEqual(f("product", "K"), { value: NaN, missing: "ln of -2 (x, K 2000)" });
  assert.deepEqual(f("reporter", "K", true, "y"), { value: NaN, missing: "y missing for I 2000" });
  assert.deepEqual(f("ratio", "K", true, "y"), { value: NaN, missing: "y missing for I 2000" });
  assert.deepEqual(f("difference", "K", false), { value: -6 });
  assert.deepEqual(f("partner", "K", false), { value: -2 });
  assert.deepEqual(f("bilateral", "K", true, "y"), { value: Math.log(5) });
  // a term without "log" is logged (the default)
  assert.deepEqual(
    formTerm({ name: "t", variable: "y", formation: "partner" }, get, "I", "K", 2000),
    { value: Math.log(5) },
  );
});

Deno.test("buildDesign: a dependent of 0 and a missing one are named; predictable vs complete", () => {
  const config = parseStudyConfig({
    reporter: "I",
    partners: ["J", "K"],
    years: { from: 2000, to: 2000 },
    dependent: { variable: "y" },
    terms: [{ name: "lx", variable: "x", formation: "partner", log: false }],
    cbec: { indicators: ["x"] },
  });
  const rows = buildDesign(config, panel);
  assert.deepEqual(rows, [
    {
      country: "J",
      year: 2000,
      actual: null,
      y: null,
      x: { lx: 0 },
      missing: ["y (dependent) = 0, not > 0"],
      complete: false,
      predictable: true,
    },
    {
      country: "K",
      year: 2000,
      actual: 5,
      y: Math.log(5),
      x: { lx: -2 },
      missing: [],
      complete: true,
      predictable: true,
    },
  ]);
  const logged = buildDesign({
    ...config,
    terms: [{ name: "lx", variable: "x", formation: "partner", log: true }],
  }, panel);
  assert.deepEqual(logged.map((r) => [r.x.lx, r.missing, r.complete, r.predictable]), [
    [null, ["y (dependent) = 0, not > 0", "lx: ln of 0 (x, J 2000)"], false, false],
    [null, ["lx: ln of -2 (x, K 2000)"], false, false],
  ]);
  const noDep = buildDesign({ ...config, partners: ["I"] }, panel);
  assert.deepEqual(noDep[0].missing, ["y (dependent) missing"]);
});

Deno.test("the log-ratio warning says, in full, why that K is shown and why it misleads", async () => {
  const { LOG_RATIO_WARNING } = await import("../../../lib/gravity/potential/k.ts");
  assert.equal(
    LOG_RATIO_WARNING,
    "K = ln(actual)/fitted depends on the unit of trade (rescaling trade from USD to thousand " +
      "USD changes every K) and is negative whenever the fitted log is; it is shown only because " +
      "it is the one reading that can give the negative K of the paper's Table 3.",
  );
});
