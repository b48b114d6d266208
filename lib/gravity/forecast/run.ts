/**
 * The study's forecast section: the out-of-time validation at the cut-off, the rolling origins
 * with errors by horizon, and the scenario projections, as one plain JSON object.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import { type ForecastConfig, lastDataYear, parseForecastConfig } from "../config/forecast.ts";
import {
  byHorizon,
  type CutoffResult,
  forecastDesign,
  type HorizonRow,
  type MethodMetrics,
  validateCutoff,
  type ValidationRow,
} from "./validate.ts";
import {
  type KProjectionModel,
  runScenario,
  type ScenarioResult,
  tKProjection,
} from "./scenario.ts";
import { uncertaintyKProjection } from "./k_projection.ts";
import type { GravityPanel } from "../types.ts";

/** Everything the forecast section produces. */
export interface ForecastResult {
  settings: ForecastConfig & {
    /** Last year with the dependent variable for any partner. */
    lastDataYear: number;
    /** Flag set when the actual series is not the dependent variable (e.g. mirror data). */
    actualFlag: string | null;
  };
  /** Every partner-year after the cut-off with an actual value and all regressors. */
  validation: ValidationRow[];
  metrics: {
    cutoff: number;
    fit:
      | { n: number; r2: number; sigma: number; df: number; years: { from: number; to: number } }
      | null;
    reason?: string;
    /** Metrics on the rows every method forecasts. */
    methods: MethodMetrics[];
    /** The model on every validation row. */
    modelAll: CutoffResult["modelAll"];
    best: CutoffResult["best"];
    coverage: CutoffResult["coverage"];
    /** Partner-years with an actual value but a regressor missing. */
    excluded: CutoffResult["excluded"];
  };
  rolling: {
    cutoffs: { cutoff: number; fitN: number | null; rows: number; reason?: string }[];
    byHorizon: HorizonRow[];
    rows: ValidationRow[];
  };
  scenarios: ScenarioResult[];
  /** The actual series from trainFrom to the last year (for figures). */
  history: { country: string; year: number; value: number }[];
  /** One honest sentence on the validation (for the README and the report). */
  summary: string;
  /** One sentence on the rolling origins: which method has the lowest MALE at each horizon. */
  rollingSummary: string;
  notes: string[];
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");

function summariseRolling(rows: HorizonRow[], cutoffs: number[]): string {
  const usable = rows.filter((h) => h.n > 0);
  if (!usable.length) {
    return "The rolling origins give no horizon with forecasts from every method.";
  }
  const parts = usable.map((h) => {
    const best = (Object.entries(h.male) as [string, number][])
      .filter(([, v]) => Number.isFinite(v))
      .reduce((a, b) => (b[1] < a[1] ? b : a));
    return `${h.horizon} yr: ${best[0]} ${f3(best[1])}` +
      (best[0] === "model" ? "" : ` (model ${f3(h.male.model)})`) + `, n = ${h.n}`;
  });
  return `Over the rolling origins (cut-offs ${
    cutoffs.join(", ")
  }), the lowest mean absolute log ` +
    `error by horizon is: ${parts.join("; ")}.`;
}

function summarise(main: CutoffResult, settings: ForecastResult["settings"]): string {
  const m = new Map(main.metrics.map((x) => [x.method, x.metrics]));
  const model = m.get("model")!;
  if (!main.fit) {
    return `No out-of-time validation: the equation cannot be estimated on ` +
      `${settings.trainFrom}-${main.cutoff} (${main.reason}).`;
  }
  if (!main.modelAll.n) {
    const count = new Map<string, number>();
    for (const e of main.excluded) {
      for (const m of new Set(e.reason.split("; ").map((x) => x.split(":")[0]))) {
        count.set(m, (count.get(m) ?? 0) + 1);
      }
    }
    const missing = [...count].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} in ${n}`);
    return `No out-of-time validation: none of the ${main.excluded.length} partner-years after ` +
      `${main.cutoff} with an actual value has every regressor` +
      (missing.length ? ` (missing: ${missing.join(", ")})` : "") + ".";
  }
  const tested = `Fitted on ${main.fit.n} partner-years ${settings.trainFrom}-${main.cutoff} and ` +
    `tested on the ${main.modelAll.n} later partner-years with an actual value and all ` +
    `regressors, the model's mean absolute log error is ${f3(main.modelAll.male)} (MAPE ` +
    `${main.modelAll.mape.toFixed(0)}%) and its ${Math.round(100 * settings.level)}% intervals ` +
    `cover ${main.coverage.covered} of ${main.coverage.n} actual values`;
  if (!model.n) return `${tested}; no partner-year has both naive forecasts to compare with.`;
  const others = main.metrics.filter((x) => x.method !== "model")
    .map((x) => `${x.method} ${f3(x.metrics.male)}`).join(", ");
  const wins = main.best.male === "model"
    ? "the model beats both naive rules"
    : `the ${main.best.male} rule beats the model`;
  return `${tested}; on the ${model.n} of them that both naive rules can forecast, ${wins} ` +
    `(MALE model ${f3(model.male)}; ${others}).`;
}

/** The forecast config with the last data year and the flag on a different actual series. */
function forecastSettings(
  config: StudyConfig,
  panel: GravityPanel,
  fc: ForecastConfig,
): ForecastResult["settings"] {
  return {
    ...fc,
    lastDataYear: lastDataYear(panel, config.partners, config.dependent.variable),
    actualFlag: fc.actual === config.dependent.variable
      ? null
      : `the actuals are ${fc.actual}, not the dependent variable ${config.dependent.variable} ` +
        `the model is fitted on (a different measure of the same trade: compare with care)`,
  };
}

/** The K projection model of the scenarios and the words that say how it is computed. */
function kProjection(
  config: StudyConfig,
  model: KProjectionModel | undefined,
  warnings: string[],
): { model: KProjectionModel; method: string } {
  const u = config.uncertainty;
  const simulated = !model && u !== undefined && u.enabled !== false;
  return {
    model: model ?? (simulated ? uncertaintyKProjection(u, warnings) : tKProjection),
    method: simulated
      ? `simulated as the study's K intervals (lib/gravity/potential/intervals.ts: ${u.draws} draws of the ` +
        `coefficients, ${u.se} covariance requested, seed ${u.seed})`
      : model
      ? "from the caller's model"
      : "in closed form (Student t, classical covariance)",
  };
}

/** How the forecasts are made, one sentence each (with the K model's warnings and the flag). */
function forecastNotes(
  config: StudyConfig,
  settings: ForecastResult["settings"],
  kMethod: string,
  kWarnings: string[],
): string[] {
  return [
    `Ex-post forecasts: the equation is fitted on ${settings.trainFrom} to the cut-off and each ` +
    `later partner-year is predicted from that year's observed regressors (not forecasts of them).`,
    `Interval: the OLS prediction interval in logs, fitted ± t(df) s sqrt(1 + x0'(X'X)^-1 x0), ` +
    `exponentiated (${Math.round(100 * settings.level)}%); the point forecast is exp(fitted).`,
    `Naive rules: "last value" carries the partner's last actual up to the cut-off; "average ` +
    `growth" grows it at the partner's average log growth between its first and last actual from ` +
    `${settings.trainFrom} to the cut-off. Metrics are on the partner-years all three methods ` +
    `forecast.`,
    `Scenario K = the partner's own trade trend (average growth of its actual series) against ` +
    `the model's projection under the scenario, by the study's one K definition ` +
    `(potential.definition "${config.potential.definition}", with the scenario fit's own ` +
    `smearing factor under "smearing"); its interval and class probabilities reflect the ` +
    `coefficients' uncertainty, ${kMethod}, not the uncertainty of the trend itself.`,
    ...kWarnings,
    ...(config.terms.some((t) => t.variable === "cbec_index")
      ? [
        "The CBEC composite of the forecast is the PCA over every year of the data (its weights " +
        "see the later years' indicators, not their trade).",
      ]
      : []),
    ...(settings.actualFlag ? [`FLAG: ${settings.actualFlag}.`] : []),
  ];
}

/** The actual series of the partners from trainFrom on (positive values only), for figures. */
function actualHistory(
  config: StudyConfig,
  panel: GravityPanel,
  fc: ForecastConfig,
): ForecastResult["history"] {
  const history: ForecastResult["history"] = [];
  for (const r of panel.rows) {
    const v = r.values[fc.actual];
    if (config.partners.includes(r.iso3) && r.year >= fc.trainFrom && v > 0) {
      history.push({ country: r.iso3, year: r.year, value: v });
    }
  }
  return history;
}

/** The validation metrics at the main cut-off. */
function cutoffMetrics(main: CutoffResult): ForecastResult["metrics"] {
  const fit = main.fit;
  return {
    cutoff: main.cutoff,
    fit: fit ? { n: fit.n, r2: fit.r2, sigma: fit.sigma, df: fit.df, years: fit.years } : null,
    ...(main.reason ? { reason: main.reason } : {}),
    methods: main.metrics,
    modelAll: main.modelAll,
    best: main.best,
    coverage: main.coverage,
    excluded: main.excluded,
  };
}

/** One line per rolling cut-off: its fit's N and forecasts, or why it did not run. */
function rollingCutoffs(
  fc: ForecastConfig,
  results: Map<number, CutoffResult>,
): ForecastResult["rolling"]["cutoffs"] {
  return fc.rolling.map((c) => {
    const r = results.get(c);
    if (!r) return { cutoff: c, fitN: null, rows: 0, reason: `before trainFrom ${fc.trainFrom}` };
    return {
      cutoff: r.cutoff,
      fitN: r.fit?.n ?? null,
      rows: r.rows.length,
      ...(r.reason ? { reason: r.reason } : {}),
    };
  });
}

/**
 * Run the forecast section of a study (the config's `forecast` block, or every default).
 *
 * @example
 * ```ts
 * const f = runForecast(config, panel);
 * f.metrics.best.male; // "model", "last value" or "average growth"
 * ```
 */
export function runForecast(
  config: StudyConfig,
  panel: GravityPanel,
  options: { uncertainty?: KProjectionModel } = {},
): ForecastResult {
  const fc = config.forecast ??
    parseForecastConfig(undefined, config.years.from, config.dependent.variable);
  const settings = forecastSettings(config, panel, fc);
  const cutoffs = [...new Set([...fc.rolling, fc.cutoff])].sort((a, b) => a - b);
  const prepared = forecastDesign(config, panel, fc.trainFrom, Math.max(...panel.years));
  const results = new Map<number, CutoffResult>();
  for (const c of cutoffs) {
    if (c >= fc.trainFrom) results.set(c, validateCutoff(config, fc, panel, c, prepared.design));
  }
  const main = results.get(fc.cutoff)!;
  const rolled = fc.rolling.filter((c) => results.has(c)).map((c) => results.get(c)!);
  const rollingRows = rolled.flatMap((r) => r.rows);
  const kWarnings: string[] = [];
  const k = kProjection(config, options.uncertainty, kWarnings);
  const scenarios = fc.scenarios.map((s) =>
    runScenario(config, panel, s, {
      trainFrom: fc.trainFrom,
      level: fc.level,
      prepared,
      uncertainty: k.model,
    })
  );
  return {
    settings,
    validation: main.rows,
    metrics: cutoffMetrics(main),
    rolling: {
      cutoffs: rollingCutoffs(fc, results),
      byHorizon: byHorizon(rollingRows),
      rows: rollingRows,
    },
    scenarios,
    history: actualHistory(config, panel, fc),
    summary:
      (settings.actualFlag ? `FLAGGED (actuals = ${fc.actual}, not the fitted series): ` : "") +
      summarise(main, settings),
    rollingSummary: summariseRolling(
      byHorizon(rollingRows),
      rolled.map((r) => r.cutoff),
    ),
    notes: forecastNotes(config, settings, k.method, kWarnings),
  };
}
