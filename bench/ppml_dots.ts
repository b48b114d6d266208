/**
 * PPML with exporter-year and importer-year fixed effects, and log-OLS with the same fixed
 * effects, on the REAL world panel: IMF DOTS exports (flow X, FOB, every reporter) 2000-2020 from
 * data/world-trade.csv.gz (`deno task import`), joined to CEPII GeoDist (distance between the most
 * populated cities, contiguity, common official language, colony) from
 * ../shared/data/raw/geo/cepii/dist_cepii.csv. CEPII's 2004-era codes are mapped to today's
 * (ROM -> ROU, ZAR -> COD, TMP -> TLS, YUG -> SRB); pairs without a CEPII row are dropped and
 * counted. Timed in-process; run under /usr/bin/time -v for the peak memory (bench/run.ts does).
 *
 *   deno run --allow-read bench/ppml_dots.ts [FIRST=2000] [LAST=2020]
 * @module
 */
import { loadWorldPanel } from "../lib/data/world.ts";
import { readNumericColumns } from "../lib/data/numeric_csv.ts";
import { fitModel } from "../lib/stats/model.ts";

const first = Number(Deno.args[0] ?? 2000), last = Number(Deno.args[1] ?? 2020);
const CEPII = new URL("../../shared/data/raw/geo/cepii/dist_cepii.csv", import.meta.url).pathname;
const RENAME: Record<string, string> = { ROM: "ROU", ZAR: "COD", TMP: "TLS", YUG: "SRB" };

let t0 = performance.now();
const w = await loadWorldPanel(new URL("../data/world-trade.csv.gz", import.meta.url).pathname);
const g = await readNumericColumns(CEPII, ["contig", "comlang_off", "colony", "dist"], [
  "iso_o",
  "iso_d",
]);
const geo = new Map<string, number>();
const code = (c: string) => RENAME[c] ?? c;
for (let i = 0; i < g.n; i++) geo.set(`${code(g.strings.iso_o[i])}>${code(g.strings.iso_d[i])}`, i);
const cols = {
  trade: [] as number[],
  dist: [] as number[],
  contig: [] as number[],
  lang: [] as number[],
  colony: [] as number[],
};
const labels = { exporter: [] as string[], importer: [] as string[], year: [] as string[] };
let unmatched = 0;
for (let i = 0; i < w.n; i++) {
  if (w.flow[i] !== 0 || w.year[i] < first || w.year[i] > last || w.reporter[i] === w.partner[i]) {
    continue;
  }
  const e = w.codes[w.reporter[i]], m = w.codes[w.partner[i]];
  const k = geo.get(`${e}>${m}`);
  if (k === undefined) {
    unmatched++;
    continue;
  }
  cols.trade.push(w.value[i] / 1e6); // US$ millions
  cols.dist.push(g.columns.dist[k]);
  cols.contig.push(g.columns.contig[k]);
  cols.lang.push(g.columns.comlang_off[k]);
  cols.colony.push(g.columns.colony[k]);
  labels.exporter.push(e);
  labels.importer.push(m);
  labels.year.push(String(w.year[i]));
}
const data = { file: "DOTS exports 2000-2020 x CEPII", columns: cols, labels };
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
