/**
 * Out-of-time validation of the gravity equation: fit on the years up to a cut-off, predict
 * each later partner-year whose regressors exist from those years' observed regressors (an
 * ex-post forecast), and compare with the actual totals, beside two naive rules (last value,
 * average growth). Repeated for several cut-offs (rolling origin), errors by horizon.
 * @module
 */
import { cbecIndex } from "../equation/cbec_index.ts";
import type { StudyConfig } from "../config/study.ts";
import type { ForecastConfig } from "../config/forecast.ts";
import { fitForecast, type ForecastFit, predictRow } from "./fit.ts";
import {
  type ErrorMetrics,
  errorMetrics,
  growthRule,
  lastValue,
  type NaiveRule,
  type SeriesPoint,
} from "./naive.ts";
import { buildDesign, panelLookup } from "../equation/terms.ts";
import type { GravityPanel } from "../types.ts";
import { CBEC_INDEX, type DesignRow } from "../types.ts";

/** The methods compared, in table order. */
export const FORECAST_METHODS = ["model", "last value", "average growth"] as const;
/** One forecasting method. */
export type ForecastMethod = typeof FORECAST_METHODS[number];

const NAIVE: Record<Exclude<ForecastMethod, "model">, NaiveRule> = {
  "last value": lastValue,
  "average growth": growthRule,
};

/** One partner-year forecast from one cut-off. */
export interface ValidationRow {
  cutoff: number;
  country: string;
  year: number;
  /** year - cutoff. */
  horizon: number;
  actual: number;
  /** Model forecast exp(fitted) (median of the log-normal). */
  predicted: number | null;
  lo: number | null;
  hi: number | null;
  /** Whether [lo, hi] contains the actual. */
  covered: boolean | null;
  lastValue: number | null;
  averageGrowth: number | null;
  /** Regressor inputs of this year observed in the raw data. */
  observed: string[];
  /** Regressor inputs the importer filled (interpolated, carried...), with the flag. */
  filled: string[];
}

/** Metrics of every method on one set of partner-years. */
export interface MethodMetrics {
  method: ForecastMethod;
  metrics: ErrorMetrics;
}

/** The result of one cut-off. */
export interface CutoffResult {
  cutoff: number;
  /** The fit (null with the reason when not estimable). */
  fit: ForecastFit | null;
  reason?: string;
  rows: ValidationRow[];
  /** Partner-years after the cut-off with an actual value but no forecast, and why. */
  excluded: { country: string; year: number; reason: string }[];
  /** Metrics on the rows every method can forecast (n given). */
  metrics: MethodMetrics[];
  /** The model's metrics on every row it forecasts (naive forecast or not). */
  modelAll: ErrorMetrics;
  /** Interval coverage of the model. */
  coverage: { covered: number; n: number; level: number };
  /** Lowest MALE and lowest MAPE among the methods. */
  best: { male: ForecastMethod | null; mape: ForecastMethod | null };
}

/** Errors by horizon over the rolling origins. */
export interface HorizonRow {
  horizon: number;
  /** Rows every method forecasts (the MALE/MAPE by method are on these). */
  n: number;
  /** The model on every row it forecasts at this horizon. */
  model: ErrorMetrics;
  /** MALE by method. */
  male: Record<ForecastMethod, number>;
  mape: Record<ForecastMethod, number>;
  /** Share of the model's intervals covering the actual (all rows it forecasts). */
  coverage: number;
}

/**
 * The design for years `from`-`to` (the CBEC composite computed over those years when the
 * study uses it; its PCA then sees the later years' indicators, not their trade).
 *
 * @example
 * ```ts
 * forecastDesign(config, panel, 2015, 2024).length; // partners x 10
 * ```
 */
export function forecastDesign(
  config: StudyConfig,
  panel: GravityPanel,
  from: number,
  to: number,
): { design: DesignRow[]; cbec: Map<string, number> } {
  const cfg = { ...config, years: { from, to } };
  let cbec = new Map<string, number>();
  if (config.terms.some((t) => t.variable === CBEC_INDEX)) {
    const idx = cbecIndex(cfg, panel);
    cbec = new Map(idx.composite.map((c) => [`${c.country}|${c.year}`, c.value]));
  }
  return { design: buildDesign(cfg, panel, cbec), cbec };
}

/**
 * Which regressor inputs of a partner-year were observed and which the importer filled, from
 * the panel's flags (a panel without flags counts every present value as observed).
 *
 * @example
 * ```ts
 * regressorProvenance(config, panel, "KAZ", 2023); // { observed: [...], filled: ["internet_users KGZ (interpolated)"] }
 * ```
 */
export function regressorProvenance(
  config: StudyConfig,
  panel: GravityPanel,
  country: string,
  year: number,
): { observed: string[]; filled: string[] } {
  const observed = new Set<string>();
  const filled: string[] = [];
  const seen = new Set<string>();
  const look = (c: string, v: string) => {
    const key = `${c}|${year}|${v}`;
    if (seen.has(key)) return;
    seen.add(key);
    const flag = panel.flags?.[key] ?? "observed";
    if (flag === "observed") observed.add(v);
    else if (flag !== "missing" && flag !== "not-applicable") filled.push(`${v} ${c} (${flag})`);
  };
  for (const t of config.terms) {
    const vars = t.variable === CBEC_INDEX ? config.cbec.indicators : [t.variable];
    const who = t.variable === CBEC_INDEX || ["partner", "bilateral"].includes(t.formation)
      ? [country]
      : t.formation === "reporter"
      ? [config.reporter]
      : [config.reporter, country];
    for (const v of vars) for (const c of who) look(c, v);
  }
  return { observed: [...observed], filled };
}

