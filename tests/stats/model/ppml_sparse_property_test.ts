/**
 * PPML with high-dimensional fixed effects on sparse panels (issue 19): 18 seeded random gravity
 * panels of 10-60 countries and 3-8 years with 50-90% zero flows, with exporter-year and
 * importer-year fixed effects (12 panels) and with pair fixed effects too (6). Every fit
 * converges, drops the rows the reference drops (all-zero levels, singletons, and rows separated
 * by the regressors and fixed effects, which a linear programme finds on the reference side), and
 * its slopes, HC0 SEs and pair-clustered SEs equal statsmodels GLM Poisson on the full-rank dummy
 * design to 1e-6 relative. Reference: tests/fixtures/stats/make_ppml_sparse_fixture.py (precomputed:
 * statsmodels with a thousand dummy columns takes minutes), which documents the panel; the panel
 * is rebuilt here from the same mulberry32 stream and checked against the script's row count, zero
 * count and trade total.
 */
import assert from "node:assert/strict";
import { mulberry32 } from "../../../lib/stats/random.ts";
import { fitModel } from "../../../lib/stats/model/fit.ts";

interface Expected {
  seed: number;
  countries: number;
  years: number;
  zeroScale: number;
  model: "two" | "three";
  rows: number;
  zeros: number;
  tradeSum: number;
  n: number;
  separatedByRegressors: number;
  estimate: number[];
  hc0: number[];
  cluster: number[];
}

const FIX = new URL("../../fixtures/stats/ppml_sparse_expected.json", import.meta.url).pathname;
const EXPECTED: Expected[] = JSON.parse(Deno.readTextFileSync(FIX));

/** The panel of make_ppml_sparse_fixture.py (same draws in the same order). */
function panel(seed: number, C: number, Y: number, s: number) {
  const r = mulberry32(seed);
  const px: number[] = [], py: number[] = [];
  for (let c = 0; c < C; c++) {
    px.push(100 * r());
    py.push(60 * r());
  }
  const ex = Array.from({ length: C * Y }, () => 4 * r() - 2);
  const im = Array.from({ length: C * Y }, () => 4 * r() - 2);
  const cols = {
    trade: [] as number[],
    dist: [] as number[],
    contig: [] as number[],
    rta: [] as number[],
  };
  const labels = {
    exporter: [] as string[],
    importer: [] as string[],
    year: [] as string[],
    pair: [] as string[],
  };
  for (let t = 0; t < Y; t++) {
    for (let i = 0; i < C; i++) {
      for (let j = 0; j < C; j++) {
        if (i === j) continue;
        const dx = px[i] - px[j], dy = py[i] - py[j];
        const d = 100 * Math.sqrt(dx * dx + dy * dy) + 100;
        const contig = d < 1500 ? 1 : 0;
        const rta = (7 * i + 3 * j) % 5 === 0 && 2 * t >= Y ? 1 : 0;
        const mu = Math.exp(
          12 + ex[i * Y + t] + im[j * Y + t] - Math.log(d) + 0.5 * contig + 0.4 * rta,
        );
        const u1 = r(), u2 = r();
        cols.trade.push(u1 < s / (s + mu) ? 0 : mu * (0.5 + u2));
        cols.dist.push(d);
        cols.contig.push(contig);
        cols.rta.push(rta);
        labels.exporter.push(`C${i}`);
        labels.importer.push(`C${j}`);
        labels.year.push(String(t));
        labels.pair.push(`C${i}_C${j}`);
      }
    }
  }
  return { file: `panel ${seed}`, columns: cols, labels };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

for (const model of ["two", "three"] as const) {
  const cases = EXPECTED.filter((e) => e.model === model);
  Deno.test(`PPML on ${cases.length} sparse random panels (50-90% zeros), ${model === "two" ? "exporter-year and importer-year FE" : "exporter-year, importer-year and pair FE"}: converges, = statsmodels GLM with dummies to 1e-6 (slopes, HC0, clustered)`, () => {
    for (const e of cases) {
      const data = panel(e.seed, e.countries, e.years, e.zeroScale);
      const trade = data.columns.trade;
      assert.equal(trade.length, e.rows, `panel ${e.seed}: rows`);
      assert.equal(trade.filter((v) => v === 0).length, e.zeros, `panel ${e.seed}: zeros`);
      assert.ok(rel(trade.reduce((a, v) => a + v, 0), e.tradeSum) < 1e-12, `panel ${e.seed}: sum`);
      const share = e.zeros / e.rows;
      assert.ok(share >= 0.5 && share <= 0.9, `panel ${e.seed}: ${share} zeros`);
      const spec = {
        dependent: "trade",
        terms: model === "two" ? ["ln(dist)", "contig", "rta"] : ["rta"],
        fe: ["exporter^year", "importer^year", ...(model === "three" ? ["pair"] : [])],
        estimator: "ppml" as const,
      };
      const hc0 = fitModel({ ...spec, se: "hc0" }, data);
      const cl = fitModel({ ...spec, se: "cluster:pair", seK: "slopes" }, data);
      const what = `panel ${e.seed} (${e.countries} x ${e.years}, ${model}-way)`;
      assert.equal(hc0.converged, true);
      assert.equal(hc0.n, e.n, `${what}: n`);
      assert.equal(
        hc0.separation!.regressors > 0,
        e.separatedByRegressors > 0,
        `${what}: separation`,
      );
      assert.equal(hc0.separation!.rectifierSettled, true);
      // our clustered SE has G/(G-1) x (n-1)/(n-k), k the slopes; statsmodels' here has none
      const G = cl.clusters![0], n = cl.n, k = cl.k;
      const factor = Math.sqrt((G / (G - 1)) * ((n - 1) / (n - k)));
      hc0.coefficients.forEach((c, a) => {
        assert.equal(c.term, spec.terms[a]);
        assert.ok(
          rel(c.estimate, e.estimate[a]) < 1e-6,
          `${what} ${c.term}: ${c.estimate} vs ${e.estimate[a]}`,
        );
        assert.ok(
          rel(c.stdError, e.hc0[a]) < 1e-6,
          `${what} ${c.term} HC0: ${c.stdError} vs ${e.hc0[a]}`,
        );
        const raw = cl.coefficients[a].stdError / factor;
        assert.ok(
          rel(raw, e.cluster[a]) < 1e-6,
          `${what} ${c.term} cluster: ${raw} vs ${e.cluster[a]}`,
        );
      });
    }
  });
}
