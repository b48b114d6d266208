/**
 * PPML's default standard errors (issue 25): robust (HC0) unless model-based ones are asked for,
 * on the book's 2006 border model (Yotov et al. 2016, ch. 2). The defaults are checked against the
 * Stata semirobust values printed in the book's log (HC0 x sqrt(N / (N - 1))) and against
 * statsmodels GLM with dummies (tests/fixtures/stats/make_border_se_fixture.py).
 */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";
import { defaultSe } from "../../lib/stats/model/spec.ts";

const DATA = "tests/fixtures/ge/border_2006.csv";
const SM = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/stats/border_se_expected.json", import.meta.url)),
);
/** The book's Stata log (pachadotdev/tradepolicy, Chapter 2, TradeWithoutBorder.log), `ppml`. */
const STATA_SEMIROBUST = { "ln(DIST)": 0.0501494, CNTG: 0.1073719, INTL_BRDR: 0.1193816 };
const TERMS = ["ln(DIST)", "CNTG", "INTL_BRDR"] as const;
const base = [
  "fit",
  "--data",
  DATA,
  "--y",
  "trade",
  "--x",
  "ln(DIST),CNTG,INTL_BRDR",
  "--estimator",
  "ppml",
  "--fe",
  "exporter,importer",
];
const se = (json: { coefficients: { term: string; stdError: number }[] }, t: string) =>
  json.coefficients.find((c) => c.term === t)!.stdError;

Deno.test("PPML without --se reports HC0: x sqrt(N/(N-1)) gives the book's Stata SEs to every printed digit", async () => {
  const r = await cli([...base, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.se, "hc0");
  assert.equal(defaultSe("ppml"), "hc0");
  assert.equal(defaultSe("ols"), "classical");
  const semirobust = Math.sqrt(json.n / (json.n - 1));
  for (const t of TERMS) {
    assert.ok(Math.abs(se(json, t) * semirobust - STATA_SEMIROBUST[t]) < 5e-8, t);
    assert.ok(Math.abs(se(json, t) / SM.seHc0[t] - 1) < 1e-6, `${t} vs statsmodels HC0`);
  }
  assert.equal(json.warnings, undefined, "no warning with robust SEs");
  const text = await cli(base);
  assert.match(text.stdout, /Standard errors\s+Robust \(HC0\)/);
});

Deno.test("--se iid gives statsmodels' model-based Poisson SEs and a one-line dispersion warning", async () => {
  const r = await cli([...base, "--se", "iid", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.se, "classical");
  for (const t of TERMS) assert.ok(Math.abs(se(json, t) / SM.seIid[t] - 1) < 1e-6, t);
  assert.ok(Math.abs(json.dispersion / SM.dispersion - 1) < 1e-8);
  const warning =
    `model-based (IID) Poisson SEs assume the variance equals the mean; the Pearson ` +
    `dispersion is ${SM.dispersion.toPrecision(4)}, so they are about ` +
    `${Math.sqrt(SM.dispersion).toPrecision(3)} times too small if it is constant (the default, ` +
    `hc0, is robust to it)`;
  assert.deepEqual(json.warnings, [warning]);
  assert.ok(r.stderr.split("\n").includes(`warning: ${warning}`));
  const text = await cli([...base, "--se", "iid"]);
  assert.match(text.stdout, /Standard errors\s+IID/);
  assert.ok(text.stdout.includes(`Warning: ${warning}`));
});

Deno.test("--compare without --se: classical for the OLS columns, HC0 for the PPML ones, each stated", async () => {
  const r = await cli([...base.filter((a) => a !== "--estimator" && a !== "ppml"), "--compare"]);
  assert.equal(r.code, 0, r.stderr);
  const row = r.stdout.split("\n").find((l) => l.startsWith("Standard errors"))!;
  assert.deepEqual(row.replace("Standard errors", "").trim().split(/\s{2,}/), [
    "IID",
    "IID",
    "Robust (HC0)",
    "Robust (HC0)",
  ]);
});
