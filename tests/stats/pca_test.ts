/**
 * PCA, KMO and Bartlett against numpy/sklearn values (tests/fixtures/stats/make_fixtures.py) on
 * real data: WDI indicators of the six study countries, and Longley's regressors; 9 columns over
 * two row blocks against numpy (tests/fixtures/mutants/pca_wide.py); closed forms for two
 * variables, a singular correlation matrix and one variable; the one-line errors (too few rows, a
 * column of another length, zero variance judged relative to the mean).
 */
import assert from "node:assert/strict";
import { parseCsv } from "../../lib/data/read/csv.ts";
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../lib/errors.ts";
import { pca, PCA_BLOCK } from "../../lib/stats/pca.ts";
import type { PcaResult } from "../../lib/stats/types.ts";
import { chiSquareUpperP } from "../../lib/stats/distributions.ts";

const FIX = new URL("../fixtures/stats/", import.meta.url);
const expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", FIX)));

const rel = (
  a: number,
  b: number,
) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

/** Worst relative difference; loadings/scores compared with a column-wise scale of max |ref|. */
function compare(got: PcaResult, ref: Omit<PcaResult, "rows" | "nDropped">): number {
  assert.equal(got.n, ref.n);
  assert.deepEqual(got.variables, ref.variables);
  let w = 0;
  const vec = (a: number[], b: number[]) => a.forEach((v, i) => (w = Math.max(w, rel(v, b[i]))));
  vec(got.eigenvalues, ref.eigenvalues);
  vec(got.proportion, ref.proportion);
  vec(got.cumulative, ref.cumulative);
  vec(got.kmo.perVariable, ref.kmo.perVariable);
  w = Math.max(w, rel(got.kmo.overall, ref.kmo.overall), rel(got.bartlett.chi2, ref.bartlett.chi2));
  w = Math.max(w, rel(got.bartlett.p, ref.bartlett.p));
  assert.equal(got.bartlett.df, ref.bartlett.df);
  const p = got.variables.length;
  for (let c = 0; c < p; c++) {
    // same sign rule in both; entries compared relative to the column's largest entry
    const colMax = (m: number[][]) => Math.max(...m.map((r) => Math.abs(r[c])));
    const lm = colMax(ref.loadings), sm = colMax(ref.scores);
    for (let v = 0; v < p; v++) {
      w = Math.max(w, Math.abs(got.loadings[v][c] - ref.loadings[v][c]) / lm);
    }
    got.scores.forEach((r, i) => (w = Math.max(w, Math.abs(r[c] - ref.scores[i][c]) / sm)));
  }
  return w;
}

async function wdiColumns() {
  const ref = expected.pca;
  const data = await readNumericColumns(new URL("pca_panel.csv", FIX).pathname, ref.variables);
  return ref.variables.map((name: string) => ({ name, values: data.columns[name] }));
}

Deno.test("pca (correlation) agrees with numpy/sklearn on WDI indicators to 1e-7", async () => {
  const fit = pca(await wdiColumns());
  assert.equal(fit.nDropped, expected.pca.nDropped);
  assert.equal(fit.rows.length, fit.n);
  const w = compare(fit, expected.pca);
  console.log(`  max relative difference ${w.toExponential(1)}`);
  assert.ok(w < 1e-7, `${w}`);
});

Deno.test("pca (covariance, scale: false) agrees with numpy/sklearn to 1e-7", async () => {
  const fit = pca(await wdiColumns(), { scale: false });
  assert.equal(fit.scaled, false);
  const w = compare(fit, expected.pcaCovariance);
  console.log(`  max relative difference ${w.toExponential(1)}`);
  assert.ok(w < 1e-7, `${w}`);
});

Deno.test("pca on Longley's regressors agrees with numpy to 1e-7", () => {
  const t = parseCsv(
    Deno.readTextFileSync(new URL("../../../shared/data/nist-strd/Longley.csv", import.meta.url)),
  );
  const cols = [1, 2, 3, 4, 5, 6].map((i) => ({
    name: `x${i}`,
    values: t.rows.map((r) => Number(r[i])),
  }));
  const w = compare(pca(cols), expected.pcaLongley);
  console.log(`  max relative difference ${w.toExponential(1)}`);
  assert.ok(w < 1e-7, `${w}`);
});

Deno.test("pca: sign rule, descending eigenvalues, zero-variance column named", () => {
  const fit = pca([
    { name: "a", values: [1, 2, 3, 4, NaN] },
    { name: "b", values: [2, 1, 4, 3, 5] },
  ]);
  assert.equal(fit.nDropped, 1);
  assert.deepEqual(fit.rows, [0, 1, 2, 3]);
  assert.ok(
    Math.abs(fit.eigenvalues[0] - 1.6) < 1e-12 && Math.abs(fit.eigenvalues[1] - 0.4) < 1e-12,
  );
  for (let c = 0; c < 2; c++) {
    const col = fit.loadings.map((r) => r[c]);
    const big = col.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
    assert.ok(big > 0);
  }
  assert.throws(
    () => pca([{ name: "a", values: [1, 2, 3] }, { name: "flat", values: [5, 5, 5] }]),
    (e: Error) => e instanceof InputError && e.message.includes('"flat"'),
  );
});

Deno.test("pca scores: 'columns' gives the row scores by component, 'none' none", () => {
  const cols = [
    { name: "a", values: [1, 2, 3, 4, 6] },
    { name: "b", values: [2, 1, 4, 3, 5] },
    { name: "c", values: [0, 1, 1, 3, 2] },
  ];
  const rows = pca(cols);
  const byCol = pca(cols, { scores: "columns" });
  assert.equal(byCol.scores.length, 0);
  rows.scores.forEach((r, i) => r.forEach((v, c) => assert.equal(byCol.scoreColumns![c][i], v)));
  assert.equal(pca(cols, { scores: "none" }).scores.length, 0);
});

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
