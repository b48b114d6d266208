/**
 * `deno task cli fit --estimator sfa`, run as a user runs it: FRONTIER 4.1's EG1 and the rice
 * panel through the CLI against the published numbers (tests/fixtures/stats/frontier/
 * published.json), the JSON shape the issue names, the tables, and bad input as one line, exit 1.
 */
import assert from "node:assert/strict";
import { freshTmp } from "../tmp.ts";
import { cli } from "./run_cli.ts";
import { PUBLISHED } from "../stats/frontier/data.ts";

const EG1 = "../shared/data/raw/frontier/front41Data.csv";
const T = freshTmp("cli-sfa-");
const put = (name: string, text: string) => {
  Deno.writeTextFileSync(`${T}/${name}`, text);
  return `${T}/${name}`;
};

/** The rice panel as a CSV with a text farm id. */
function ricePanel(): string {
  const lines = Deno.readTextFileSync("../shared/data/raw/frontier/riceProdPhil.csv").trim()
    .split("\n");
  const head = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  const at = (r: string[], n: string) => r[head.indexOf(n)];
  const rows = lines.slice(1).map((l) => l.split(","));
  return put(
    "rice.csv",
    [
      "farm,year,PROD,AREA,LABOR,NPK,EDYRS,BANRAT",
      ...rows.map((r) =>
        [
          `F${at(r, "FMERCODE").padStart(2, "0")}`,
          ...["YEARDUM", "PROD", "AREA", "LABOR", "NPK", "EDYRS", "BANRAT"].map((n) => at(r, n)),
        ].join(",")
      ),
    ].join("\n") + "\n",
  );
}

const BASE = ["fit", "--estimator", "sfa", "--data", EG1, "--y", "ln(output)", "--x"];

