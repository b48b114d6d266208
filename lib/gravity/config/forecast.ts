/**
 * The `forecast` block of a study config: the out-of-time validation settings (cut-off, rolling
 * origins, interval level, which series is the actual) and the scenarios (how each regressor
 * evolves per country up to a horizon year). Parsing and checking against a panel give one-line
 * errors naming the config file and the field.
 * @module
 */
import { InputError } from "../../errors.ts";
import { assertKnownKeys, type KeySchema } from "../../data/read/strict_json.ts";
import type { GravityPanel } from "../types.ts";

/**
 * How one regressor evolves after its last observed year: compound growth at `rate` a year,
 * a fixed `value`, the last observed trend (a log-linear trend fitted to the last `years`
 * observed values; linear for a variable that can be <= 0), or the last observed value held.
 */
export type RegressorRule =
  & (
    | { rule: "growth"; rate: number }
    | { rule: "value"; value: number }
    | { rule: "trend"; years: number }
    | { rule: "hold" }
  )
  & {
    /** Bounds the projected values are clamped to (e.g. max 100 for a share in %). */
    min?: number;
    max?: number;
  };

/** One scenario: a name, a horizon year and the rules (default, per variable, per country). */
export interface ScenarioSpec {
  name: string;
  /** Free text printed with the scenario (why these assumptions). */
  note?: string;
  horizon: number;
  /** Rule of every regressor not named below. */
  default: RegressorRule;
  /** Rules by panel variable for every country (`cbec_index` = the CBEC composite). */
  variables: Record<string, RegressorRule>;
  /** Rules by country, then by variable (override `variables`). */
  countries: Record<string, Record<string, RegressorRule>>;
}

/** The forecast settings. */
export interface ForecastConfig {
  /** Last year of the estimation sample of the out-of-time validation (default 2020). */
  cutoff: number;
  /** First year of every estimation sample (default: the study's years.from). */
  trainFrom: number;
  /** Cut-offs of the rolling-origin evaluation (default 2017-2020). */
  rolling: number[];
  /** Level of the prediction intervals (default 0.9). */
  level: number;
  /**
   * Series the forecasts are compared with (default: the dependent variable). Another series,
   * e.g. `trade_mirror_usd` (partner-reported), is flagged as such in every output.
   */
  actual: string;
  scenarios: ScenarioSpec[];
}

/** Every key the `forecast` block may have (an unknown key is refused, the nearest suggested). */
export const FORECAST_CONFIG_KEYS: KeySchema = {
  cutoff: "any",
  trainFrom: "any",
  rolling: "any",
  level: "any",
  actual: "any",
  scenarios: [{
    name: "any",
    note: "any",
    horizon: "any",
    default: "any",
    variables: "any",
    countries: "any",
  }],
};

/** Years the default "trend" rule fits. */
export const TREND_YEARS = 5;

