/**
 * PPML and least squares with absorbed fixed effects against statsmodels with the fixed effects
 * as dummy columns (tests/fixtures/stats/make_ppml_fixtures.py): a synthetic gravity panel with
 * zeros, and the real 2006 border model of Yotov et al. (2016).
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { fitModel, type ModelResult } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { border2006, dotsSubset } from "../agtpa.ts";

const FIX = new URL("../../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "ppml_expected.json"));

interface RefBlock {
  terms: string[];
  estimate: number[];
  stdError: number[];
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Worst relative differences (estimates, SEs) of a fit against a reference block. */
function worst(r: ModelResult, ref: RefBlock, seFactor = 1): [number, number] {
  let wb = 0, ws = 0;
  ref.terms.forEach((t, i) => {
    const c = r.coefficients.find((c) => c.term === t);
    assert.ok(c, `term ${t}`);
    wb = Math.max(wb, rel(c.estimate, ref.estimate[i]));
    ws = Math.max(ws, rel(c.stdError, ref.stdError[i] * seFactor));
  });
  return [wb, ws];
}

async function synthetic() {
  const d = await readNumericColumns(
    FIX + "gravity_synthetic.csv",
    ["trade", "dist", "cntg", "rta", "year"],
    ["exporter", "importer", "pair"],
  );
  return { file: "gravity_synthetic.csv", columns: d.columns, labels: d.strings };
}

const TERMS = ["ln(dist)", "cntg", "rta"];
const TWO_WAY = ["exporter^year", "importer^year"];
const seOf = (s: string) => (s === "cluster" ? "cluster:pair" : s);

Deno.test("PPML = statsmodels GLM Poisson (synthetic panel with zeros): no FE, two-way, three-way FE", async () => {
  const data = await synthetic();
  const s = expected.synthetic;
  assert.ok(s.zeros > 400, "the panel has zeros");
  const spec = (se: string, fe: string[] = [], terms = TERMS): ModelSpec => ({
    dependent: "trade",
    terms,
    fe,
    estimator: "ppml",
    se: seOf(se),
  });
  const lines: string[] = [];
  for (const se of ["classical", "hc0", "cluster"]) {
    const a = fitModel(spec(se), data);
    assert.equal(a.n, s.n);
    assert.ok(a.converged && a.iterations! > 2 && a.deviance! > 0);
    const b = fitModel(spec(se, TWO_WAY), data);
    assert.deepEqual(b.fe, [
      { dimension: "exporter^year", levels: 100 },
      { dimension: "importer^year", levels: 100 },
    ]);
    const wa = worst(a, s.noFe[se]), wb = worst(b, s.twoWay[se]);
    for (const [w, what] of [[wa, "no FE"], [wb, "two-way"]] as const) {
      assert.ok(w[0] < 1e-7, `${what} ${se}: coefficients ${w[0]}`);
      assert.ok(w[1] < 1e-6, `${what} ${se}: SEs ${w[1]}`);
    }
    lines.push(
      `${se}: no FE ${wa.map((v) => v.toExponential(1))}, two-way ${
        wb.map((v) => v.toExponential(1))
      }`,
    );
  }
  // three-way (pair FE): HC0 has no small-sample factor, so conventions coincide
  const c = fitModel(spec("hc0", [...TWO_WAY, "pair"], ["rta"]), data);
  const wc = worst(c, s.threeWay.hc0);
  assert.ok(wc[0] < 1e-7 && wc[1] < 1e-6, `three-way hc0 ${wc}`);
  // clustered by pair: the pair FE is nested in the clusters, so K = 1 + dfFe - (pairs - 1)
  // (fixest's rule), where statsmodels counts every dummy: rescale its factor (n-1)/(n-K).
  const cl = fitModel(spec("cluster", [...TWO_WAY, "pair"], ["rta"]), data);
  const pairs = 300;
  const kOurs = 1 + cl.dfFe - (pairs - 1);
  const n = cl.n;
  const f = Math.sqrt((n - s.threeWay.params) / (n - kOurs));
  const wcl = worst(cl, s.threeWay.cluster, f);
  assert.ok(wcl[0] < 1e-7 && wcl[1] < 1e-6, `three-way cluster ${wcl}`);
  console.log(
    `  ${lines.join("; ")}; three-way hc0 ${wc[1].toExponential(1)}, cluster ${
      wcl[1].toExponential(1)
    }`,
  );
});

Deno.test("least squares with absorbed two-way FE = statsmodels OLS with dummies (classical, HC0, HC1, one- and two-way cluster)", async () => {
  const data = await synthetic();
  const s = expected.synthetic.olsTwoWay;
  for (const se of ["classical", "hc0", "hc1", "cluster", "cluster2"]) {
    const r = fitModel({
      dependent: "ln(trade)",
      terms: TERMS,
      fe: TWO_WAY,
      se: se === "cluster2" ? "cluster:pair,exporter" : seOf(se),
    }, data);
    assert.equal(r.n, s.n);
    assert.equal(r.nZeroDropped, expected.synthetic.zeros);
    // statsmodels' K = its (full-rank) columns = our slopes + fixed-effect df
    assert.equal(r.k + r.dfFe, s.params);
    const w = worst(r, s[se]);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
    if (se === "classical") assert.ok(rel(r.r2, s.r2) < 1e-10, `R2 ${r.r2}`);
  }
});

Deno.test("PPML on the real 2006 border model (Yotov et al. 2016 data) = statsmodels GLM with dummies", async () => {
  const data = await border2006();
  const ref = expected.border2006;
  for (const se of ["hc0", "cluster:pair_id"]) {
    const r = fitModel({
      dependent: "trade",
      terms: ["ln(DIST)", "CNTG", "INTL_BRDR"],
      fe: ["exporter", "importer"],
      estimator: "ppml",
      se,
    }, data);
    assert.equal(r.n, ref.n);
    assert.equal(r.k + r.dfFe, ref.params);
    const w = worst(r, se === "hc0" ? ref.hc0 : ref.cluster);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
  }
});

Deno.test("PPML on a real IMF DOTS subset (20 countries, 2016-2020, x CEPII) = statsmodels GLM with dummies", async () => {
  // tests/fixtures/stats/make_dots_fixture.py builds the same subset from data/world-trade.csv.gz
  const ref = JSON.parse(Deno.readTextFileSync(FIX + "dots_expected.json"));
  const data = await dotsSubset();
  assert.equal(data.columns.trade.length, ref.n);
  for (const se of ["hc0", "cluster"]) {
    const r = fitModel({
      dependent: "trade",
      terms: ["ln(dist)", "contig", "lang", "colony"],
      fe: ["exporter^year", "importer^year"],
      estimator: "ppml",
      se: se === "hc0" ? "hc0" : "cluster:exporter^importer",
    }, data);
    assert.equal(r.n, ref.n);
    assert.equal(r.k + r.dfFe, ref.params);
    const w = worst(r, ref[se]);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
  }
});
