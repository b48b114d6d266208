/**
 * The `forecast` block of a study config: the out-of-time validation settings (cut-off, rolling
 * origins, interval level, which series is the actual) and the scenarios (how each regressor
 * evolves per country up to a horizon year). Parsing and checking against a panel give one-line
 * errors naming the config file and the field.
 * @module
 */
import {
  configFail,
  ConfigField,
  type ConfigKeys,
  type ConfigPath,
  type ConfigSection,
  configSection,
} from "./fields.ts";
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

/** The keys of one scenario (its rule maps are free: variable or country names). */
const SCENARIO_KEYS: ConfigKeys = {
  name: "any",
  note: "any",
  horizon: "any",
  default: "any",
  variables: "any",
  countries: "any",
};

/** Every key the `forecast` block may have (an unknown key is refused, the nearest suggested). */
export const FORECAST_CONFIG_KEYS: ConfigKeys = {
  cutoff: "any",
  trainFrom: "any",
  rolling: "any",
  level: "any",
  actual: "any",
  scenarios: [SCENARIO_KEYS],
};

/** The keys of an object rule: one rule key, optionally with bounds. */
const RULE_KEYS: ConfigKeys = {
  growth: "any",
  value: "any",
  trend: "any",
  hold: "any",
  min: "any",
  max: "any",
};

/** Years the default "trend" rule fits. */
export const TREND_YEARS = 5;

/** The bounds of an object rule (`min` <= `max` when both are given). */
function ruleBounds(s: ConfigSection): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  if (!s.get("min").absent) bounds.min = s.get("min").num();
  if (!s.get("max").absent) bounds.max = s.get("max").num();
  if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
    s.fail(
      `${s.get("min").where} (${bounds.min}) is above ${s.get("max").where} (${bounds.max})`,
    );
  }
  return bounds;
}

/** The one rule of an object rule (undefined when it has none, or more than one). */
function objectRule(s: ConfigSection): RegressorRule | undefined {
  const bounds = ruleBounds(s);
  const keys = Object.keys(s.value).filter((k) => k !== "min" && k !== "max");
  if (keys.length !== 1) return undefined;
  const f = s.get(keys[0]);
  if (keys[0] === "growth") {
    const rate = f.num();
    if (rate <= -1) s.fail(`${f.where} ${rate} would make the value negative (<= -1)`);
    return { rule: "growth", rate, ...bounds };
  }
  if (keys[0] === "value") return { rule: "value", value: f.num(), ...bounds };
  if (keys[0] === "trend") {
    const years = f.value === true ? TREND_YEARS : f.year();
    if (years < 2) s.fail(`${f.where} needs at least 2 years, not ${years}`);
    return { rule: "trend", years, ...bounds };
  }
  return f.value === true ? { rule: "hold", ...bounds } : undefined;
}

/**
 * Parse one rule at `path`: `"trend"`, `"hold"`, `{"growth": 0.03}`, `{"value": 105}`,
 * `{"trend": 5}`; an object rule may add bounds, e.g. `{"trend": 5, "max": 100}` for a share
 * in %.
 *
 * @example
 * ```ts
 * parseRule({ growth: 0.02 }, "cfg.json", ["rule"]); // { rule: "growth", rate: 0.02 }
 * parseRule("trend", "cfg.json", ["rule"]); // { rule: "trend", years: 5 }
 * ```
 */
export function parseRule(raw: unknown, file: string, path: ConfigPath): RegressorRule {
  if (raw === "trend") return { rule: "trend", years: TREND_YEARS };
  if (raw === "hold") return { rule: "hold" };
  const f = new ConfigField(file, path, raw);
  const isObject = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const rule = isObject ? objectRule(f.section(RULE_KEYS)) : undefined;
  return rule ?? f.fail(
    `${f.where} ${JSON.stringify(raw)} is not "trend", "hold", {"growth": rate}, {"value": v} ` +
      `or {"trend": years} (optionally with "min" / "max")`,
  );
}

/** A map of rules by variable (absent: none). */
function parseRules(f: ConfigField): Record<string, RegressorRule> {
  const out: Record<string, RegressorRule> = {};
  for (const v of f.absent ? [] : f.entries()) out[v.key] = parseRule(v.value, v.file, v.path);
  return out;
}

function parseScenario(item: ConfigField, i: number): ScenarioSpec {
  const s = item.section(SCENARIO_KEYS);
  const countries: ScenarioSpec["countries"] = {};
  const c = s.get("countries");
  for (const rules of c.absent ? [] : c.entries()) countries[rules.key] = parseRules(rules);
  const note = s.get("note").text();
  const def = s.get("default");
  return {
    name: s.get("name").text() || `scenario ${i + 1}`,
    ...(note === undefined ? {} : { note }),
    horizon: s.get("horizon").year(2030),
    default: def.absent
      ? { rule: "trend", years: TREND_YEARS }
      : parseRule(def.value, def.file, def.path),
    variables: parseRules(s.get("variables")),
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
  const s = configSection(file, raw === undefined ? {} : raw, ["forecast"], FORECAST_CONFIG_KEYS);
  const cutoff = s.get("cutoff").year(2020);
  const trainFrom = s.get("trainFrom").year(studyFrom);
  if (trainFrom >= cutoff) {
    s.fail(`"forecast.trainFrom" (${trainFrom}) must be before "forecast.cutoff" (${cutoff})`);
  }
  const rolling = s.get("rolling");
  const scenarios = s.get("scenarios");
  // without scenarios, one: every regressor on its last observed trend
  const lastTrend = new ConfigField(file, [...scenarios.path, 0], { name: "last observed trend" });
  return {
    cutoff,
    trainFrom,
    rolling: rolling.absent
      ? [2017, 2018, 2019, 2020]
      : [...new Set(rolling.list().map((y) => y.year()))].sort((a, b) => a - b),
    level: s.get("level").num(0.9, { gt: 0, lt: 1 }),
    actual: s.get("actual").str(dependent),
    scenarios: (scenarios.absent ? [lastTrend] : scenarios.items()).map(parseScenario),
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
    configFail(file, `"forecast.actual": unknown variable "${f.actual}" (not a panel variable)`);
  }
  const countries = [study.reporter, ...study.partners];
  const last = lastDataYear(panel, study.partners, study.dependent);
  f.scenarios.forEach((s, i) => {
    const where = `forecast.scenarios[${i}] ("${s.name}")`;
    if (Number.isFinite(last) && s.horizon < last) {
      configFail(file, `${where}: horizon ${s.horizon} is before the last data year ${last}`);
    }
    const check = (rules: Record<string, RegressorRule>, at: string) => {
      for (const [v, rule] of Object.entries(rules)) {
        if (!(v in study.regressors)) {
          configFail(
            file,
            `${where}${at}: "${v}" is not a regressor of the study (${
              Object.keys(study.regressors).join(", ")
            })`,
          );
        }
        if (rule.rule === "value" && study.regressors[v] && !(rule.value > 0)) {
          const what = v === "pop" ? "a population" : `${v} (taken in logs)`;
          configFail(file, `${where}${at}: ${what} must be positive, not ${rule.value}`);
        }
      }
    };
    check(s.variables, ".variables");
    for (const [c, rules] of Object.entries(s.countries)) {
      if (!countries.includes(c)) {
        configFail(
          file,
          `${where}: unknown country "${c}" (the study has ${countries.join(", ")})`,
        );
      }
      check(rules, `.countries.${c}`);
    }
  });
}
