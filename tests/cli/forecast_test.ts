/** The forecast section of `deno task study` in every output format, and one-line scenario errors. */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";
import { freshTmp } from "../tmp.ts";

const TMP = freshTmp("forecast-cli-");
const EQ1 = new URL("../../data/study.eq1.config.json", import.meta.url).pathname;
const PERMS = ["--allow-read", "--allow-write=out", "--allow-env=NO_COLOR"];
const run = (format: string) =>
  cli(["study", "--full", "--config", EQ1, "--format", format, "--out", `${TMP}/${format}`], PERMS);

Deno.test("study CLI: the forecast section in text, markdown, JSON and HTML, with its figure", async () => {
  const [text, md, json, html] = await Promise.all(["text", "markdown", "json", "html"].map(run));
  for (const r of [text, md, json, html]) assert.equal(r.code, 0, r.stderr);
  assert.match(text.stdout, /^Forecast 1\. Out-of-time validation: fitted on 2015-2020/m);
  assert.match(text.stdout, /^Forecast 2\. Errors after the cut-off 2020/m);
  assert.match(text.stdout, /^Forecast 3\. Rolling origin \(cut-offs 2017, 2018, 2019, 2020\)/m);
  assert.match(text.stdout, /^Scenario "last observed trend": inputs/m);
  assert.match(text.stdout, /^2023: observed gdp_usd, trans_dist; filled none\.$/m);
  assert.match(text.stdout, /^KAZ +trans_dist +hold last value +2024/m);
  assert.match(md.stdout, /^## Forecast$/m);
  assert.match(md.stdout, /^\| Country \| Year \| h \| Actual \| Model \|/m);
  const res = JSON.parse(json.stdout);
  const f = res.forecast;
  assert.ok(Array.isArray(f.validation) && f.validation.length > 0);
  assert.ok(Array.isArray(f.scenarios) && f.scenarios.length === 2);
  assert.deepEqual(f.metrics.methods.map((m: { method: string }) => m.method), [
    "model",
    "last value",
    "average growth",
  ]);
  const scen = f.scenarios[0];
  assert.equal(scen.rows.length, 5 * (2030 - scen.baseYear));
  assert.ok(html.stdout.includes("<h3>Forecast</h3>"));
  const report = await Deno.readTextFile(`${TMP}/text/report.html`);
  assert.ok(report.includes("Forecast: out-of-time validation and scenario projections"));
  const svg = await Deno.readTextFile(`${TMP}/text/figures/forecast_fan.svg`);
  assert.ok(svg.startsWith("<svg") && svg.includes("cut-off 2020"));
});

Deno.test("study CLI: a bad scenario is one line on stderr", async () => {
  const raw = JSON.parse(await Deno.readTextFile(EQ1));
  const cases: [unknown, RegExp][] = [
    [{ scenarios: [{ countries: { ABC: {} } }] }, /unknown country "ABC"/],
    [{ scenarios: [{ horizon: 2019 }] }, /horizon 2019 is before the last data year 2024/],
    [
      { scenarios: [{ variables: { gdp_usd: { value: -1 } } }] },
      /gdp_usd \(taken in logs\) must be positive, not -1/,
    ],
  ];
  for (const [i, [forecast, re]] of cases.entries()) {
    const path = `${TMP}/bad${i}.json`;
    await Deno.writeTextFile(path, JSON.stringify({ ...raw, forecast }));
    const r = await cli(["study", "--config", path, "--out", `${TMP}/bad`], PERMS);
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.ok(r.stderr.includes(path));
  }
});
