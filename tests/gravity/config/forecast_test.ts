/**
 * The `forecast` config block (lib/gravity/config/forecast.ts): every rule form, every default and
 * every one-line error, asserted exactly; the last data year and the checks against the panel.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  lastDataYear,
  parseForecastConfig,
  parseRule,
  TREND_YEARS,
  validateForecast,
} from "../../../lib/gravity/config/forecast.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

/** Assert fn throws an InputError whose message is exactly `message` (one line). */
function throwsExactly(fn: () => unknown, message: string) {
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("parseRule: every form, bounds and error", () => {
  assert.equal(TREND_YEARS, 5);
  assert.deepEqual(parseRule("trend", "f", ["w"]), { rule: "trend", years: 5 });
  assert.deepEqual(parseRule("hold", "f", ["w"]), { rule: "hold" });
  assert.deepEqual(parseRule({ growth: 0.02 }, "f", ["w"]), { rule: "growth", rate: 0.02 });
  assert.deepEqual(parseRule({ growth: -0.99 }, "f", ["w"]), { rule: "growth", rate: -0.99 });
  assert.deepEqual(parseRule({ value: -3 }, "f", ["w"]), { rule: "value", value: -3 });
  assert.deepEqual(parseRule({ trend: 3 }, "f", ["w"]), { rule: "trend", years: 3 });
  assert.deepEqual(parseRule({ trend: 2 }, "f", ["w"]), { rule: "trend", years: 2 });
  assert.deepEqual(parseRule({ trend: true }, "f", ["w"]), { rule: "trend", years: 5 });
  assert.deepEqual(parseRule({ hold: true }, "f", ["w"]), { rule: "hold" });
  assert.deepEqual(parseRule({ trend: 4, min: 0, max: 100 }, "f", ["w"]), {
    rule: "trend",
    years: 4,
    min: 0,
    max: 100,
  });
  assert.deepEqual(parseRule({ growth: 0.1, max: 5 }, "f", ["w"]), {
    rule: "growth",
    rate: 0.1,
    max: 5,
  });
  assert.deepEqual(parseRule({ value: 2, min: 1 }, "f", ["w"]), {
    rule: "value",
    value: 2,
    min: 1,
  });
  assert.deepEqual(parseRule({ hold: true, min: 3, max: 3 }, "f", ["w"]), {
    rule: "hold",
    min: 3,
    max: 3,
  });
  const not = (raw: unknown) =>
    `f: "w" ${JSON.stringify(raw)} is not "trend", "hold", {"growth": rate}, {"value": v} ` +
    `or {"trend": years} (optionally with "min" / "max")`;
  for (const raw of ["sideways", { hold: false }, { growth: 0.1, value: 2 }, {}, [1], null, 3]) {
    throwsExactly(() => parseRule(raw, "f", ["w"]), not(raw));
  }
  throwsExactly(() => parseRule({ min: 1 }, "f", ["w"]), not({ min: 1 }));
  // a key that is no rule key nor a bound is refused, the nearest suggested
  for (const raw of [{ value: 2, x: 1 }, { trend: 3, x: 1 }, { hold: true, x: 1 }]) {
    throwsExactly(
      () => parseRule(raw, "f", ["w"]),
      'f: unknown key "x" in "w" (allowed: growth, value, trend, hold, min, max)',
    );
  }
  throwsExactly(
    () => parseRule({ grwth: 0.1 }, "f", ["w"]),
    'f: unknown key "grwth" in "w" (allowed: growth, value, trend, hold, min, max); ' +
      'did you mean "growth"?',
  );
  throwsExactly(
    () => parseRule({ growth: -1 }, "f", ["w"]),
    'f: "w.growth" -1 would make the value negative (<= -1)',
  );
  throwsExactly(() => parseRule({ growth: "2%" }, "f", ["w"]), 'f: "w.growth" must be a number');
  throwsExactly(
    () => parseRule({ growth: Infinity }, "f", ["w"]),
    'f: "w.growth" must be a number',
  );
  throwsExactly(() => parseRule({ value: null }, "f", ["w"]), 'f: "w.value" must be a number');
  throwsExactly(
    () => parseRule({ trend: 1 }, "f", ["w"]),
    'f: "w.trend" needs at least 2 years, not 1',
  );
  throwsExactly(
    () => parseRule({ trend: 2.5 }, "f", ["w"]),
    'f: "w.trend" must be a whole year, not 2.5',
  );
  throwsExactly(() => parseRule({ trend: false }, "f", ["w"]), 'f: "w.trend" must be a number');
  throwsExactly(
    () => parseRule({ hold: true, min: "0" }, "f", ["w"]),
    'f: "w.min" must be a number',
  );
  throwsExactly(
    () => parseRule({ hold: true, max: NaN }, "f", ["w"]),
    'f: "w.max" must be a number',
  );
  throwsExactly(
    () => parseRule({ hold: true, min: 2, max: 1 }, "f", ["w"]),
    'f: "w.min" (2) is above "w.max" (1)',
  );
});

Deno.test("parseForecastConfig: defaults, sorting, every field's error", () => {
  const d = parseForecastConfig(undefined, 2012, "dep");
  assert.deepEqual(d, {
    cutoff: 2020,
    trainFrom: 2012,
    rolling: [2017, 2018, 2019, 2020],
    level: 0.9,
    actual: "dep",
    scenarios: [{
      name: "last observed trend",
      horizon: 2030,
      default: { rule: "trend", years: 5 },
      variables: {},
      countries: {},
    }],
  });
  const c = parseForecastConfig(
    {
      cutoff: 2019,
      trainFrom: 2011,
      rolling: [2019, 2016, 2019, 2015],
      level: 0.5,
      actual: "mirror",
      scenarios: [
        {
          name: "a",
          note: "n",
          horizon: 2027,
          default: "hold",
          variables: { gdp: { growth: 0.03 } },
          countries: { KAZ: { gdp: { value: 9 } }, UZB: {} },
        },
        { name: "" },
        { note: 5 },
      ],
    },
    2010,
    "dep",
    "c.json",
  );
  assert.deepEqual(c.rolling, [2015, 2016, 2019]);
  assert.equal(c.cutoff, 2019);
  assert.equal(c.trainFrom, 2011);
  assert.equal(c.level, 0.5);
  assert.equal(c.actual, "mirror");
  assert.deepEqual(c.scenarios[0], {
    name: "a",
    note: "n",
    horizon: 2027,
    default: { rule: "hold" },
    variables: { gdp: { rule: "growth", rate: 0.03 } },
    countries: { KAZ: { gdp: { rule: "value", value: 9 } }, UZB: {} },
  });
  assert.equal(c.scenarios[1].name, "scenario 2");
  assert.equal(
    parseForecastConfig({ scenarios: [{ name: 5 }] }, 2010, "d").scenarios[0].name,
    "scenario 1",
  );
  assert.equal(c.scenarios[2].name, "scenario 3");
  assert.ok(!("note" in c.scenarios[2]));
  assert.deepEqual(parseForecastConfig({ scenarios: [] }, 2010, "d").scenarios, []);
  assert.equal(parseForecastConfig({ trainFrom: 2019 }, 2010, "d").trainFrom, 2019);
  const bad = (raw: unknown, message: string) =>
    throwsExactly(() => parseForecastConfig(raw, 2010, "d", "c.json"), `c.json: ${message}`);
  bad([], '"forecast" must be an object');
  bad(null, '"forecast" must be an object');
  bad({ cutoff: "2020" }, '"forecast.cutoff" must be a number');
  bad({ cutoff: 2020.5 }, '"forecast.cutoff" must be a whole year, not 2020.5');
  bad({ trainFrom: 2020 }, '"forecast.trainFrom" (2020) must be before "forecast.cutoff" (2020)');
  bad({ trainFrom: 2021 }, '"forecast.trainFrom" (2021) must be before "forecast.cutoff" (2020)');
  bad({ trainFrom: "x" }, '"forecast.trainFrom" must be a number');
  bad({ rolling: [] }, '"forecast.rolling" must be a non-empty list');
  bad({ rolling: 2019 }, '"forecast.rolling" must be a non-empty list');
  bad({ rolling: [2019, "2020"] }, '"forecast.rolling[1]" must be a number');
  bad({ level: 1 }, '"forecast.level" must be in (0, 1), not 1');
  bad({ level: 0 }, '"forecast.level" must be in (0, 1), not 0');
  bad({ level: "0.9" }, '"forecast.level" must be a number');
  bad({ actual: "" }, '"forecast.actual" must be a non-empty string');
  bad({ actual: 3 }, '"forecast.actual" must be a non-empty string');
  bad({ scenarios: {} }, '"forecast.scenarios" must be a list');
  // a non-object scenario is refused by the key check before parseScenario sees it
  bad({ scenarios: [3] }, '"forecast.scenarios[0]" must be an object');
  bad(
    { scenarios: [{}, { countries: [] }] },
    '"forecast.scenarios[1].countries" must be an object',
  );
  bad(
    { scenarios: [{ countries: { KAZ: 3 } }] },
    '"forecast.scenarios[0].countries.KAZ" must be an object',
  );
  bad(
    { scenarios: [{ variables: "trend" }] },
    '"forecast.scenarios[0].variables" must be an object',
  );
  bad(
    { scenarios: [{ horizon: 2030.5 }] },
    '"forecast.scenarios[0].horizon" must be a whole year, not 2030.5',
  );
  bad(
    { scenarios: [{ variables: { gdp: { growth: -2 } } }] },
    '"forecast.scenarios[0].variables.gdp.growth" -2 would make the value negative (<= -1)',
  );
  bad(
    { scenarios: [{ countries: { KAZ: { gdp: "up" } } }] },
    '"forecast.scenarios[0].countries.KAZ.gdp" "up" is not "trend", "hold", {"growth": rate}, ' +
      '{"value": v} or {"trend": years} (optionally with "min" / "max")',
  );
  bad(
    { cutof: 2020 },
    'unknown key "cutof" in "forecast" (allowed: cutoff, trainFrom, rolling, level, actual, ' +
      'scenarios); did you mean "cutoff"?',
  );
  bad(
    { scenarios: [{ horizn: 2030 }] },
    'unknown key "horizn" in "forecast.scenarios[0]" (allowed: name, note, horizon, default, ' +
      'variables, countries); did you mean "horizon"?',
  );
});

const panel = (rows: [string, number, number][]): GravityPanel => ({
  countries: [...new Set(rows.map((r) => r[0]))],
  years: [...new Set(rows.map((r) => r[1]))],
  variables: [{ name: "dep" }, { name: "gdp" }, { name: "mirror" }],
  rows: rows.map(([iso3, year, dep]) => ({ iso3, year, values: { dep, gdp: 1 } })),
} as GravityPanel);

Deno.test("lastDataYear: partners only, NaN skipped, -Infinity when none", () => {
  const p = panel([["A", 2019, 1], ["A", 2020, NaN], ["B", 2018, 0], ["R", 2022, 5]]);
  assert.equal(lastDataYear(p, ["A", "B"], "dep"), 2019);
  assert.equal(lastDataYear(p, ["B"], "dep"), 2018);
  assert.equal(lastDataYear(p, ["A", "B", "R"], "dep"), 2022);
  assert.equal(lastDataYear(p, ["A"], "none"), -Infinity);
  assert.equal(lastDataYear(p, [], "dep"), -Infinity);
});

Deno.test("validateForecast: actual series, horizon, countries, regressors, positive logged values", () => {
  const p = panel([["A", 2019, 1], ["A", 2021, 1], ["R", 2023, 1]]);
  const study = {
    reporter: "R",
    partners: ["A", "B"],
    dependent: "dep",
    regressors: { gdp: true, share: false, pop: true },
  };
  const ok = (raw: unknown) =>
    validateForecast(parseForecastConfig(raw, 2010, "dep"), study, p, "c.json");
  const bad = (raw: unknown, message: string) => throwsExactly(() => ok(raw), `c.json: ${message}`);
  ok({ scenarios: [{ horizon: 2021 }] });
  ok({ actual: "mirror" });
  // only a fixed value is checked for sign: growth, trend and hold rules of logged variables pass
  ok({
    scenarios: [{
      variables: { gdp: { growth: 0.1 }, pop: "trend" },
      countries: { A: { gdp: "hold" } },
    }],
  });
  ok({
    scenarios: [{
      variables: { share: { value: -1 }, gdp: { value: 2 } },
      countries: { R: {}, B: { share: { value: 0 } } },
    }],
  });
  bad({ actual: "trade" }, '"forecast.actual": unknown variable "trade" (not a panel variable)');
  bad(
    { scenarios: [{ horizon: 2020 }] },
    'forecast.scenarios[0] ("scenario 1"): horizon 2020 is before the last data year 2021',
  );
  bad(
    { scenarios: [{}, { name: "x", countries: { C: {} } }] },
    'forecast.scenarios[1] ("x"): unknown country "C" (the study has R, A, B)',
  );
  bad(
    { scenarios: [{ variables: { dist: "hold" } }] },
    'forecast.scenarios[0] ("scenario 1").variables: "dist" is not a regressor of the study (gdp, share, pop)',
  );
  bad(
    { scenarios: [{ countries: { A: { dist: "hold" } } }] },
    'forecast.scenarios[0] ("scenario 1").countries.A: "dist" is not a regressor of the study (gdp, share, pop)',
  );
  bad(
    { scenarios: [{ variables: { gdp: { value: 0 } } }] },
    'forecast.scenarios[0] ("scenario 1").variables: gdp (taken in logs) must be positive, not 0',
  );
  bad(
    { scenarios: [{ countries: { B: { pop: { value: -5 } } } }] },
    'forecast.scenarios[0] ("scenario 1").countries.B: a population must be positive, not -5',
  );
  // no dependent data at all: no horizon check
  validateForecast(parseForecastConfig({ scenarios: [{ horizon: 1990 }] }, 1980, "dep"), {
    ...study,
    dependent: "none",
  }, p);
  // the default file name
  throwsExactly(
    () => validateForecast(parseForecastConfig({ actual: "x" }, 2010, "dep"), study, p),
    'study config: "forecast.actual": unknown variable "x" (not a panel variable)',
  );
  throwsExactly(
    () => parseForecastConfig(3, 2010, "dep"),
    'study config: "forecast" must be an object',
  );
});
