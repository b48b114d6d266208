/**
 * The blocked PCA passes and the score modes: the scores (rows or columns) are exactly, bit for
 * bit, what the plain column-by-column loops give, across block boundaries and with dropped
 * rows; `scores: "columns"` / `"none"` change nothing else. Accuracy against numpy/sklearn is
 * tests/stats/pca_test.ts's job.
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../lib/errors.ts";
import { pca, PCA_BLOCK } from "../../lib/stats/pca.ts";
import { mulberry32 } from "../../lib/stats/random.ts";
import type { NamedColumn } from "../../lib/stats/types.ts";

const FIX = new URL("../fixtures/stats/", import.meta.url);
const expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", FIX)));

/** Seeded uniforms in (0, 1) (mulberry32, open interval). */
const uniforms = (seed: number) => mulberry32(seed, { open: true });

/** p correlated columns of n rows (two latent factors), with some NaN cells. */
function synthetic(n: number, p: number, nanEvery: number): NamedColumn[] {
  const u = uniforms(7);
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const f = u() - 0.5, g = u() - 0.5;
    for (let j = 0; j < p; j++) cols[j][i] = 100 + (j + 1) * f + (j % 3) * g + 0.3 * u();
  }
  for (let i = 3; nanEvery > 0 && i < n; i += nanEvery) cols[i % p][i] = NaN;
  return cols.map((values, j) => ({ name: `v${j + 1}`, values }));
}

/** The plain loops (the pre-blocking implementation): centred copies, then column dot products. */
function plainCrossAndScores(columns: NamedColumn[], rows: number[], scaled: boolean) {
  const p = columns.length, n = rows.length;
  const z = columns.map((c) => {
    let mean = 0;
    for (const i of rows) mean += c.values[i];
    mean /= n;
    let corr = 0;
    for (const i of rows) corr += c.values[i] - mean;
    mean += corr / n;
    return { mean, col: Float64Array.from(rows, (i) => c.values[i] - mean) };
  });
  const cross = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => {
      let s = 0;
      for (let t = 0; t < n; t++) s += z[a].col[t] * z[b].col[t];
      return s;
    }));
  const sds = cross.map((r, j) => Math.sqrt(r[j] / (n - 1)));
  if (scaled) z.forEach(({ col }, j) => col.forEach((v, t) => (col[t] = v / sds[j])));
  return { cols: z.map((x) => x.col) };
}

Deno.test("pca: blocked passes equal the plain loops bit for bit across blocks, NaNs dropped", () => {
  const columns = synthetic(2 * PCA_BLOCK + 777, 7, 97);
  for (const scale of [true, false]) {
    const fit = pca(columns, { scale });
    const ref = plainCrossAndScores(columns, fit.rows, scale);
    assert.ok(fit.nDropped > 0);
    for (let t = 0; t < fit.n; t++) {
      for (let c = 0; c < 7; c++) {
        let s = 0;
        for (let v = 0; v < 7; v++) s += ref.cols[v][t] * fit.loadings[v][c];
        assert.equal(fit.scores[t][c], s, `row ${t}, PC${c + 1}`);
      }
    }
  }
});

Deno.test('pca scores "columns" and "none" change nothing else; columns = rows exactly', async () => {
  const ref = expected.pca; // WDI indicators, 7 rows dropped
  const data = await readNumericColumns(new URL("pca_panel.csv", FIX).pathname, ref.variables);
  const wdi = ref.variables.map((name: string) => ({ name, values: data.columns[name] }));
  for (const columns of [wdi, synthetic(PCA_BLOCK + 5, 4, 0)]) {
    for (const scale of [true, false]) {
      const full = pca(columns, { scale });
      const none = pca(columns, { scale, scores: "none" });
      assert.deepEqual(none, { ...full, scores: [] });
      const byCol = pca(columns, { scale, scores: "columns" });
      const { scoreColumns, ...rest } = byCol;
      assert.deepEqual(rest, none);
      assert.equal(scoreColumns!.length, full.eigenvalues.length);
      scoreColumns!.forEach((col, c) => {
        assert.ok(col instanceof Float64Array && col.length === full.n);
        col.forEach((v, t) => assert.equal(v, full.scores[t][c]));
      });
    }
  }
});

Deno.test("pca: bad columns still give completeRows' one-line errors", () => {
  const good = [{ name: "a", values: [1, 2, 3, 4] }, { name: "b", values: [2, 1, 4, 3] }];
  const cases: [NamedColumn[], RegExp][] = [
    [[good[0], { name: "c", values: [1, Infinity, 2, 3] }], /column "c": row 2 is infinite/],
    [[good[0], { name: "c", values: [1, 2, 3] }], /column "c" has 3 values, expected 4/],
    [[{ name: "a", values: [1] }, { name: "b", values: [2] }], /at least 2 complete rows/],
    [[good[0], { name: "c", values: [NaN, NaN, NaN, 1] }], /at least 2 complete rows, got 1/],
  ];
  for (const [cols, re] of cases) {
    assert.throws(() => pca(cols), (e: Error) => e instanceof InputError && re.test(e.message));
  }
});
