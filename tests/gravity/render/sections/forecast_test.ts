/**
 * lib/gravity/render/sections/forecast.ts on the hand-built forecast of hand_results.ts: the exact
 * markdown of the forecast section (validation, errors, horizons, scenario inputs and
 * projections), text and HTML, and each conditional note and cell format.
 */
import assert from "node:assert/strict";
import {
  forecastSpecs,
  formatForecast,
  horizonSpec,
  metricsSpec,
  scenarioInputsSpec,
  scenarioSpec,
  validationSpec,
} from "../../../../lib/gravity/render/sections/forecast.ts";
import { formatTable, type TableSpec } from "../../../../lib/report/table.ts";
import { handForecast } from "../hand_results.ts";

const md = (s: TableSpec) => formatTable(s, "markdown");

Deno.test("the forecast section in markdown, written from the hand-built inputs", () => {
  // bn = US$ / 1e9 with 2 decimals; MAPE 1 decimal; inputs of 1e6 and more as whole numbers
  assert.equal(
    formatForecast(handForecast(), "markdown"),
    [
      "## Forecast",
      "Forecast <summary> & more.",
      "",
      "**Forecast 1. Out-of-time validation: fitted on 2010-2018, forecast 2019-2020 (US$ bn; actual = trade)**",
      "",
      "| Country | Year | h | Actual | Model | 80% lo | 80% hi | Covers | Last value | Avg growth | Filled regressor inputs |",
      "|:---|---:|---:|---:|---:|---:|---:|:---|---:|---:|:---|",
      "| AAA | 2019 | 1 | 2.00 | 2.50 | 1.50 | 3.50 | yes | 1.75 | 2.25 | none |",
      "| BBB | 2020 | 2 | 4.00 | . | . | . | . | . | . | pop (interpolated) |",
      "",
      "Fit: N = 30 (2010-2018), in-sample R2 = 0.875, s = 0.250, df = 27.",
      "2 partner-years after 2018 have an actual value and every regressor; 1 have an actual value but a regressor missing: CCC 2019 (no gdp).",
      "Filled = regressor inputs the importer interpolated or carried (panel-flags.csv); the others were observed.",
      "2019: observed gdp, pop; filled none.",
      "2020: observed gdp; filled pop (interpolated).",
      "",
      "**Forecast 2. Errors after the cut-off 2018: the model beside the naive rules**",
      "",
      "| Method | Partner-years | n | MALE | MAPE % | Lowest |",
      "|:---|:---|---:|---:|---:|:---|",
      "| model | all three forecast | 1 | 0.223 | 25.0 |  |",
      "| last value | all three forecast | 1 | 0.134 | 12.5 | MAPE |",
      "| average growth | all three forecast | 1 | 0.118 | 12.5 | MALE |",
      "| model | every validation row | 1 | 0.223 | 25.0 |  |",
      "",
      "Interval coverage: 1 of 1 actual values inside the model's 80% prediction intervals.",
      "MALE = mean |ln forecast - ln actual|; MAPE = mean |forecast - actual| / actual.",
      "",
      "**Forecast 3. Rolling origin (cut-offs 2017, 2018): error by horizon**",
      "",
      "| h (yrs) | n model | MALE model | PI coverage | n all 3 | MALE model | MALE last value | MALE average growth |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|",
      "| 1 | 4 | 0.250 | 0.75 | 3 | 0.500 | 0.125 | 0.375 |",
      "",
      "cut-off 2017: fit N = 25, 4 forecasts",
      "cut-off 2018: not estimable (too few rows)",
      "MALE model = the model on every row it forecasts at that horizon; the MALE columns by method are on the rows all three forecast (n all 3).",
      "Rolling summary.",
      "",
      '**Scenario "base": inputs (every regressor, every country)**',
      "",
      "| Country | Variable | Rule | Last obs. | Value | 2022 |",
      "|:---|:---|:---|---:|---:|---:|",
      "| AAA | pop | growth 1.0%/yr | 2020 | 12345678 | 12593827 |",
      "| AAA | cpi | hold | 2020 | 1.2346 | 1.2346 |",
      "| BBB | cpi | hold | . | . | . |",
      "",
      "scenario note",
      "",
      '**Scenario "base": projected trade (US$ bn) and K, 2021-2022**',
      "",
      "| Country | Year | Model | 80% lo | 80% hi | Own trend | K | K lo | K hi | P(huge) | P(expanding) | P(remodelling) |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      "| AAA | 2021 | 3.00 | 2.00 | 4.50 | 3.30 | 1.100 | 0.900 | 1.300 | 0.05 | 0.60 | 0.35 |",
      "| BBB | 2021 | . | . | . | . | . | . | . | . | . | . |",
      "",
      "Model fitted on every partner-year with data: N = 40 (2010-2020), R2 = 0.625.",
      "Own trend = the partner's last actual grown at its average growth; K = own trend / model (K interval and probabilities from the coefficients' uncertainty).",
      "",
      "**How the forecasts are made**",
      "",
      "  - note <one>",
      "  - note two",
    ].join("\n"),
  );
});

