/**
 * PCA paths found by mutation testing: the error names, a near-constant column, KMO and Bartlett
 * with two variables (closed forms) and with a singular correlation matrix, and the shape of the
 * scores.
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";
import { pca } from "../../lib/stats/pca.ts";
import { chiSquareUpperP } from "../../lib/stats/distributions.ts";

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `${e}`);
    return e.message;
  }
  return "no error";
};

Deno.test("pca: too few rows and a near-constant column are one-line errors", () => {
  assert.equal(
    message(() => pca([{ name: "a", values: [1, NaN] }, { name: "b", values: [2, 3] }])),
    "pca needs at least 2 complete rows, got 1",
  );
  // sd ~ 1e-16 x mean: constant up to rounding
  const e = 2 ** -52;
  assert.equal(
    message(() =>
      pca([{ name: "a", values: [1, 2, 3, 4] }, { name: "flat", values: [1, 1 + e, 1, 1 + e] }])
    ),
    'column "flat" has zero variance: PCA cannot use it',
  );
  // a small but real spread is kept
  const ok = pca([{ name: "a", values: [1, 2, 3, 4] }, {
    name: "b",
    values: [1e6, 1e6 + 1e-3, 1e6, 1e6 + 2e-3],
  }]);
  assert.equal(ok.n, 4);
});

Deno.test("pca with two variables: KMO = 0.5 and Bartlett's chi2 = -(n - 1 - 3/2) ln(1 - r2)", () => {
  const a = [1, 2, 4, 3, 5, 7];
  const b = [2, 1, 3, 5, 4, 6];
  const r = pca([{ name: "a", values: a }, { name: "b", values: b }]);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a), mb = mean(b);
  let sab = 0, saa = 0, sbb = 0;
  a.forEach((_, i) => {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  const rho = sab / Math.sqrt(saa * sbb);
  assert.ok(Math.abs(r.kmo.overall - 0.5) < 1e-12, `${r.kmo.overall}`);
  r.kmo.perVariable.forEach((v) => assert.ok(Math.abs(v - 0.5) < 1e-12, `${v}`));
  const chi2 = -(6 - 1 - (2 * 2 + 5) / 6) * Math.log(1 - rho * rho);
  assert.ok(Math.abs(r.bartlett.chi2 - chi2) < 1e-12 * chi2, `${r.bartlett.chi2} vs ${chi2}`);
  assert.equal(r.bartlett.df, 1);
  assert.ok(Math.abs(r.bartlett.p - chiSquareUpperP(chi2, 1)) < 1e-12);
  // eigenvalues 1 +- r, scores of length p
  assert.ok(Math.abs(r.eigenvalues[0] - (1 + Math.abs(rho))) < 1e-12);
  assert.ok(r.scores.every((row) => row.length === 2));
  assert.equal(r.scores.length, 6);
});

Deno.test("pca with a singular correlation matrix: no KMO or Bartlett (NaN), eigenvalue 0", () => {
  const a = [1, 2, 4, 3, 5];
  const r = pca([
    { name: "a", values: a },
    { name: "b", values: [2, 1, 3, 5, 4] },
    { name: "sum", values: a.map((v, i) => v + [2, 1, 3, 5, 4][i]) },
  ]);
  assert.equal(r.kmo.overall, NaN);
  assert.deepEqual(r.kmo.perVariable, [NaN, NaN, NaN]);
  assert.deepEqual([r.bartlett.chi2, r.bartlett.df, r.bartlett.p], [NaN, 3, NaN]);
  assert.ok(Math.abs(r.eigenvalues[2]) < 1e-12);
  assert.ok(r.eigenvalues[2] >= 0);
  assert.ok(r.scores.every((row) => row.length === 3));
});

Deno.test("pca of one variable: no KMO or Bartlett (they need two)", () => {
  const r = pca([{ name: "a", values: [1, 2, 4, 3] }]);
  assert.deepEqual(r.eigenvalues, [1]);
  assert.ok(Number.isNaN(r.kmo.overall) && Number.isNaN(r.bartlett.chi2));
  assert.equal(r.bartlett.df, 0);
});
