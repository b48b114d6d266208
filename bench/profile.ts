/**
 * Where the time of `fit` / `pca` goes: performance.now() splits of module loading, reading the
 * CSV, the statistics and formatting, in one process. Prints one JSON line (eigenvalues or
 * coefficients at full precision, used by run.ts to check agreement with Python).
 *
 *   deno run --allow-read bench/profile.ts fit out/bench/fit_500k.csv
 *   deno run --allow-read bench/profile.ts pca out/bench/pca_1m.csv
 * @module
 */
const t0 = performance.now();
const { readNumericColumns } = await import("../lib/data/read/numeric_csv.ts");
const { ols } = await import("../lib/stats/linear/ols.ts");
const { pca } = await import("../lib/stats/pca.ts");
const { formatRegression } = await import("../lib/report/regression_table.ts");
const { formatPca } = await import("../lib/report/pca_table.ts");
const t1 = performance.now();

const [what = "fit", path = "out/bench/fit_500k.csv"] = Deno.args;
const ms = (a: number, b: number) => Math.round(b - a);
if (what === "fit") {
  const xs = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"];
  const data = await readNumericColumns(path, ["y", ...xs]);
  const t2 = performance.now();
  const fit = ols(data.columns.y, xs.map((name) => ({ name, values: data.columns[name] })));
  const t3 = performance.now();
  const text = formatRegression(fit, "json", { depVar: "y" });
  const t4 = performance.now();
  console.log(JSON.stringify({
    what,
    n: data.n,
    ms: { load: ms(t0, t1), read: ms(t1, t2), ols: ms(t2, t3), format: ms(t3, t4) },
    outputChars: text.length,
    estimates: fit.coefficients.map((c) => c.estimate),
  }));
} else {
  const names = Array.from({ length: 12 }, (_, j) => `p${j + 1}`);
  const data = await readNumericColumns(path, names);
  const t2 = performance.now();
  const columns = names.map((name) => ({ name, values: data.columns[name] }));
  const res = pca(columns, { scores: "none" }); // as `cli pca --format text` calls it
  const t3 = performance.now();
  const text = formatPca(res, "text");
  const outputChars = text.length;
  const t4 = performance.now();
  pca(columns, { scores: "columns" }); // the same with the scores as columns
  const t5 = performance.now();
  pca(columns); // the same with the scores as n row arrays (the JSON output's `scores`)
  const t6 = performance.now();
  console.log(JSON.stringify({
    what,
    n: data.n,
    ms: {
      load: ms(t0, t1),
      read: ms(t1, t2),
      pca: ms(t2, t3),
      formatText: ms(t3, t4),
      pcaWithScoreColumns: ms(t4, t5),
      pcaWithScoreRows: ms(t5, t6),
    },
    outputChars,
    eigenvalues: res.eigenvalues,
  }));
}