Deno.test("the forecast section as text and HTML (escaped), text by default", () => {
  const f = handForecast();
  const specs = forecastSpecs(f);
  assert.equal(
    formatForecast(f, "text"),
    [
      "Forecast",
      "Forecast <summary> & more.",
      ...specs.flatMap((s) => ["", formatTable(s, "text")]),
      "",
      "How the forecasts are made:",
      "  - note <one>",
      "  - note two",
    ].join("\n"),
  );
  assert.equal(formatForecast(f), formatForecast(f, "text"));
  assert.equal(
    formatForecast(f, "html"),
    [
      "<h3>Forecast</h3>",
      "<p>Forecast &lt;summary&gt; &amp; more.</p>",
      ...specs.map((s) => formatTable(s, "html")),
      "<ul><li>note &lt;one&gt;</li><li>note two</li></ul>",
    ].join("\n"),
  );
  // quotes in the summary and the notes are text, printed as they are (not &quot;)
  const quoted = { ...f, summary: 'The "base" scenario.', notes: ['K is "expanding".'] };
  assert.equal(
    formatForecast(quoted, "html"),
    [
      "<h3>Forecast</h3>",
      '<p>The "base" scenario.</p>',
      ...specs.map((s) => formatTable(s, "html")),
      '<ul><li>K is "expanding".</li></ul>',
    ].join("\n"),
  );
  assert.deepEqual(specs.map((s) => s.title), [
    "Forecast 1. Out-of-time validation: fitted on 2010-2018, forecast 2019-2020 (US$ bn; " +
    "actual = trade)",
    "Forecast 2. Errors after the cut-off 2018: the model beside the naive rules",
    "Forecast 3. Rolling origin (cut-offs 2017, 2018): error by horizon",
    'Scenario "base": inputs (every regressor, every country)',
    'Scenario "base": projected trade (US$ bn) and K, 2021-2022',
  ]);
  // two scenarios: inputs and projection of each, in order
  f.scenarios.push({ ...f.scenarios[0], name: "high" });
  assert.deepEqual(forecastSpecs(f).slice(3).map((s) => s.title!.slice(0, 16)), [
    'Scenario "base":',
    'Scenario "base":',
    'Scenario "high":',
    'Scenario "high":',
  ]);
});

Deno.test("validation: flagged actuals, no fit, nothing excluded, a forecast year before the data ends", () => {
  const f = handForecast();
  f.settings.actualFlag = "mirror";
  f.settings.actual = "trade_mirror_usd";
  f.settings.lastDataYear = 2018;
  f.metrics.fit = null;
  f.metrics.reason = "3 rows";
  f.metrics.excluded = [];
  f.validation[0].filled = ["gdp (interpolated)", "pop (carried)"];
  f.validation[1].observed = [];
  f.validation[1].predicted = Infinity;
  f.validation[1].actual = NaN;
  const s = validationSpec(f);
  assert.equal(
    s.title,
    "Forecast 1. Out-of-time validation: fitted on 2010-2018, forecast 2019-2019 (US$ bn; " +
      "actual = trade_mirror_usd, FLAGGED)",
  );
  assert.deepEqual(s.notes, [
    "Fit: not estimable (3 rows).",
    "2 partner-years after 2018 have an actual value and every regressor; 0 have an actual " +
    "value but a regressor missing.",
    "Filled = regressor inputs the importer interpolated or carried (panel-flags.csv); the " +
    "others were observed.",
    "2019: observed gdp, pop; filled gdp (interpolated), pop (carried).",
    "2020: observed none; filled pop (interpolated).",
  ]);
  const t = md(s);
  assert.match(
    t,
    /^\| AAA \| 2019 \| 1 \| 2\.00 \| .* \| gdp \(interpolated\); pop \(carried\) \|$/m,
  );
  assert.match(t, /^\| BBB \| 2020 \| 2 \| \. \| \. \|/m);
  // the rows are copies
  assert.notEqual(s.rows[0], f.validation[0]);
  // two partners in one year: observed inputs pooled, sorted and unique; filled listed in order
  f.validation = [
    { ...f.validation[0], year: 2019, observed: ["pop", "gdp"], filled: ["cpi (carried)"] },
    { ...f.validation[0], country: "BBB", year: 2019, observed: ["gdp", "area"], filled: ["x"] },
  ];
  assert.deepEqual(validationSpec(f).notes!.slice(3), [
    "2019: observed area, gdp, pop; filled cpi (carried), x.",
  ]);
  // several excluded, with a cover that is false
  f.metrics.excluded = [
    { country: "CCC", year: 2019, reason: "no gdp" },
    { country: "DDD", year: 2020, reason: "no pop" },
  ];
  f.validation[0].covered = false;
  assert.equal(
    validationSpec(f).notes![1],
    "2 partner-years after 2018 have an actual value and every regressor; 2 have an actual " +
      "value but a regressor missing: CCC 2019 (no gdp); DDD 2020 (no pop).",
  );
  assert.match(
    md(validationSpec(f)),
    /^\| AAA \| 2019 \| 1 \| 2\.00 \| 2\.50 \| 1\.50 \| 3\.50 \| NO \|/m,
  );
  // validation years are sorted as numbers
  f.validation = [
    { ...f.validation[0], year: 2100, observed: [], filled: [] },
    { ...f.validation[0], year: 2099, observed: [], filled: [] },
  ];
  assert.deepEqual(validationSpec(f).notes!.slice(3).map((n) => n.slice(0, 5)), ["2099:", "2100:"]);
});

