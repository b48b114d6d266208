import "../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { classifyK } from "../../lib/gravity/potential/k.ts";

// Paths are resolved from this file and the CLI runs with the repository as its working
// directory, so the tests pass from any directory. Every run writes to its own fresh temporary
// directory under out/ (removed when the tests end), so files of an earlier run cannot hide a
// regression.
const ROOT = new URL("../../", import.meta.url).pathname;
const FIXTURE = "tests/fixtures/gravity/study.config.json";
Deno.mkdirSync(`${ROOT}out/test-tmp`, { recursive: true });
const TMP_ABS = Deno.makeTempDirSync({ dir: `${ROOT}out/test-tmp`, prefix: "study-cli-" });
/** The temporary directory relative to the repository (as the CLI is given it). */
const TMP = TMP_ABS.slice(ROOT.length);
globalThis.addEventListener("unload", () => Deno.removeSync(TMP_ABS, { recursive: true }));
const read = (rel: string) => Deno.readTextFile(`${ROOT}${rel}`);
/** The independent refit of the real data (tests/fixtures/gravity/independent.py). */
const REFIT = JSON.parse(
  Deno.readTextFileSync(`${ROOT}tests/fixtures/gravity/real_refit.json`),
).studies;
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
    cwd: ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function sha256(rel: string): Promise<string> {
  const bytes = await Deno.readFile(`${ROOT}${rel}`);
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The refit fixture describes the data and config the study just read (else: regenerate it). */
async function assertRefitCurrent(
  refit: { config: string; configSha256: string; panel: string; panelSha256: string },
) {
  const hint = "rerun /usr/bin/python3 tests/fixtures/gravity/independent.py and commit " +
    "tests/fixtures/gravity/real_refit.json";
  assert.equal(await sha256(refit.panel), refit.panelSha256, `${refit.panel} changed: ${hint}`);
  assert.equal(await sha256(refit.config), refit.configSha256, `${refit.config} changed: ${hint}`);
}

interface Refit {
  cbec: {
    ok: boolean;
    indicators: string[];
    n: number;
    composite: { country: string; year: number; value: number }[];
  };
  regression: {
    estimable: boolean;
    nComplete: number;
    sample: string[];
    coefficients?: Record<string, number>;
    se?: Record<string, Record<string, number>>;
    r2?: number;
    potential?: { country: string; year: number; k: number | null; class: string | null }[];
  };
}

/**
 * Our study on the real data against the independent refit of the same rows: the CBEC index,
 * the complete country-years, estimability, and when estimable the coefficients, classical SEs,
 * R2 and every K.
 */
// deno-lint-ignore no-explicit-any
function assertMatchesRefit(res: any, refit: Refit) {
  assert.equal(res.pca.ok, refit.cbec.ok);
  assert.deepEqual(res.pca.indicators, refit.cbec.indicators);
  assert.equal(res.pca.n, refit.cbec.n);
  res.pca.composite.forEach((c: { country: string; year: number; value: number }, i: number) => {
    const e = refit.cbec.composite[i];
    assert.equal(`${c.country} ${c.year}`, `${e.country} ${e.year}`);
    assert.ok(
      Math.abs(c.value - e.value) < 1e-9,
      `CBEC ${c.country} ${c.year}: ${c.value} vs ${e.value}`,
    );
  });
  assert.equal(res.regression.nComplete, refit.regression.nComplete);
  assert.deepEqual(
    res.regression.sample.map((s: { country: string; year: number }) => `${s.country} ${s.year}`),
    refit.regression.sample,
  );
  assert.equal(res.regression.estimable, refit.regression.estimable);
  if (!refit.regression.estimable) {
    assert.equal(res.regression.fit, null);
    return;
  }
  const fit = res.regression.fit;
  assert.equal(fit.n, refit.regression.nComplete);
  // real gravity designs are ill-conditioned (products of logs): agreement to 1e-7 relative
  const TOL = 1e-7;
  for (const c of fit.coefficients) {
    const b = refit.regression.coefficients![c.term];
    const se = refit.regression.se!.classical[c.term];
    assert.ok(
      Math.abs(c.estimate - b) <= TOL * Math.max(1, Math.abs(b)),
      `${c.term}: ${c.estimate} vs ${b}`,
    );
    assert.ok(Math.abs(c.stdError - se) <= TOL * se, `SE ${c.term}: ${c.stdError} vs ${se}`);
  }
  assert.ok(Math.abs(fit.r2 - refit.regression.r2!) < 1e-10);
  const want = new Map(refit.regression.potential!.map((p) => [`${p.country} ${p.year}`, p]));
  assert.equal(res.potential.length, want.size);
  for (const p of res.potential) {
    const e = want.get(`${p.country} ${p.year}`)!;
    if (e.k === null) assert.equal(p.k, null);
    else assert.ok(Math.abs(p.k - e.k) <= TOL * e.k, `K ${p.country} ${p.year}: ${p.k} vs ${e.k}`);
    assert.equal(p.class, e.class);
  }
}

// The subprocess runs start together (the machine has 2 cores) and each test awaits its own.
const RUNS = {
  fixture: study(["--config", FIXTURE, "--full", "--out", `${TMP}/fixture`]),
  html: study(["--config", FIXTURE, "--format", "html", "--out", `${TMP}/html`]),
  json: study(["--config", FIXTURE, "--format", "json", "--out", `${TMP}/json`]),
  badFormat: study(["--config", FIXTURE, "--format", "pdf"]),
  badOut: study(["--config", FIXTURE, "--out", "/tmp/cbec-study-not-allowed"]),
  real: study(["--full", "--out", `${TMP}/real`]),
  eq1: study(["--config", "data/study.eq1.config.json", "--out", `${TMP}/eq1`]),
};

Deno.test("study CLI on the synthetic fixture: tables printed, outputs written, K = actual/predicted", async () => {
  const r = await RUNS.fixture;
  assert.equal(r.code, 0, r.stderr);
  for (const s of ["Table 1.", "CBEC index", "Table 2.", "Table 3.", "Sign agreement: "]) {
    assert.ok(r.stdout.includes(s), `missing "${s}"`);
  }
  const res = JSON.parse(await read(`${TMP}/fixture/results.json`));
  for (const key of ["config", "data", "pca", "regression", "potential", "paper"]) {
    assert.ok(key in res, key);
  }
  const truth = JSON.parse(await read("tests/fixtures/gravity/truth.json"));
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
  const t2 = await read(`${TMP}/fixture/table2.csv`);
  assert.ok(t2.startsWith("Term,Coef.,SE,t,P>|t|"));
  assert.ok(t2.includes("ln_pgdp,"));
  const t3 = await read(`${TMP}/fixture/table3.csv`);
  assert.equal(t3.trim().split("\n").length, 26);
  assert.ok((await read(`${TMP}/fixture/tables.md`)).includes("| Term | Coef."));
  // figures and the report: one K cell per country-year, the paper's series in the coefficient plot
  const fig = (name: string) => read(`${TMP}/fixture/figures/${name}.svg`);
  for (const name of FIGURES) assert.match(await fig(name), /^<svg xmlns=/, name);
  const heat = (await fig("k_heatmap")).match(/<g aria-label="cell"[^>]*>(.*?)<\/g>/s)![1];
  const nYears = res.config.years.to - res.config.years.from + 1;
  assert.equal((heat.match(/<rect /g) ?? []).length, res.config.partners.length * nYears);
  const coef = await fig("coefficient_plot");
  assert.ok(coef.includes("paper (Table 2)"));
  assert.equal((coef.match(/<circle [^>]*fill="#ff725c"/g) ?? []).length, 7 + 1); // 7 dots + legend
  const report = await read(`${TMP}/fixture/report.html`);
  assert.equal(report.match(/<!doctype html>/g)?.length, 1);
  assert.equal((report.match(/<figure>/g) ?? []).length, FIGURES.length + 1); // + forecast_fan
  assert.ok(report.includes("<caption>Table 3. Trade potential K: ours beside the paper's"));
  assert.ok(report.includes("<h3>Why they differ</h3>"));
  assert.ok(r.stdout.includes(`Wrote 18 files to ${TMP}/fixture/:`), r.stdout.slice(-300));
});

Deno.test("study CLI --format html prints one self-contained HTML document", async () => {
  const r = await RUNS.html;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("<!doctype html>\n"));
  assert.ok(r.stdout.trimEnd().endsWith("</html>"));
  assert.equal(r.stdout.match(/<html/g)?.length, 1);
  assert.equal((r.stdout.match(/<figure>/g) ?? []).length, FIGURES.length + 1); // + forecast_fan
  assert.ok(!/<script|<link |src="http/.test(r.stdout));
  assert.equal(r.stdout, await read(`${TMP}/html/report.html`) + "\n");
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
  assert.equal(f.stderr, 'error: --format "pdf" is not one of text, markdown, json, html, latex\n');
  const o = await RUNS.badOut;
  assert.equal(o.code, 1);
  assert.match(o.stderr, /^error: cannot write to \/tmp\/cbec-study-not-allowed: \w+ .*\n$/);
  const cfg = JSON.parse(await read(FIXTURE));
  cfg.partners = ["KAZ", "XYZ"];
  await Deno.writeTextFile(`${TMP_ABS}/bad.config.json`, JSON.stringify(cfg));
  const c = await study(["--config", `${TMP}/bad.config.json`, "--out", `${TMP}/bad`]);
  assert.equal(c.code, 1);
  assert.ok(
    c.stderr.startsWith(`error: ${TMP}/bad.config.json: unknown country "XYZ" `),
    c.stderr,
  );
  assert.equal(c.stderr.split("\n").length, 2);
});

Deno.test("study CLI on the bundled real data (equation (2)): tables beside the paper's, fit = independent refit", async () => {
  const r = await RUNS.real;
  assert.equal(r.code, 0, r.stderr);
  for (const s of ["Table 1.", "Table 2.", "Table 3.", "Why they differ", "PROXY"]) {
    assert.ok(r.stdout.includes(s), `missing "${s}"`);
  }
  // the paper's Table 2 coefficient for ln pgdp and its negative K for Tajikistan 2017
  assert.match(r.stdout, /ln_pgdp .* 0\.703 +0\.137 +0\.000/);
  assert.match(r.stdout, /TJK +2017 .* -4\.691 +huge/);
  const res = JSON.parse(await read(`${TMP}/real/results.json`));
  // estimability, the rows and (when estimable) every coefficient and K, as the independent
  // refit (numpy/sklearn/statsmodels on data/panel.csv) has them for this config
  await assertRefitCurrent(REFIT.eq2);
  assertMatchesRefit(res, REFIT.eq2);
  assert.equal(res.data.excluded.length, res.data.partnerYears - res.data.complete);
  // the text fits in 120 columns; Table 1's missing cells and sources are listed under it
  for (const line of r.stdout.split("\n")) assert.ok(line.length <= 120, line);
  assert.match(r.stdout, /^ {2}internet_users: TKM 2018-2022$/m);
  const md = await read(`${TMP}/real/tables.md`);
  // the CPI level has every partner-year; TJK 2017-2022 and TKM 2015-2022 (14) are rebased WB_CC
  assert.match(
    md,
    /\| ln_cpi \| cpi \| partner \| 40\/40 \| - \| 14 \| {2}\| {2}\| raw\/macro\/.*:WB_CC \|/,
  );
  const fig = (name: string) => read(`${TMP}/real/figures/${name}.svg`);
  const report = await read(`${TMP}/real/report.html`);
  for (const name of FIGURES.slice(0, 4)) assert.ok(!(await fig(name)).includes("no-data"), name);
  const cannot =
    /the regression cannot be estimated: \d+ country-years have the dependent variable and every term, k = 8 coefficients/;
  if (REFIT.eq2.regression.estimable) {
    // a fit: its figures draw, nothing says it cannot be estimated
    assert.doesNotMatch(r.stdout, cannot);
    for (const name of FIGURES.slice(4)) assert.ok(!(await fig(name)).includes("no-data"), name);
    assert.ok(!report.includes("<strong>The regression could not be estimated</strong>"));
  } else {
    // no fit: the plain statement of why (N and k), the hint to equation (1), empty figures
    assert.match(r.stdout, cannot);
    assert.match(r.stdout, /deno task study --config data\/study\.eq1\.config\.json\n/);
    assert.match(r.stdout, /would add the dependent\s+variable for \d+ more partner-years/);
    for (const name of FIGURES.slice(4)) {
      assert.match(await fig(name), /class="no-data"[^>]*>no regression: N = \d+ ≤ k = 8</, name);
    }
    assert.ok(report.includes("<strong>The regression could not be estimated</strong>"));
    assert.ok(report.includes("deno task study --config data/study.eq1.config.json"));
  }
});

Deno.test("study CLI on the real data with equation (1): estimable, fit and K = independent refit", async () => {
  const r = await RUNS.eq1;
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(await read(`${TMP}/eq1/results.json`));
  await assertRefitCurrent(REFIT.eq1);
  assert.equal(REFIT.eq1.regression.estimable, true);
  assertMatchesRefit(res, REFIT.eq1);
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