Deno.test("cli fit --estimator sfa: EG1 JSON has the issue's shape and FRONTIER's numbers", async () => {
  const r = await cli([...BASE, "ln(capital),ln(labour)", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  for (const key of ["coefficients", "sigmaSq", "gamma", "lambda", "logLik", "lrTest"]) {
    assert.ok(key in j, key);
  }
  assert.equal(j.dependent, "ln(output)");
  assert.equal("mu" in j || "eta" in j || "inefficiency" in j, false);
  const pub = PUBLISHED.eg1;
  j.coefficients.forEach((c: { estimate: number; stdError: number }, i: number) => {
    assert.ok(Math.abs(c.estimate / pub.mle[i].estimate - 1) < 5e-5);
    assert.ok(Math.abs(c.stdError / pub.mle[i].stdError - 1) < 0.03);
  });
  assert.ok(Math.abs(j.gamma.estimate / pub.mle[4].estimate - 1) < 5e-5);
  assert.ok(Math.abs(j.logLik - pub.logLik) < 1e-5);
  assert.ok(Math.abs(j.meanEfficiency - pub.meanEfficiency) < 2e-6);
  assert.equal(j.efficiency.length, 60);
  // one per row used, in data order, rows numbered as in the file (header = row 1)
  assert.deepEqual(j.efficiency.slice(0, 2).map((e: { row: number }) => e.row), [2, 3]);
  assert.ok(Math.abs(j.efficiency[34].efficiency - pub.efficiency[34]) < 2e-6);
});

Deno.test("cli fit --estimator sfa: rice panel with --z reproduces the R frontier package", async () => {
  const rice = ricePanel();
  const r = await cli([
    "fit",
    "--estimator",
    "sfa",
    "--data",
    rice,
    "--y",
    "ln(PROD)",
    "--x",
    "ln(AREA),ln(LABOR),ln(NPK)",
    "--panel",
    "farm,year",
    "--z",
    "EDYRS,BANRAT",
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const pub = PUBLISHED.rice.b5;
  const ours = [...j.coefficients, ...j.inefficiency, j.sigmaSq, j.gamma];
  pub.mle.forEach((p: { estimate: number }, i: number) => {
    assert.ok(Math.abs(ours[i].estimate - p.estimate) <= 1e-6, `${i}: ${ours[i].estimate}`);
  });
  assert.deepEqual(j.inefficiency.map((c: { term: string }) => c.term), ["EDYRS", "BANRAT"]);
  assert.equal(j.units, 43);
  assert.equal(j.efficiency[0].id, "F01");
  assert.equal(j.meanEfficiencyByPeriod.length, 8);
  assert.ok(Math.abs(j.meanEfficiency - pub.meanEfficiency) <= 1e-5);
});

Deno.test("cli fit --estimator sfa: text, markdown and html tables; --compare beside OLS", async () => {
  const text = await cli([...BASE, "ln(capital),ln(labour)"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^gamma\s+0\.7972\s+0\.1385$/m);
  assert.match(text.stdout, /LR test of no inefficiency: 2\.8392, mixed chi-square/);
  const md = await cli([...BASE, "ln(capital),ln(labour)", "--format", "markdown", "--compare"]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^\| ln\(output\) \| OLS \| Frontier \(ML\) \|$/m);
  assert.match(md.stdout, /^\| ln\(capital\) \| 0\.2805\*\*\* \| 0\.2811\*\*\* \|$/m);
  const html = await cli([...BASE, "ln(capital),ln(labour)", "--format", "html"]);
  assert.match(html.stdout, /^<table><caption>Stochastic frontier: ln\(output\)<\/caption>/);
});

const BAD: [string, () => string[], RegExp][] = [
  [
    "a panel with a duplicated (id, time)",
    () => [
      "--data",
      put("dup.csv", "id,t,y,x\na,1,1,2\na,2,2,3\na,2,3,5\nb,1,4,4\nb,2,2,1\nc,1,3,3\nc,2,5,6\n"),
      "--y",
      "ln(y)",
      "--x",
      "ln(x)",
      "--panel",
      "id,t",
    ],
    /dup\.csv: panel: unit "a" has time 2 twice \(rows 3 and 4\)/,
  ],
  [
    "fewer observations than parameters",
    () => ["--data", put("few.csv", "y,x\n1,2\n2,3\n3,5\n4,4\n"), "--y", "ln(y)", "--x", "ln(x)"],
    /few\.csv: too few observations: 4 complete row\(s\) for 4 parameter\(s\)/,
  ],
  [
    "a non-positive value under ln",
    () => [
      "--data",
      put("neg.csv", "y,x\n1,2\n2,-3\n3,5\n4,4\n5,6\n"),
      "--y",
      "ln(y)",
      "--x",
      "ln(x)",
    ],
    /neg\.csv: row 3, column "x": ln of -3 \(needs a value > 0\)/,
  ],
  [
    "--time-varying without --panel",
    () => ["--data", EG1, "--y", "ln(output)", "--x", "ln(capital)", "--time-varying"],
    /--time-varying needs --panel ID,TIME/,
  ],
  [
    "an unknown --inefficiency",
    () => ["--data", EG1, "--y", "ln(output)", "--x", "ln(capital)", "--inefficiency", "gamma"],
    /--inefficiency "gamma" is not one of halfnormal, truncnormal/,
  ],
  [
    "--panel naming one column",
    () => ["--data", EG1, "--y", "ln(output)", "--x", "ln(capital)", "--panel", "firm"],
    /--panel "firm" must name two columns/,
  ],
];

for (const [what, args, message] of BAD) {
  Deno.test(`cli fit --estimator sfa, bad input: ${what} -> one line, exit 1`, async () => {
    const r = await cli(["fit", "--estimator", "sfa", ...args()]);
    assert.equal(r.code, 1, r.stdout);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], message);
  });
}

Deno.test("cli fit: SFA flags without --estimator sfa are one-line errors", async () => {
  const r = await cli(["fit", "--data", EG1, "--y", "output", "--x", "capital", "--panel", "a,b"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), "error: --panel is an option of --estimator sfa (got ols)");
});