function fail(file: string, message: string): never {
  throw new InputError(`${file}: ${message}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function num(file: string, where: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(file, `${where} must be a number`);
  return v;
}

function year(file: string, where: string, v: unknown): number {
  const y = num(file, where, v);
  if (!Number.isInteger(y)) fail(file, `${where} must be a whole year, not ${y}`);
  return y;
}

/**
 * Parse one rule: `"trend"`, `"hold"`, `{"growth": 0.03}`, `{"value": 105}`, `{"trend": 5}`;
 * an object rule may add bounds, e.g. `{"trend": 5, "max": 100}` for a share in %.
 *
 * @example
 * ```ts
 * parseRule({ growth: 0.02 }, "cfg.json", "rule"); // { rule: "growth", rate: 0.02 }
 * parseRule("trend", "cfg.json", "rule"); // { rule: "trend", years: 5 }
 * ```
 */
export function parseRule(raw: unknown, file: string, where: string): RegressorRule {
  if (raw === "trend") return { rule: "trend", years: TREND_YEARS };
  if (raw === "hold") return { rule: "hold" };
  if (isObject(raw)) {
    const keys = Object.keys(raw).filter((k) => k !== "min" && k !== "max");
    const bounds: { min?: number; max?: number } = {};
    if (raw.min !== undefined) bounds.min = num(file, `${where}.min`, raw.min);
    if (raw.max !== undefined) bounds.max = num(file, `${where}.max`, raw.max);
    if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
      fail(file, `${where}.min (${bounds.min}) is above ${where}.max (${bounds.max})`);
    }
    if (keys.length === 1 && keys[0] === "growth") {
      const rate = num(file, `${where}.growth`, raw.growth);
      if (rate <= -1) fail(file, `${where}.growth ${rate} would make the value negative (<= -1)`);
      return { rule: "growth", rate, ...bounds };
    }
    if (keys.length === 1 && keys[0] === "value") {
      return { rule: "value", value: num(file, `${where}.value`, raw.value), ...bounds };
    }
    if (keys.length === 1 && keys[0] === "trend") {
      const years = raw.trend === true ? TREND_YEARS : year(file, `${where}.trend`, raw.trend);
      if (years < 2) fail(file, `${where}.trend needs at least 2 years, not ${years}`);
      return { rule: "trend", years, ...bounds };
    }
    if (keys.length === 1 && keys[0] === "hold" && raw.hold === true) {
      return { rule: "hold", ...bounds };
    }
  }
  return fail(
    file,
    `${where} ${JSON.stringify(raw)} is not "trend", "hold", {"growth": rate}, {"value": v} ` +
      `or {"trend": years} (optionally with "min" / "max")`,
  );
}

function parseRules(raw: unknown, file: string, where: string): Record<string, RegressorRule> {
  if (raw === undefined) return {};
  if (!isObject(raw)) fail(file, `${where} must be an object {variable: rule}`);
  const out: Record<string, RegressorRule> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = parseRule(v, file, `${where}.${k}`);
  return out;
}

function parseScenario(raw: unknown, i: number, file: string): ScenarioSpec {
  const where = `forecast.scenarios[${i}]`;
  if (!isObject(raw)) fail(file, `${where} must be an object`);
  const countries: ScenarioSpec["countries"] = {};
  if (raw.countries !== undefined) {
    if (!isObject(raw.countries)) fail(file, `${where}.countries must be an object`);
    for (const [c, rules] of Object.entries(raw.countries)) {
      countries[c] = parseRules(rules, file, `${where}.countries.${c}`);
    }
  }
  return {
    name: typeof raw.name === "string" && raw.name ? raw.name : `scenario ${i + 1}`,
    ...(typeof raw.note === "string" ? { note: raw.note } : {}),
    horizon: raw.horizon === undefined ? 2030 : year(file, `${where}.horizon`, raw.horizon),
    default: raw.default === undefined
      ? { rule: "trend", years: TREND_YEARS }
      : parseRule(raw.default, file, `${where}.default`),
    variables: parseRules(raw.variables, file, `${where}.variables`),
    countries,
  };
}

/**
 * Parse the `forecast` block (absent = every default). `studyFrom` is the study's first year
 * and `dependent` its dependent variable (the defaults of trainFrom and actual).
 *
 * @example
 * ```ts
 * const f = parseForecastConfig(undefined, 2015, "trade_goods_usd");
 * f.cutoff; // 2020
 * f.scenarios[0].horizon; // 2030
 * ```
 */
export function parseForecastConfig(
  raw: unknown,
  studyFrom: number,
  dependent: string,
  file = "study config",
): ForecastConfig {
  const r = raw === undefined ? {} : raw;
  if (!isObject(r)) fail(file, 'field "forecast" must be an object');
  assertKnownKeys(file, r, FORECAST_CONFIG_KEYS, ["forecast"]);
  const cutoff = r.cutoff === undefined ? 2020 : year(file, '"forecast.cutoff"', r.cutoff);
  const trainFrom = r.trainFrom === undefined
    ? studyFrom
    : year(file, '"forecast.trainFrom"', r.trainFrom);
  if (trainFrom >= cutoff) {
    fail(file, `"forecast.trainFrom" (${trainFrom}) must be before "forecast.cutoff" (${cutoff})`);
  }
  let rolling = [2017, 2018, 2019, 2020];
  if (r.rolling !== undefined) {
    if (!Array.isArray(r.rolling) || r.rolling.length === 0) {
      fail(file, '"forecast.rolling" must be a non-empty list of years');
    }
    rolling = r.rolling.map((y, i) => year(file, `"forecast.rolling[${i}]"`, y));
  }
  const level = r.level === undefined ? 0.9 : num(file, '"forecast.level"', r.level);
  if (!(level > 0 && level < 1)) fail(file, `"forecast.level" must be in (0, 1), not ${level}`);
  if (r.actual !== undefined && (typeof r.actual !== "string" || r.actual === "")) {
    fail(file, '"forecast.actual" must be a panel variable name');
  }
  let scenarios: ScenarioSpec[] = [parseScenario({ name: "last observed trend" }, 0, file)];
  if (r.scenarios !== undefined) {
    if (!Array.isArray(r.scenarios)) fail(file, '"forecast.scenarios" must be a list');
    scenarios = r.scenarios.map((s, i) => parseScenario(s, i, file));
  }
  return {
    cutoff,
    trainFrom,
    rolling: [...new Set(rolling)].sort((a, b) => a - b),
    level,
    actual: typeof r.actual === "string" ? r.actual : dependent,
    scenarios,
  };
}

/**
 * The last year in which any partner has a value of `variable` (the last data year).
 *
 * @example
 * ```ts
 * lastDataYear(panel, ["KAZ", "UZB"], "trade_goods_usd"); // 2024
 * ```
 */
export function lastDataYear(panel: GravityPanel, partners: string[], variable: string): number {
  const set = new Set(partners);
  let last = -Infinity;
  for (const r of panel.rows) {
    const v = r.values[variable];
    if (set.has(r.iso3) && typeof v === "number" && !Number.isNaN(v)) last = Math.max(last, r.year);
  }
  return last;
}

/**
 * Check the forecast block against the study and its panel: the actual series exists, every
 * scenario country is the reporter or a partner, every scenario variable is a regressor of
 * the study, fixed values of logged variables are > 0 (a negative population is refused), and
 * no horizon is before the last data year. Throws one InputError line.
 *
 * @example
 * ```ts
 * validateForecast(forecast, { reporter: "CHN", partners, dependent, logged }, panel, "cfg.json");
 * ```
 */
export function validateForecast(
  f: ForecastConfig,
  study: {
    reporter: string;
    partners: string[];
    dependent: string;
    /** Regressor variables: true when the study takes their log. */
    regressors: Record<string, boolean>;
  },
  panel: GravityPanel,
  file = "study config",
): void {
  const vars = new Set(panel.variables.map((v) => v.name));
  if (!vars.has(f.actual)) {
    fail(file, `"forecast.actual": unknown variable "${f.actual}" (not a panel variable)`);
  }
  const countries = [study.reporter, ...study.partners];
  const last = lastDataYear(panel, study.partners, study.dependent);
  f.scenarios.forEach((s, i) => {
    const where = `forecast.scenarios[${i}] ("${s.name}")`;
    if (Number.isFinite(last) && s.horizon < last) {
      fail(file, `${where}: horizon ${s.horizon} is before the last data year ${last}`);
    }
    const check = (rules: Record<string, RegressorRule>, at: string) => {
      for (const [v, rule] of Object.entries(rules)) {
        if (!(v in study.regressors)) {
          fail(
            file,
            `${where}${at}: "${v}" is not a regressor of the study (${
              Object.keys(study.regressors).join(", ")
            })`,
          );
        }
        if (rule.rule === "value" && study.regressors[v] && !(rule.value > 0)) {
          const what = v === "pop" ? "a population" : `${v} (taken in logs)`;
          fail(file, `${where}${at}: ${what} must be positive, not ${rule.value}`);
        }
      }
    };
    check(s.variables, ".variables");
    for (const [c, rules] of Object.entries(s.countries)) {
      if (!countries.includes(c)) {
        fail(
          file,
          `${where}: unknown country "${c}" (the study has ${countries.join(", ")})`,
        );
      }
      check(rules, `.countries.${c}`);
    }
  });
}
