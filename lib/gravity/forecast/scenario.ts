/**
 * Scenario projections: each regressor of the study evolves after its last observed year by a
 * stated rule (growth rate, fixed value, last observed trend, hold) per country; the model fitted
 * on every year with data projects trade with prediction intervals, and K (under the study's one K
 * definition, with the fit's own smearing factor) with an interval and class probabilities, per
 * partner and year up to the horizon.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import { lastDataYear, type RegressorRule, type ScenarioSpec } from "../config/forecast.ts";
import { fitForecast, type ForecastFit, predictRow } from "./fit.ts";
import { forecastDesign } from "./validate.ts";
import { averageGrowth, type SeriesPoint } from "./naive.ts";
import { tCdf, tQuantile } from "../../stats/distributions.ts";
import { predictionInterval, quadraticForm } from "../../stats/prediction.ts";
import { buildDesign } from "../equation/terms.ts";
import type { GravityPanel, PanelRow, PotentialClass } from "../types.ts";
import { CBEC_INDEX, type DesignRow, type Thresholds } from "../types.ts";
import { type KDefinitionUse, kDefinitionUse } from "../potential/definition.ts";

/** A K definition as applied (the default of every K projection: the level ratio). */
export type AppliedK = Pick<KDefinitionUse, "applied" | "factor">;

/** The level ratio, K = actual / exp(fitted). */
const LEVEL: AppliedK = { applied: "level", factor: 1 };

/** The distribution of a projected K. */
export interface KDistribution {
  median: number;
  lo: number;
  hi: number;
  probabilities: Record<PotentialClass, number>;
}

/** One projected K to put an interval on: the actual path and the design row over the fit's terms. */
export interface KProjectionTarget {
  actual: number;
  /** Design row in the order of `fit.terms` (intercept 1 included). */
  x: number[];
}

/**
 * The small interface behind projected K: interval and class probabilities of each K of the
 * actual against exp(x'b) under the K definition as applied (default the level ratio) from the
 * fit's coefficient uncertainty. {@link tKProjection} is the closed form with the classical
 * covariance; `uncertaintyKProjection` (k_projection.ts) uses the potential module's simulation
 * and covariance choice.
 */
export type KProjectionModel = (
  targets: KProjectionTarget[],
  fit: ForecastFit,
  level: number,
  thresholds: Thresholds,
  definition?: AppliedK,
) => KDistribution[];

/**
 * Closed form with the classical covariance s^2 (X'X)^-1: ln K = ln actual - x'b, its standard
 * error s sqrt(x'(X'X)^-1 x), K = exp(ln K + se T) with T ~ t(df).
 *
 * @example
 * ```ts
 * tKDistribution(0, 0.1, 20, 0.9, { huge: 0.8, remodelling: 1.2 }).probabilities.expanding; // ≈ 0.96
 * ```
 */
export function tKDistribution(
  lnK: number,
  se: number,
  df: number,
  level: number,
  thresholds: Thresholds,
): KDistribution {
  const q = tQuantile((1 + level) / 2, df);
  const cdf = (k: number) =>
    se > 0 ? tCdf((Math.log(k) - lnK) / se, df) : lnK <= Math.log(k) ? 1 : 0;
  const pHuge = cdf(thresholds.huge);
  const pBelowRemodel = cdf(thresholds.remodelling);
  return {
    median: Math.exp(lnK),
    lo: Math.exp(lnK - q * se),
    hi: Math.exp(lnK + q * se),
    probabilities: {
      huge: pHuge,
      expanding: Math.max(0, pBelowRemodel - pHuge),
      remodelling: 1 - pBelowRemodel,
    },
  };
}

/**
 * The closed form of the log ratio K = L / F, L = ln actual fixed and F = fitted + se T with
 * T ~ t(df): the median L / fitted, the interval from F's (infinite when F's interval holds 0),
 * and P(K <= h) = P(F >= max(0, L/h)) + P(F <= min(0, L/h)) for h > 0 (|P(F <= L/h) - P(F <= 0)|
 * for h < 0).
 *
 * @example
 * ```ts
 * tLogRatioDistribution(20, 19, 0, 10, 0.9, { huge: 0.8, remodelling: 1.2 }).median; // 20 / 19
 * ```
 */
