/**
 * The `fit` command end to end (spawned as a user would run it): JSON contract against
 * statsmodels values, and one-line errors for bad input.
 */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";
import { freshTmp } from "../tmp.ts";

const FIX = new URL("../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "expected.json"));

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("cli fit --format json matches statsmodels (cluster SEs, WDI panel)", async () => {
  const r = await cli([
    "fit",
    "--data",
    FIX + "wdi_panel.csv",
    "--y",
    "ln(gdp)",
    "--x",
    "ln(pop),inflation,year",
    "--se",
    "cluster:iso3",
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const ref = expected.wdi;
  for (
    const key of [
      "n",
      "k",
      "dfResidual",
      "r2",
      "adjR2",
      "fStatistic",
      "fPValue",
      "sigma",
      "se",
      "nDropped",
      "omitted",
      "coefficients",
    ]
  ) {
    assert.ok(key in j, key);
  }
  assert.equal(j.n, ref.n);
  assert.equal(j.nDropped, ref.nDropped);
  assert.equal(j.se, "cluster");
  assert.deepEqual(j.omitted, []);
  assert.deepEqual(j.coefficients.map((c: { term: string }) => c.term), [
    "(Intercept)",
    "ln(pop)",
    "inflation",
    "year",
  ]);
  j.coefficients.forEach((c: Record<string, number>, i: number) => {
    const e = ref.cluster.coefficients[i];
    assert.ok(rel(c.estimate, e.estimate) < 1e-7 && rel(c.stdError, e.stdError) < 1e-7);
    assert.ok(rel(c.p, e.p) < 1e-7);
  });
  assert.ok(rel(j.fStatistic, ref.cluster.fStatistic) < 1e-7);
  assert.ok(rel(j.r2, ref.r2) < 1e-10);
});

Deno.test("cli fit text output is a Stata-like table with N, R2, F and Root MSE", async () => {
  const r = await cli([
    "fit",
    "--data",
    FIX + "wdi_panel.csv",
    "--y",
    "ln(gdp)",
    "--x",
    "ln(pop),inflation",
  ]);
  assert.equal(r.code, 0, r.stderr);
  for (
    const s of [
      "Number of obs",
      "=          226",
      "R-squared",
      "Adj R-squared",
      "Root MSE",
      "F(2, 223)",
      "Coef.",
      "Std. Err.",
      "P>|t|",
      "[95% Conf.",
      "_cons",
      "ln(pop)",
    ]
  ) {
    assert.ok(r.stdout.includes(s), s);
  }
  const md = await cli([
    "fit",
    "--data",
    FIX + "wdi_panel.csv",
    "--y",
    "ln(gdp)",
    "--x",
    "ln(pop)",
    "--format",
    "markdown",
    "--no-intercept",
    "--se",
    "hc3",
    "--level",
    "0.9",
  ]);
  assert.equal(md.code, 0, md.stderr);
  assert.ok(md.stdout.includes("| ln(pop) |") && md.stdout.includes("[90% Conf."));
});

Deno.test("cli fit: bad input gives one line naming file, row and column, exit 1", async () => {
  const TMP = freshTmp("cli-fit-") + "/";
  const bad = TMP + "bad.csv";
  Deno.writeTextFileSync(bad, "y,x,g\n1,2,a\n2,1.2.3,b\n3,4,c\n");
  const zero = TMP + "zero.csv";
  Deno.writeTextFileSync(zero, "y,x\r\n1,2\r\n2,0\r\n3,5\r\n");
  const tiny = TMP + "tiny.csv";
  Deno.writeTextFileSync(tiny, "y,x\n1,2\n2,3\n");
  const cases: [string[], RegExp][] = [
    [["--data", bad, "--y", "y", "--x", "nope"], /bad\.csv: no column "nope"/],
    [
      ["--data", bad, "--y", "y", "--x", "x"],
      /bad\.csv: row 3, column "x": "1\.2\.3" is not a number/,
    ],
    [["--data", zero, "--y", "y", "--x", "ln(x)"], /zero\.csv: row 3, column "x": ln of 0/],
    [
      ["--data", tiny, "--y", "y", "--x", "x"],
      /tiny\.csv: too few observations: 2 .* 2 coefficient/,
    ],
    [["--data", zero, "--y", "y", "--x", "x", "--se", "hc7"], /--se "hc7" not understood/],
    [["--data", zero, "--y", "y"], /missing --x/],
    [["--data", zero, "--y", "y", "--x", "x", "--level", "95"], /--level "95"/],
    [["--data", TMP + "absent.csv", "--y", "y", "--x", "x"], /absent\.csv/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(["fit", ...args]);
    assert.equal(r.code, 1, args.join(" "));
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], re);
  }
});
