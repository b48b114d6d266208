/**
 * PPML with exporter-year and importer-year fixed effects, and log-OLS with the same fixed
 * effects, on a world panel of the DOTS shape (synthetic: 200 countries x 199 partners x 21
 * years, 2000-2020, about 836k flows), timed in-process. Run under /usr/bin/time -v for the peak
 * memory (bench/run.ts --only world does).
 *
 *   deno run bench/ppml_world.ts [COUNTRIES=200] [YEARS=21]
 * @module
 */
import { fitModel } from "../lib/stats/model/fit.ts";
import { makeGravityPanel } from "../lib/gravity/synthetic/gravity.ts";

const C = Number(Deno.args[0] ?? 200), Y = Number(Deno.args[1] ?? 21);
let t0 = performance.now();
const p = makeGravityPanel(C, Y);
const data = {
  file: "synthetic",
  columns: p.columns,
  labels: { ...p.labels, year: Array.from(p.columns.year, String) },
};
const build = (performance.now() - t0) / 1000;
const zeros = p.columns.trade.filter((v) => v === 0).length;
const spec = {
  terms: ["ln(dist)", "contig", "rta"],
  fe: ["exporter^year", "importer^year"],
  se: "cluster:exporter^importer",
};
t0 = performance.now();
const ppml = fitModel({ ...spec, dependent: "trade", estimator: "ppml" }, data);
const tPpml = (performance.now() - t0) / 1000;
t0 = performance.now();
const ols = fitModel({ ...spec, dependent: "ln(trade)" }, data);
const tOls = (performance.now() - t0) / 1000;
console.log(JSON.stringify({
  rows: p.n,
  zeros,
  buildSeconds: build,
  ppml: {
    seconds: tPpml,
    n: ppml.n,
    iterations: ppml.iterations,
    separated: ppml.separated,
    fe: ppml.fe,
    coefficients: ppml.coefficients.map((c) => [c.term, c.estimate, c.stdError]),
  },
  ols: {
    seconds: tOls,
    n: ols.n,
    coefficients: ols.coefficients.map((c) => [c.term, c.estimate, c.stdError]),
  },
}));