/** Values of a series for one partner over years, positive only. */
function history(
  get: (c: string, y: number, v: string) => number,
  country: string,
  variable: string,
  from: number,
  to: number,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let y = from; y <= to; y++) {
    const v = get(country, y, variable);
    if (v > 0) out.push({ year: y, value: v });
  }
  return out;
}

function chooseBest(metrics: MethodMetrics[], key: "male" | "mape"): ForecastMethod | null {
  const ok = metrics.filter((m) => Number.isFinite(m.metrics[key]));
  if (!ok.length) return null;
  return ok.reduce((a, b) => (b.metrics[key] < a.metrics[key] ? b : a)).method;
}

/**
 * Metrics of every method over the rows all of them forecast, and which method wins.
 *
 * @example
 * ```ts
 * const { metrics, best } = compareMethods(rows);
 * ```
 */
export function compareMethods(
  rows: ValidationRow[],
): { metrics: MethodMetrics[]; best: CutoffResult["best"] } {
  const common = rows.filter((r) =>
    r.predicted !== null && r.lastValue !== null && r.averageGrowth !== null
  );
  const value = (r: ValidationRow, m: ForecastMethod) =>
    (m === "model" ? r.predicted : m === "last value" ? r.lastValue : r.averageGrowth) as number;
  const metrics = FORECAST_METHODS.map((method) => ({
    method,
    metrics: errorMetrics(common.map((r) => ({ actual: r.actual, predicted: value(r, method) }))),
  }));
  return {
    metrics,
    best: { male: chooseBest(metrics, "male"), mape: chooseBest(metrics, "mape") },
  };
}

/**
 * Fit on trainFrom-cutoff and forecast every later partner-year (to the panel's last year)
 * that has an actual value.
 *
 * @example
 * ```ts
 * const r = validateCutoff(config, forecast, panel, 2020);
 * r.rows.map((x) => [x.country, x.year, x.actual, x.predicted, x.covered]);
 * ```
 */
export function validateCutoff(
  config: StudyConfig,
  forecast: ForecastConfig,
  panel: GravityPanel,
  cutoff: number,
  /** The design of trainFrom to the panel's last year (from {@link forecastDesign}) if at hand. */
  prepared?: DesignRow[],
): CutoffResult {
  const lastYear = Math.max(...panel.years);
  const design = prepared ?? forecastDesign(config, panel, forecast.trainFrom, lastYear).design;
  const terms = config.terms.map((t) => t.name);
  const train = design.filter((r) => r.complete && r.year <= cutoff);
  const f = fitForecast(train, terms);
  const fit = "reason" in f ? null : f;
  const get = panelLookup(panel);
  const rows: ValidationRow[] = [];
  const excluded: CutoffResult["excluded"] = [];
  for (const r of design) {
    if (r.year <= cutoff) continue;
    const actual = get(r.country, r.year, forecast.actual);
    if (!(actual > 0)) continue;
    if (!r.predictable) {
      excluded.push({
        country: r.country,
        year: r.year,
        reason: r.missing.filter((m) => !m.includes("(dependent)")).join("; "),
      });
      continue;
    }
    const hist = history(get, r.country, forecast.actual, forecast.trainFrom, cutoff);
    const p = fit ? predictRow(fit, r.x, forecast.level) : null;
    rows.push({
      cutoff,
      country: r.country,
      year: r.year,
      horizon: r.year - cutoff,
      actual,
      predicted: p?.predicted ?? null,
      lo: p?.lo ?? null,
      hi: p?.hi ?? null,
      covered: p ? actual >= p.lo && actual <= p.hi : null,
      lastValue: NAIVE["last value"](hist, r.year),
      averageGrowth: NAIVE["average growth"](hist, r.year),
      ...regressorProvenance(config, panel, r.country, r.year),
    });
  }
  const withPi = rows.filter((r) => r.covered !== null);
  return {
    cutoff,
    fit,
    ...("reason" in f ? { reason: f.reason } : {}),
    rows,
    excluded,
    ...compareMethods(rows),
    modelAll: errorMetrics(
      rows.filter((r) => r.predicted !== null).map((r) => ({
        actual: r.actual,
        predicted: r.predicted as number,
      })),
    ),
    coverage: {
      covered: withPi.filter((r) => r.covered).length,
      n: withPi.length,
      level: forecast.level,
    },
  };
}

/**
 * Errors by horizon (year - cut-off) pooled over the rolling origins, on the rows every method
 * forecasts.
 *
 * @example
 * ```ts
 * byHorizon(cutoffs.flatMap((c) => c.rows)); // [{ horizon: 1, n, male: {...}, ... }, ...]
 * ```
 */
export function byHorizon(rows: ValidationRow[]): HorizonRow[] {
  const hs = [...new Set(rows.map((r) => r.horizon))].sort((a, b) => a - b);
  return hs.map((h) => {
    const at = rows.filter((r) => r.horizon === h);
    const { metrics } = compareMethods(at);
    const withPi = at.filter((r) => r.covered !== null);
    const male = {} as Record<ForecastMethod, number>;
    const mape = {} as Record<ForecastMethod, number>;
    for (const m of metrics) {
      male[m.method] = m.metrics.male;
      mape[m.method] = m.metrics.mape;
    }
    return {
      horizon: h,
      n: metrics[0].metrics.n,
      model: errorMetrics(
        at.filter((r) => r.predicted !== null).map((r) => ({
          actual: r.actual,
          predicted: r.predicted as number,
        })),
      ),
      male,
      mape,
      coverage: withPi.length ? withPi.filter((r) => r.covered).length / withPi.length : NaN,
    };
  });
}
