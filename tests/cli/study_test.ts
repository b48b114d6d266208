import assert from "node:assert/strict";
import { classifyK } from "../../lib/gravity/potential.ts";

const FIXTURE = "tests/fixtures/gravity/study.config.json";
const TMP = "out/test-tmp/study-cli";
const FIGURES = [
  "correlation_heatmap",
  "scree_plot",
  "loadings_bars",
  "cbec_index_by_country",
  "coefficient_plot",
  "actual_vs_predicted",
  "residuals_vs_fitted",
  "k_heatmap",
  "k_lines",
  "k_intervals",
];

async function study(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write=out",
      "--allow-env=NO_COLOR",
      "lib/cli/main.ts",
      "study",
      ...args,
    ],
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

// The subprocess runs start together (the machine has 2 cores) and each test awaits its own.
const RUNS = {
  fixture: study(["--config", FIXTURE, "--out", `${TMP}/fixture`]),
  html: study(["--config", FIXTURE, "--format", "html", "--out", `${TMP}/html`]),
  json: study(["--config", FIXTURE, "--format", "json", "--out", `${TMP}/json`]),
  badFormat: study(["--config", FIXTURE, "--format", "pdf"]),
  badOut: study(["--config", FIXTURE, "--out", "/tmp/cbec-study-not-allowed"]),
  real: study(["--out", `${TMP}/real`]),
  eq1: study(["--config", "data/study.eq1.config.json", "--out", `${TMP}/eq1`]),
};

Deno.test("study CLI on the synthetic fixture: tables printed, outputs written, K = actual/predicted", async () => {
  const r = await RUNS.fixture;
  assert.equal(r.code, 0, r.stderr);
  for (const s of ["Table 1.", "CBEC index", "Table 2.", "Table 3.", "Sign agreement: "]) {
    assert.ok(r.stdout.includes(s), `missing "${s}"`);
  }
  const res = JSON.parse(await Deno.readTextFile(`${TMP}/fixture/results.json`));
  for (const key of ["config", "data", "pca", "regression", "potential", "paper"]) {
    assert.ok(key in res, key);
  }
  const truth = JSON.parse(await Deno.readTextFile("tests/fixtures/gravity/truth.json"));
  const b: Record<string, number> = Object.fromEntries(
    res.regression.fit.coefficients.map((c: { term: string; estimate: number }) => [
      c.term,
      c.estimate,
    ]),
  );
  for (const [term, t] of Object.entries(truth.beta as Record<string, number>)) {
    assert.ok(Math.abs(b[term] - t) < 1e-9, `${term}: ${b[term]} vs ${t}`);
  }
  const design = new Map(
    res.data.design.map((d: { country: string; year: number }) => [`${d.country}|${d.year}`, d]),
  );
  assert.equal(res.potential.length, 25);
  for (const p of res.potential) {
    const x = (design.get(`${p.country}|${p.year}`) as { x: Record<string, number> }).x;
    let fitted = b["(Intercept)"];
    for (const t of res.config.terms) fitted += b[t.name] * x[t.name];
    const k = p.actual / Math.exp(fitted);
    assert.ok(Math.abs(p.k - k) <= 1e-12 * k, `${p.country} ${p.year}: ${p.k} vs ${k}`);
    assert.equal(p.class, classifyK(p.k, res.config.potential.thresholds));
  }
  const t2 = await Deno.readTextFile(`${TMP}/fixture/table2.csv`);
  assert.ok(t2.startsWith("Term,Coef.,SE,t,P>|t|"));
  assert.ok(t2.includes("ln_pgdp,"));
  const t3 = await Deno.readTextFile(`${TMP}/fixture/table3.csv`);
  assert.equal(t3.trim().split("\n").length, 26);
  assert.ok((await Deno.readTextFile(`${TMP}/fixture/tables.md`)).includes("| Term | Coef."));
  // figures and the report: one K cell per country-year, the paper's series in the coefficient plot
  const fig = (name: string) => Deno.readTextFile(`${TMP}/fixture/figures/${name}.svg`);
  for (const name of FIGURES) assert.match(await fig(name), /^<svg xmlns=/, name);
  const heat = (await fig("k_heatmap")).match(/<g aria-label="cell"[^>]*>(.*?)<\/g>/s)![1];
  const nYears = res.config.years.to - res.config.years.from + 1;
  assert.equal((heat.match(/<rect /g) ?? []).length, res.config.partners.length * nYears);
  const coef = await fig("coefficient_plot");
  assert.ok(coef.includes("paper (Table 2)"));
  assert.equal((coef.match(/<circle [^>]*fill="#ff725c"/g) ?? []).length, 7 + 1); // 7 dots + legend
  const report = await Deno.readTextFile(`${TMP}/fixture/report.html`);
  assert.equal(report.match(/<!doctype html>/g)?.length, 1);
  assert.equal((report.match(/<figure>/g) ?? []).length, FIGURES.length + 1); // + forecast_fan
  assert.ok(report.includes("<caption>Table 3. Trade potential K: ours beside the paper's"));
  assert.ok(report.includes("<h3>Why they differ</h3>"));
  assert.match(r.stdout, /Wrote 16 files to out\/test-tmp\/study-cli\/fixture\/:/);
});

Deno.test("study CLI --format html prints one self-contained HTML document", async () => {
  const r = await RUNS.html;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("<!doctype html>\n"));
  assert.ok(r.stdout.trimEnd().endsWith("</html>"));
  assert.equal(r.stdout.match(/<html/g)?.length, 1);
  assert.equal((r.stdout.match(/<figure>/g) ?? []).length, FIGURES.length + 1); // + forecast_fan
  assert.ok(!/<script|<link |src="http/.test(r.stdout));
  assert.equal(r.stdout, await Deno.readTextFile(`${TMP}/html/report.html`) + "\n");
});