Deno.test("metrics: one method lowest on both, no winner, values not finite", () => {
  const f = handForecast();
  f.metrics.best = { male: "model", mape: "model" };
  f.metrics.coverage = { covered: 3, n: 4, level: 0.95 };
  f.metrics.modelAll = { n: 2, male: NaN, mape: Infinity };
  const s = metricsSpec(f);
  assert.deepEqual(s.rows.map((r) => r.best), ["MALE, MAPE", "", "", ""]);
  assert.deepEqual(s.rows.map((r) => r.set), [
    "all three forecast",
    "all three forecast",
    "all three forecast",
    "every validation row",
  ]);
  assert.ok(md(s).split("\n").includes("| model | every validation row | 2 | . | . |  |"));
  assert.equal(
    s.notes![0],
    "Interval coverage: 3 of 4 actual values inside the model's 95% prediction intervals.",
  );
  f.metrics.best = { male: null, mape: null };
  assert.deepEqual(metricsSpec(f).rows.map((r) => r.best), ["", "", "", ""]);
});

Deno.test("horizons: only those the model forecasts; coverage with 2 decimals, not finite as '.'", () => {
  const f = handForecast();
  f.rolling.byHorizon[1] = {
    ...f.rolling.byHorizon[1],
    model: { n: 1, male: 0.5, mape: 5 },
    coverage: NaN,
  };
  const s = horizonSpec(f);
  assert.deepEqual(s.columns.map((c) => c.label), [
    "h (yrs)",
    "n model",
    "MALE model",
    "PI coverage",
    "n all 3",
    "MALE model",
    "MALE last value",
    "MALE average growth",
  ]);
  assert.equal(
    md(s).split("\n").slice(4, 6).join("\n"),
    "| 1 | 4 | 0.250 | 0.75 | 3 | 0.500 | 0.125 | 0.375 |\n| 2 | 1 | 0.500 | . | 0 | . | . | . |",
  );
});

Deno.test("scenario inputs: whole numbers from 1e6 (negative too), 4 decimals below; no note", () => {
  const s = handForecast().scenarios[0];
  delete s.note;
  s.inputs = [
    {
      country: "AAA",
      variable: "x",
      rule: "value",
      from: { year: 2020, value: -2345678.9 },
      values: [{ year: 2022, value: 999999.5 }],
    },
    {
      country: "AAA",
      variable: "y",
      rule: "value",
      from: { year: 2019, value: NaN },
      values: [{ year: 2021, value: 1 }, { year: 2022, value: 1e6 + 0.4 }],
    },
  ];
  const spec = scenarioInputsSpec(s);
  assert.deepEqual(spec.notes, []);
  assert.equal(
    md(spec).split("\n").slice(4).join("\n"),
    "| AAA | x | value | 2020 | -2345679 | 999999.5000 |\n| AAA | y | value | 2019 | . | 1000000 |",
  );
});

Deno.test("scenario projection: not projected, the level of the intervals, K cells", () => {
  const s = handForecast().scenarios[0];
  s.fit = null;
  s.reason = "no fit";
  s.baseYear = 2019;
  s.horizon = 2025;
  const spec = scenarioSpec(s, 0.9);
  assert.equal(spec.title, 'Scenario "base": projected trade (US$ bn) and K, 2020-2025');
  assert.deepEqual(spec.columns.slice(3, 5).map((c) => c.label), ["90% lo", "90% hi"]);
  assert.equal(spec.notes![0], "Not projected: no fit.");
  assert.deepEqual(spec.rows[0], {
    country: "AAA",
    year: 2021,
    predicted: 3e9,
    lo: 2e9,
    hi: 4.5e9,
    trend: 3.3e9,
    k: 1.1,
    kLo: 0.9,
    kHi: 1.3,
    pHuge: 0.05,
    pExp: 0.6,
    pRem: 0.35,
  });
  assert.deepEqual(spec.rows[1], {
    country: "BBB",
    year: 2021,
    predicted: null,
    lo: null,
    hi: null,
    trend: null,
    k: null,
    kLo: null,
    kHi: null,
    pHuge: null,
    pExp: null,
    pRem: null,
  });
});

Deno.test("validation: Covers stays a left-aligned yes/NO column when no row has an interval", () => {
  const f = handForecast();
  f.validation = [f.validation[1]];
  const lines = md(validationSpec(f)).split("\n");
  assert.equal(lines[3], "|:---|---:|---:|---:|---:|---:|---:|:---|---:|---:|:---|");
  assert.equal(lines[4], "| BBB | 2020 | 2 | 4.00 | . | . | . | . | . | . | pop (interpolated) |");
});
