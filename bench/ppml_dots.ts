/**
 * PPML with exporter-year and importer-year fixed effects, and log-OLS with the same fixed
 * effects, on the REAL world panel: IMF DOTS exports (flow X, FOB, every reporter) 2000-2020 from
 * data/world-trade.csv.gz (`deno task import`), joined to CEPII GeoDist (distance between the most
 * populated cities, contiguity, common official language, colony) from
 * ../shared/data/raw/geo/cepii/dist_cepii.csv. CEPII's 2004-era codes are mapped to today's
 * (lib/gravity/world/gravity_data.ts); pairs without a CEPII row are dropped and counted. Timed in-process; run under /usr/bin/time -v for the peak memory (bench/run.ts does).
 *
 *   deno run --allow-read bench/ppml_dots.ts [FIRST=2000] [LAST=2020]
 * @module
 */
import { worldGravityData } from "../lib/gravity/world/gravity_data.ts";
import { fitModel } from "../lib/stats/model/fit.ts";

const first = Number(Deno.args[0] ?? 2000), last = Number(Deno.args[1] ?? 2020);
const root = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
let t0 = performance.now();
const data = await worldGravityData({
  first,
  last,
  worldFile: root("data/world-trade.csv.gz"),
  cepiiFile: root("../shared/data/raw/geo/cepii/dist_cepii.csv"),
});
const cols = data.columns, unmatched = data.unmatched;
const build = (performance.now() - t0) / 1000;
const spec = {
  terms: ["ln(dist)", "contig", "lang", "colony"],
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
  rows: cols.trade.length,
  zeros: cols.trade.filter((v) => v === 0).length,
  unmatched,
  buildSeconds: build,
  ppml: {
    seconds: tPpml,
    n: ppml.n,
    iterations: ppml.iterations,
    separated: ppml.separated,
    singletons: ppml.singletons,
    fe: ppml.fe,
    coefficients: ppml.coefficients.map((c) => [c.term, c.estimate, c.stdError]),
  },
  ols: {
    seconds: tOls,
    n: ols.n,
    nZeroDropped: ols.nZeroDropped,
    coefficients: ols.coefficients.map((c) => [c.term, c.estimate, c.stdError]),
  },
}));