Deno.test("study CLI --format json prints the result object", async () => {
  const r = await RUNS.json;
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.regression.estimable, true);
  assert.equal(res.paper.table2.length, 8);
});

Deno.test("study CLI errors are one line: bad format, out outside out/, unknown country", async () => {
  const f = await RUNS.badFormat;
  assert.equal(f.code, 1);
  assert.equal(f.stderr, 'error: --format "pdf" is not one of text, markdown, json, html\n');
  const o = await RUNS.badOut;
  assert.equal(o.code, 1);
  assert.match(o.stderr, /^error: cannot write to \/tmp\/cbec-study-not-allowed: \w+ .*\n$/);
  await Deno.mkdir(TMP, { recursive: true });
  const cfg = JSON.parse(await Deno.readTextFile(FIXTURE));
  cfg.partners = ["KAZ", "XYZ"];
  await Deno.writeTextFile(`${TMP}/bad.config.json`, JSON.stringify(cfg));
  const c = await study(["--config", `${TMP}/bad.config.json`, "--out", `${TMP}/bad`]);
  assert.equal(c.code, 1);
  assert.match(
    c.stderr,
    /^error: out\/test-tmp\/study-cli\/bad\.config\.json: unknown country "XYZ" .*\n$/,
  );
  assert.equal(c.stderr.split("\n").length, 2);
});

Deno.test("study CLI on the bundled real data (equation (2)) runs and prints both tables beside the paper's", async () => {
  const r = await RUNS.real;
  assert.equal(r.code, 0, r.stderr);
  for (const s of ["Table 1.", "Table 2.", "Table 3.", "Why they differ", "PROXY"]) {
    assert.ok(r.stdout.includes(s), `missing "${s}"`);
  }
  // the paper's Table 2 coefficient for ln pgdp and its negative K for Tajikistan 2017
  assert.match(r.stdout, /ln_pgdp .* 0\.703 +0\.137 +0\.000/);
  assert.match(r.stdout, /TJK +2017 .* -4\.691 +huge/);
  const res = JSON.parse(await Deno.readTextFile(`${TMP}/real/results.json`));
  // either a fit, or the plain statement of why there is none (with N and k)
  if (!res.regression.estimable) {
    assert.match(
      r.stdout,
      /the regression cannot be estimated: \d+ country-years have the dependent variable and every term, k = 8 coefficients/,
    );
  }
  assert.equal(res.data.excluded.length, res.data.partnerYears - res.data.complete);
  // the text fits in 120 columns; Table 1's missing cells and sources are listed under it
  for (const line of r.stdout.split("\n")) assert.ok(line.length <= 120, line);
  assert.match(r.stdout, /^ {2}internet_users: TKM 2018-2022$/m);
  const md = await Deno.readTextFile(`${TMP}/real/tables.md`);
  // the CPI level has every partner-year; TJK 2017-2022 and TKM 2015-2022 (14) are rebased WB_CC
  assert.match(
    md,
    /\| ln_cpi \| cpi \| partner \| 40\/40 \| - \| 14 \| {2}\| {2}\| raw\/macro\/.*:WB_CC \|/,
  );
  // regression figures say why they are empty; the PCA figures draw
  const fig = (name: string) => Deno.readTextFile(`${TMP}/real/figures/${name}.svg`);
  const report = await Deno.readTextFile(`${TMP}/real/report.html`);
  if (!res.regression.estimable) {
    assert.match(r.stdout, /deno task study --config data\/study\.eq1\.config\.json\n/);
    assert.match(r.stdout, /would add the dependent\s+variable for \d+ more partner-years/);
    for (const name of FIGURES.slice(4)) {
      assert.match(await fig(name), /class="no-data"[^>]*>no regression: N = \d+ ≤ k = 8</, name);
    }
    assert.ok(report.includes("<strong>The regression could not be estimated</strong>"));
    assert.ok(report.includes("deno task study --config data/study.eq1.config.json"));
  }
  for (const name of FIGURES.slice(0, 4)) assert.ok(!(await fig(name)).includes("no-data"), name);
});

Deno.test("study CLI on the real data with equation (1): every K = actual/predicted to 1e-12", async () => {
  const r = await RUNS.eq1;
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(await Deno.readTextFile(`${TMP}/eq1/results.json`));
  assert.equal(res.regression.estimable, true);
  const b: Record<string, number> = Object.fromEntries(
    res.regression.fit.coefficients.map((c: { term: string; estimate: number }) => [
      c.term,
      c.estimate,
    ]),
  );
  const design = new Map(
    res.data.design.map((d: { country: string; year: number }) => [`${d.country}|${d.year}`, d]),
  );
  let withK = 0;
  for (const p of res.potential) {
    const x = (design.get(`${p.country}|${p.year}`) as { x: Record<string, number> }).x;
    let fitted = b["(Intercept)"];
    for (const t of res.config.terms) fitted += b[t.name] * x[t.name];
    assert.ok(Math.abs(p.predicted - Math.exp(fitted)) <= 1e-12 * p.predicted);
    if (p.k === null) {
      assert.equal(p.outOfSample, true);
      continue;
    }
    withK++;
    const k = p.actual / Math.exp(fitted);
    assert.ok(Math.abs(p.k - k) <= 1e-12 * k, `${p.country} ${p.year}: ${p.k} vs ${k}`);
    assert.equal(p.class, classifyK(p.k, res.config.potential.thresholds));
  }
  assert.equal(withK, res.regression.fit.n);
});
