/**
 * PPML convergence on closely fitting data: seeded Gamma panels (trade = mu x Gamma(k)/k, mu about
 * 1e7, k up to 1e8) with no, one and two fixed-effect dimensions, against statsmodels GLM Poisson
 * with dummies (tests/fixtures/stats/make_ppml_gamma_fixtures.py). Before the fix these raised
 * "PPML did not converge" with the deviance settled (last relative change below the tolerance):
 * the textbook deviance y ln(y/mu) - (y - mu) rounds to about y eps per row, a relative noise
 * of 1e-11 to 1e-9 on such data, and convergence waited for a change below 1e-12.
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../../lib/errors.ts";
import { fitModel, type ModelData } from "../../../lib/stats/model/fit.ts";
import { poissonDeviance } from "../../../lib/stats/model/poisson.ts";

const FIX = new URL("../../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "ppml_gamma_expected.json"));
const TERMS = ["g", "p", "d", "c"];

interface RefFit {
  terms: string[];
  estimate: number[];
  deviance: number;
  relativeScore: number;
  fe: string[];
}

/** The fixture's panels, by name. */
async function panels(): Promise<Map<string, ModelData>> {
  const d = await readNumericColumns(FIX + "ppml_gamma.csv", ["trade", ...TERMS], [
    "panel",
    "partner",
    "year",
  ]);
  const byPanel = new Map<string, number[]>();
  d.strings.panel.forEach((p, i) => byPanel.set(p, [...(byPanel.get(p) ?? []), i]));
  const pick = <T>(a: ArrayLike<T>, rows: number[]) => rows.map((i) => a[i]);
  return new Map(
    [...byPanel].map(([p, rows]) => [p, {
      file: "ppml_gamma.csv",
      columns: Object.fromEntries(TERMS.concat("trade").map((c) => [c, pick(d.columns[c], rows)])),
      labels: { partner: pick(d.strings.partner, rows), year: pick(d.strings.year, rows) },
    }]),
  );
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("PPML converges on closely fitting Gamma panels (no FE, one and two FE) and = statsmodels GLM Poisson to 1e-7", async () => {
  const data = await panels();
  const lines: string[] = [];
  for (const p of expected.panels) {
    const d = data.get(p.panel)!;
    assert.equal(d.columns.trade.length, p.n);
    for (const [set, ref] of Object.entries(p.fits) as [string, RefFit][]) {
      // the oracle is at the optimum: its score X'(y - mu) vanishes to rounding
      assert.ok(ref.relativeScore < 1e-12, `${p.panel} ${set}: statsmodels score`);
      const r = fitModel(
        { dependent: "trade", terms: TERMS, fe: ref.fe, estimator: "ppml", se: "hc0" },
        d,
      );
      assert.ok(r.converged);
      let worst = 0;
      ref.terms.forEach((t, i) => {
        const c = r.coefficients.find((c) => c.term === t)!;
        worst = Math.max(worst, rel(c.estimate, ref.estimate[i]));
      });
      assert.ok(worst < 1e-7, `${p.panel} ${set}: coefficients ${worst}`);
      lines.push(`${p.panel} ${set}: ${r.iterations} it, ${worst.toExponential(1)}`);
    }
  }
  console.log(`  ${lines.join("; ")}`);
});

Deno.test("poissonDeviance is accurate on a close fit (the textbook formula is off by y eps)", () => {
  // y = mu (1 + d), mu = 1e7, d = 1e-6: deviance = 2 mu [(1 + d) ln(1 + d) - d]
  // = 2 mu (d^2/2 - d^3/6 + d^4/12 - ...) = 1e-5 - 3.3333333e-12 + 1.7e-18 (series by hand)
  const exact = 1e-5 - 3.333333333333333e-12;
  const ours = poissonDeviance([1e7 + 10], [1e7]);
  assert.ok(rel(ours, exact) < 1e-12, `ours ${ours}`);
  const textbook = 2 * ((1e7 + 10) * Math.log((1e7 + 10) / 1e7) - 10);
  assert.ok(rel(textbook, exact) > 1e-6, `the textbook formula ${textbook}`);
  // far from the fit and at y = 0 the usual values
  assert.ok(rel(poissonDeviance([0, 2, 5], [1, 2, 1]), 2 * (1 + 5 * Math.log(5) - 4)) < 1e-15);
  // y / mu below eps (d rounds to -1; (1 + d) log1p(d) would be 0 x -Infinity): about 2 mu
  assert.ok(rel(poissonDeviance([1e-20], [1e5]), 2e5) < 1e-15);
});

Deno.test("PPML that really does not converge is still a one-line error (no FE and two FE)", async () => {
  const d = (await panels()).get("seed5-shape2")!;
  for (const fe of [[], ["partner", "year"]]) {
    assert.throws(
      () =>
        fitModel({ dependent: "trade", terms: TERMS, fe, estimator: "ppml", maxIterations: 3 }, d),
      (e: Error) =>
        e instanceof InputError && !e.message.includes("\n") &&
        /^PPML did not converge in 3 iterations \(last relative deviance change .* > tolerance 1e-10\)/
          .test(e.message),
    );
  }
});
