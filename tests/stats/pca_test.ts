/**
 * PCA, KMO and Bartlett against numpy/sklearn values (tests/fixtures/stats/make_fixtures.py) on
 * real data: WDI indicators of the six study countries, and Longley's regressors.
 */
import assert from "node:assert/strict";
import { parseCsv } from "../../lib/data/read/csv.ts";
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../lib/errors.ts";
import { pca } from "../../lib/stats/pca.ts";
import type { PcaResult } from "../../lib/stats/types.ts";

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