export function tLogRatioDistribution(
  lnActual: number,
  fitted: number,
  se: number,
  df: number,
  level: number,
  thresholds: Thresholds,
): KDistribution {
  const q = tQuantile((1 + level) / 2, df);
  const [fLo, fHi] = [fitted - q * se, fitted + q * se];
  const bounded = fLo > 0 || fHi < 0;
  const ends = [lnActual / fLo, lnActual / fHi].sort((a, b) => a - b);
  const cdfF = (f: number) => se > 0 ? tCdf((f - fitted) / se, df) : fitted <= f ? 1 : 0;
  const atMost = (h: number) => {
    if (h === 0) return (lnActual <= 0 ? 1 - cdfF(0) : 0) + (lnActual >= 0 ? cdfF(0) : 0);
    const c = lnActual / h;
    return h > 0 ? 1 - cdfF(Math.max(0, c)) + cdfF(Math.min(0, c)) : Math.abs(cdfF(c) - cdfF(0));
  };
  const pHuge = atMost(thresholds.huge);
  const pBelowRemodel = atMost(thresholds.remodelling);
  return {
    median: lnActual / fitted,
    lo: bounded ? ends[0] : -Infinity,
    hi: bounded ? ends[1] : Infinity,
    probabilities: {
      huge: pHuge,
      expanding: Math.max(0, pBelowRemodel - pHuge),
      remodelling: 1 - pBelowRemodel,
    },
  };
}

/**
 * The sample's design rows averaged with weights exp(residual) / sum exp(residual): the gradient
 * of ln(Duan's factor) with respect to the coefficients is minus this row.
 */
function smearingRow(fit: ForecastFit): number[] {
  const w = fit.sample.residuals.map(Math.exp);
  const total = w.reduce((a, b) => a + b, 0);
  return fit.terms.map((_, a) => fit.sample.x.reduce((m, x, i) => m + (w[i] / total) * x[a], 0));
}

/**
 * The classical closed-form {@link KProjectionModel}: under the level ratio
 * ln K = ln actual - x'b with se = s sqrt(x'(X'X)^-1 x); under Duan's smearing
 * ln K = ln actual - x'b - ln(factor), whose gradient is -(x - xbar) with xbar the sample rows
 * weighted by exp(residual) (the delta method: the factor moves with the coefficients), so
 * se = s sqrt((x - xbar)'(X'X)^-1 (x - xbar)); under the log ratio {@link tLogRatioDistribution}.
 *
 * @example
 * ```ts
 * tKProjection([{ actual: 2e9, x: [1, 50] }], fit, 0.9, { huge: 0.8, remodelling: 1.2 });
 * ```
 */
export const tKProjection: KProjectionModel = (targets, fit, level, thresholds, use = LEVEL) => {
  const xbar = use.applied === "smearing" ? smearingRow(fit) : null;
  return targets.map((t) => {
    let fitted = 0;
    t.x.forEach((xa, a) => (fitted += fit.coefficients[fit.terms[a]] * xa));
    const g = xbar ? t.x.map((v, a) => v - xbar[a]) : t.x;
    const { seMean } = predictionInterval(
      fitted,
      quadraticForm(g, fit.xtxInv),
      fit.sigma,
      fit.df,
      level,
    );
    if (use.applied === "log-ratio") {
      return tLogRatioDistribution(Math.log(t.actual), fitted, seMean, fit.df, level, thresholds);
    }
    const lnK = Math.log(t.actual) - fitted - Math.log(use.factor);
    return tKDistribution(lnK, seMean, fit.df, level, thresholds);
  });
};

/** One projected regressor input: the rule used and the values per year. */
export interface ScenarioInput {
  country: string;
  variable: string;
  /** The rule as printed: "growth 2.0%/yr", "value 105", "trend (5 yrs): +3.1%/yr", "hold". */
  rule: string;
  /** Last observed year and value the projection starts from. */
  from: { year: number; value: number } | null;
  /** Projected values by year (after `from.year` to the horizon). */
  values: { year: number; value: number }[];
}

/** One projected partner-year. */
export interface ScenarioRow {
  country: string;
  year: number;
  /** Model projection exp(fitted) and its prediction interval. */
  predicted: number | null;
  lo: number | null;
  hi: number | null;
  /** The partner's own trade trend (average growth of its observed series) for this year. */
  trend: number | null;
  /** K of the trend against the projection (the study's definition), interval, P(class). */
  k: KDistribution | null;
}

/** One scenario's result. */
export interface ScenarioResult {
  name: string;
  note?: string;
  horizon: number;
  /** The last year with data: projections start the year after. */
  baseYear: number;
  fit: { n: number; r2: number; sigma: number; years: { from: number; to: number } } | null;
  reason?: string;
  /** How the projected K applies the study's K definition, with the fit's factor (absent: no fit). */
  kDefinition?: KDefinitionUse;
  inputs: ScenarioInput[];
  rows: ScenarioRow[];
}

