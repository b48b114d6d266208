import assert from "node:assert/strict";
import { classifyK } from "../../lib/gravity/potential.ts";

const FIXTURE = "tests/fixtures/gravity/study.config.json";
const TMP = "out/test-tmp/study-cli";

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

Deno.test("study CLI on the synthetic fixture: tables printed, outputs written, K = actual/predicted", async () => {
  const r = await study(["--config", FIXTURE, "--out", `${TMP}/fixture`]);
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
});

Deno.test("study CLI --format json prints the result object", async () => {
  const r = await study(["--config", FIXTURE, "--format", "json", "--out", `${TMP}/json`]);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.regression.estimable, true);
  assert.equal(res.paper.table2.length, 8);
});

Deno.test("study CLI errors are one line: bad format, out outside out/, unknown country", async () => {
  const f = await study(["--config", FIXTURE, "--format", "pdf"]);
  assert.equal(f.code, 1);
  assert.equal(f.stderr, 'error: --format "pdf" is not one of text, markdown, json\n');
  const o = await study(["--config", FIXTURE, "--out", "/tmp/cbec-study-not-allowed"]);
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
  const r = await study(["--out", `${TMP}/real`]);
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
});

Deno.test("study CLI on the real data with equation (1): every K = actual/predicted to 1e-12", async () => {
  const r = await study(["--config", "data/study.eq1.config.json", "--out", `${TMP}/eq1`]);
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
