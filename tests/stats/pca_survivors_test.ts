/**
 * Survivors of the mutation run of lib/stats/pca.ts: the cross-products of 8 or more columns
 * (their four-at-a-time loop reaches b = 4 only from the 8th column on) over more than one
 * 2048-row block, against numpy (tests/fixtures/mutants/pca_wide.py); a column longer than the
 * first, which the fast all-rows path must not accept; the zero-variance test relative to a large
 * mean.
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";
import { pca, PCA_BLOCK } from "../../lib/stats/pca.ts";

const ref = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/mutants/pca_wide.json", import.meta.url)),
);

/** The columns of pca_wide.py: two smooth factors, one oscillation per column, offsets 10 j. */
function wide(): { name: string; values: Float64Array }[] {
  const N = 2500, P = 9;
  return Array.from({ length: P }, (_, j) => {
    const values = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const u = Math.sin(0.013 * i), w = Math.cos(0.029 * i + 1);
      values[i] = (j + 1) * u + (j % 3) * w + 0.5 * Math.sin((1.7 + 0.31 * j) * i + 0.3 * j * j) +
        10 * j;
    }
    return { name: `x${j + 1}`, values };
  });
}

const near = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-3), `${what}: ${a} vs ${b}`);

Deno.test("pca of 9 columns over 2500 rows (two blocks) = numpy: eigenvalues, loadings, scores, KMO", () => {
  assert.ok(2500 > PCA_BLOCK);
  const r = pca(wide());
  ref.eigenvalues.forEach((v: number, c: number) => near(r.eigenvalues[c], v, 1e-9, `ev ${c}`));
  ref.loadings.forEach((row: number[], v: number) =>
    row.forEach((l, c) => near(r.loadings[v][c], l, 1e-7, `loading ${v},${c}`))
  );
  ref.scoreRows.forEach((t: number, k: number) =>
    ref.scores[k].forEach((s: number, c: number) =>
      near(r.scores[t][c], s, 1e-7, `score ${t},${c}`)
    )
  );
  near(r.kmo.overall, ref.kmo, 1e-9, "KMO");
  near(r.bartlett.chi2, ref.bartlettChi2, 1e-9, "Bartlett chi2");
});

Deno.test("pca: a column longer than the first is a length error, as a shorter one is", () => {
  for (const values of [[1, 2, 3, 4, 5], [1, 2, 3]]) {
    assert.throws(
      () => pca([{ name: "a", values: [1, 2, 3, 4] }, { name: "b", values }]),
      (e: Error) =>
        e instanceof InputError &&
        e.message === `column "b" has ${values.length} values, expected 4`,
    );
  }
});

Deno.test("pca: zero variance is judged relative to the mean (sd <= 1e-13 |mean|)", () => {
  // mean 1e6, sd ~ 6e-9: 6e-15 of the mean, constant up to rounding -> an error
  const flat = [1e6, 1e6 + 1e-8, 1e6, 1e6 + 1e-8];
  assert.throws(
    () => pca([{ name: "a", values: [1, 2, 3, 4] }, { name: "flat", values: flat }]),
    (e: Error) =>
      e instanceof InputError && e.message === 'column "flat" has zero variance: PCA cannot use it',
  );
  // mean 1e-6, sd ~ 6e-16: 6e-10 of the mean, a real (tiny) spread -> kept
  const small = pca([{ name: "a", values: [1, 2, 3, 4] }, {
    name: "small",
    values: [1e-6, 1e-6 + 1e-15, 1e-6, 1e-6 + 1e-15],
  }]);
  assert.equal(small.n, 4);
});