const pct = (r: number) => `${(100 * r).toFixed(1)}%/yr`;

function ruleFor(s: ScenarioSpec, country: string, variable: string): RegressorRule {
  return s.countries[country]?.[variable] ?? s.variables[variable] ?? s.default;
}

/**
 * Project one series after its last observed value: returns the rule as printed and the values.
 *
 * @example
 * ```ts
 * projectSeries([{ year: 2020, value: 100 }], { rule: "growth", rate: 0.1 }, 2022, true).values;
 * // [{ year: 2021, value: 110 }, { year: 2022, value: 121 }]
 * ```
 */
export function projectSeries(
  observed: SeriesPoint[],
  rule: RegressorRule,
  horizon: number,
  logged: boolean,
): { rule: string; values: SeriesPoint[] } {
  const last = observed[observed.length - 1];
  if (!last) return { rule: "no observed value", values: [] };
  let step: (y: number) => number;
  let printed: string;
  if (rule.rule === "growth") {
    step = (y) => last.value * (1 + rule.rate) ** (y - last.year);
    printed = `growth ${pct(rule.rate)}`;
  } else if (rule.rule === "value") {
    step = () => rule.value;
    printed = `value ${rule.value}`;
  } else if (rule.rule === "hold") {
    step = () => last.value;
    printed = "hold last value";
  } else {
    const span = observed.slice(-rule.years);
    const useLog = logged && span.every((o) => o.value > 0);
    const ys = span.map((o) => (useLog ? Math.log(o.value) : o.value));
    const ts = span.map((o) => o.year);
    const tm = ts.reduce((a, b) => a + b, 0) / ts.length;
    const ym = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    ts.forEach((t, i) => {
      sxy += (t - tm) * (ys[i] - ym);
      sxx += (t - tm) ** 2;
    });
    const slope = sxx > 0 ? sxy / sxx : 0;
    // the trend continues from the last observed value
    step = (y) =>
      useLog
        ? last.value * Math.exp(slope * (y - last.year))
        : last.value + slope * (y - last.year);
    printed = `trend (${span.length} yrs ${span[0].year}-${last.year}): ` +
      (useLog ? pct(Math.exp(slope) - 1) : `${slope >= 0 ? "+" : ""}${slope.toPrecision(3)}/yr`);
  }
  const lo = rule.min ?? -Infinity;
  const hi = rule.max ?? Infinity;
  if (rule.min !== undefined) printed += `, min ${rule.min}`;
  if (rule.max !== undefined) printed += `, max ${rule.max}`;
  const values: SeriesPoint[] = [];
  for (let y = last.year + 1; y <= horizon; y++) {
    values.push({ year: y, value: Math.min(hi, Math.max(lo, step(y))) });
  }
  return { rule: printed, values };
}

function observedSeries(
  value: (y: number) => number,
  from: number,
  to: number,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let y = from; y <= to; y++) {
    const v = value(y);
    if (Number.isFinite(v)) out.push({ year: y, value: v });
  }
  return out;
}

/**
 * Project every regressor of every country it concerns by the scenario's rules: the inputs as
 * printed, the panel extended to the horizon, and the CBEC composite extended likewise.
 *
 * @example
 * ```ts
 * const { inputs, projected } = projectRegressors(config, panel, cbecMap, spec);
 * ```
 */
export function projectRegressors(
  config: StudyConfig,
  panel: GravityPanel,
  cbec: Map<string, number>,
  spec: ScenarioSpec,
): { inputs: ScenarioInput[]; projected: GravityPanel; cbec: Map<string, number> } {
  const lastPanel = Math.max(...panel.years);
  const inputs: ScenarioInput[] = [];
  const byKey = new Map(panel.rows.map((r) => [`${r.iso3}|${r.year}`, r]));
  const rows = new Map<string, PanelRow>();
  const cell = (c: string, y: number) => {
    const key = `${c}|${y}`;
    if (!rows.has(key)) {
      rows.set(key, { iso3: c, year: y, values: { ...(byKey.get(key)?.values ?? {}) } });
    }
    return rows.get(key)!;
  };
  const projCbec = new Map(cbec);
  const done = new Set<string>();
  for (const t of config.terms) {
    const who = t.variable === CBEC_INDEX || ["partner", "bilateral"].includes(t.formation)
      ? config.partners
      : t.formation === "reporter"
      ? [config.reporter]
      : [config.reporter, ...config.partners];
    for (const c of who) {
      if (done.has(`${c}|${t.variable}`)) continue;
      done.add(`${c}|${t.variable}`);
      const isCbec = t.variable === CBEC_INDEX;
      const value = (y: number) =>
        isCbec ? cbec.get(`${c}|${y}`) ?? NaN : byKey.get(`${c}|${y}`)?.values[t.variable] ?? NaN;
      const obs = observedSeries(value, Math.min(...panel.years), lastPanel);
      const p = projectSeries(obs, ruleFor(spec, c, t.variable), spec.horizon, t.log ?? true);
      inputs.push({
        country: c,
        variable: t.variable,
        rule: p.rule,
        from: obs.length ? obs[obs.length - 1] : null,
        values: p.values,
      });
      for (const v of p.values) {
        if (isCbec) projCbec.set(`${c}|${v.year}`, v.value);
        else cell(c, v.year).values[t.variable] = v.value;
      }
    }
  }
  const years: number[] = [];
  for (let y = Math.min(...panel.years); y <= spec.horizon; y++) years.push(y);
  const projected: GravityPanel = {
    ...panel,
    years,
    rows: [...panel.rows.filter((r) => !rows.has(`${r.iso3}|${r.year}`)), ...rows.values()],
  };
  return { inputs, projected, cbec: projCbec };
}

