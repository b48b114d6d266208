/**
 * `fit --estimator/--fe/--compare` end to end (spawned as a user runs it): the JSON contract
 * against statsmodels (dummy columns), the side-by-side table, and one-line errors.
 */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";

const FIX = new URL("../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "ppml_expected.json")).synthetic;
const DATA = FIX + "gravity_synthetic.csv";
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("cli fit --estimator ppml --fe: JSON matches statsmodels GLM with dummies", async () => {
  const r = await cli([
    "fit",
    "--data",
    DATA,
    "--y",
    "trade",
    "--x",
    "ln(dist),cntg,rta",
    "--estimator",
    "ppml",
    "--fe",
    "exporter^year,importer^year",
    "--se",
    "cluster:pair",
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.estimator, "ppml");
  assert.deepEqual(j.fe, [
    { dimension: "exporter^year", levels: 100 },
    { dimension: "importer^year", levels: 100 },
  ]);
  assert.equal(j.separated, 0);
  assert.equal(j.singletons, 0);
  assert.equal(j.converged, true);
  assert.ok(j.iterations > 2 && j.deviance > 0 && j.tolerance === 1e-10);
  assert.ok(j.pseudoR2 > 0 && j.pseudoR2 < 1);
  assert.deepEqual(j.clusters, [300]);
  const ref = expected.twoWay.cluster;
  j.coefficients.forEach((c: { term: string; estimate: number; stdError: number }, i: number) => {
    assert.equal(c.term, ref.terms[i]);
    assert.ok(rel(c.estimate, ref.estimate[i]) < 1e-7, c.term);
    assert.ok(rel(c.stdError, ref.stdError[i]) < 1e-6, `${c.term} SE`);
  });
});

Deno.test("cli fit --compare: OLS, OLS + FE, PPML, PPML + FE side by side with stars, SEs, N, FE rows", async () => {
  const r = await cli([
    "fit",
    "--data",
    DATA,
    "--y",
    "trade",
    "--x",
    "ln(dist),cntg,rta",
    "--fe",
    "exporter^year,importer^year",
    "--se",
    "hc1",
    "--compare",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.match(lines[1], /^\s+OLS\s+OLS \+ FE\s+PPML\s+PPML \+ FE$/);
  assert.match(r.stdout, /ln\(dist\)\s+-0\.\d{3}\*\*\*/);
  assert.match(r.stdout, /\n\s+\(0\.\d{3}\)/);
  assert.match(r.stdout, /FE: exporter\^year\s+No\s+Yes\s+No\s+Yes/);
  assert.match(
    r.stdout,
    new RegExp(
      `Observations\\s+${expected.olsTwoWay.n}\\s+${expected.olsTwoWay.n}\\s+2400\\s+2400`,
    ),
  );
  assert.match(r.stdout, /Standard errors\s+Robust \(HC1\)/);
});

Deno.test("cli fit --estimator: bad input is one line", async () => {
  const r = await cli([
    "fit",
    "--data",
    DATA,
    "--y",
    "trade",
    "--x",
    "rta",
    "--estimator",
    "poisson",
  ]);
  assert.equal(r.code, 1);
  assert.match(r.stderr.trim(), /^error: --estimator "poisson" is not one of ols, ppml, sfa$/m);
  const s = await cli([
    "fit",
    "--data",
    DATA,
    "--y",
    "trade",
    "--x",
    "rta",
    "--estimator",
    "ppml",
    "--fe",
    "exporter^",
  ]);
  assert.equal(s.code, 1);
  assert.match(s.stderr, /error: .*fixed effect "exporter\^" not understood/);
});