/**
 * Run one scenario: project the regressors, fit on every year with data (trainFrom to the last
 * data year), project trade and K per partner and year to the horizon.
 *
 * @example
 * ```ts
 * const s = runScenario(config, panel, spec, { trainFrom: 2015, level: 0.9 });
 * s.rows.filter((r) => r.year === 2030);
 * ```
 */
export function runScenario(
  config: StudyConfig,
  panel: GravityPanel,
  spec: ScenarioSpec,
  options: {
    trainFrom: number;
    level: number;
    uncertainty?: KProjectionModel;
    /** The design and CBEC composite of trainFrom to the panel's last year, if at hand. */
    prepared?: { design: DesignRow[]; cbec: Map<string, number> };
  },
): ScenarioResult {
  const uncertainty = options.uncertainty ?? tKProjection;
  const baseYear = lastDataYear(panel, config.partners, config.dependent.variable);
  const lastPanel = Math.max(...panel.years);
  const { design, cbec } = options.prepared ??
    forecastDesign(config, panel, options.trainFrom, lastPanel);
  const f = fitForecast(design.filter((r) => r.complete), config.terms.map((t) => t.name));
  const result: ScenarioResult = {
    name: spec.name,
    ...(spec.note ? { note: spec.note } : {}),
    horizon: spec.horizon,
    baseYear,
    fit: "reason" in f ? null : { n: f.n, r2: f.r2, sigma: f.sigma, years: f.years },
    ...("reason" in f ? { reason: f.reason } : {}),
    inputs: [],
    rows: [],
  };
  const { inputs, projected, cbec: projCbec } = projectRegressors(config, panel, cbec, spec);
  result.inputs = inputs;
  const byKey = new Map(panel.rows.map((r) => [`${r.iso3}|${r.year}`, r]));
  if (!result.fit || "reason" in f) return result;
  const future = buildDesign(
    { ...config, years: { from: baseYear + 1, to: spec.horizon } },
    projected,
    projCbec,
  );
  const dep = (c: string) =>
    observedSeries(
      (y) => {
        const v = byKey.get(`${c}|${y}`)?.values[config.dependent.variable] ?? NaN;
        return v > 0 ? v : NaN;
      },
      options.trainFrom,
      baseYear,
    );
  const targets: { row: number; target: KProjectionTarget }[] = [];
  for (const r of future) {
    const p = predictRow(f, r.x, options.level);
    const hist = dep(r.country);
    const g = averageGrowth(hist);
    const last = hist[hist.length - 1];
    const trend = g === null ? null : last.value * Math.exp(g * (r.year - last.year));
    if (p && trend !== null) {
      const x = f.terms.map((t) => (t === "(Intercept)" ? 1 : r.x[t] as number));
      targets.push({ row: result.rows.length, target: { actual: trend, x } });
    }
    result.rows.push({
      country: r.country,
      year: r.year,
      predicted: p?.predicted ?? null,
      lo: p?.lo ?? null,
      hi: p?.hi ?? null,
      trend,
      k: null,
    });
  }
  const use = kDefinitionUse(config.potential.definition, "log-ols", f.sample.residuals);
  result.kDefinition = use;
  const ks = targets.length
    ? uncertainty(targets.map((t) => t.target), f, options.level, config.potential.thresholds, use)
    : [];
  targets.forEach((t, i) => (result.rows[t.row].k = ks[i]));
  return result;
}
