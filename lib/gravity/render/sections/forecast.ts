/**
 * Tables of the forecast section (validation, metrics, errors by horizon, scenario inputs and
 * projections) and the section as text, markdown or HTML. Computing stays in forecast*.ts.
 * @module
 */
import {
  formatCell,
  formatTable,
  type TableFormat,
  type TableSpec,
} from "../../../report/table.ts";
import { escapeXml } from "../../../report/escape.ts";
import { f3, htmlList, kDefinitionText, prob, yesNo } from "./formatters.ts";
import type { ForecastResult } from "../../forecast/run.ts";
import { FORECAST_METHODS } from "../../forecast/validate.ts";
import type { ScenarioResult } from "../../forecast/scenario.ts";

/** A scenario input: 4 decimals, whole numbers from 1e6 up (populations read alike, no exponent). */
const inputValue = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) >= 1e6
    ? String(Math.round(v))
    : formatCell(v, 4);
const bn = (
  v: unknown,
) => (typeof v === "number" && Number.isFinite(v) ? (v / 1e9).toFixed(2) : ".");
const pct = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? `${v.toFixed(1)}` : ".");

/**
 * Every partner-year forecast from the cut-off: actual, forecast, interval, coverage, the naive
 * rules, and which regressor inputs were filled rather than observed.
 *
 * @example
 * ```ts
 * console.log(formatTable(validationSpec(result.forecast!), "text"));
 * ```
 */
export function validationSpec(f: ForecastResult): TableSpec {
  const s = f.settings;
  const m = f.metrics;
  const level = Math.round(100 * s.level);
  return {
    title: `Forecast 1. Out-of-time validation: fitted on ${s.trainFrom}-${m.cutoff}, forecast ` +
      `${m.cutoff + 1}-${Math.max(m.cutoff + 1, s.lastDataYear)} ` +
      `(US$ bn; actual = ${s.actual}${s.actualFlag ? ", FLAGGED" : ""})`,
    columns: [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "horizon", label: "h", format: String },
      { key: "actual", label: "Actual", format: bn },
      { key: "predicted", label: "Model", format: bn },
      { key: "lo", label: `${level}% lo`, format: bn },
      { key: "hi", label: `${level}% hi`, format: bn },
      { key: "covered", label: "Covers", format: yesNo, align: "left" },
      { key: "lastValue", label: "Last value", format: bn },
      { key: "averageGrowth", label: "Avg growth", format: bn },
      {
        key: "filled",
        label: "Filled regressor inputs",
        format: (v) => (v as string[]).join("; ") || "none",
        align: "left",
      },
    ],
    rows: f.validation.map((r) => ({ ...r })),
    notes: [
      m.fit
        ? `Fit: N = ${m.fit.n} (${m.fit.years.from}-${m.fit.years.to}), in-sample R2 = ` +
          `${formatCell(m.fit.r2, 3)}, s = ${formatCell(m.fit.sigma, 3)}, df = ${m.fit.df}.`
        : `Fit: not estimable (${m.reason}).`,
      `${f.validation.length} partner-years after ${m.cutoff} have an actual value and every ` +
      `regressor; ${m.excluded.length} have an actual value but a regressor missing` +
      (m.excluded.length
        ? `: ${m.excluded.map((e) => `${e.country} ${e.year} (${e.reason})`).join("; ")}`
        : "") +
      ".",
      "Filled = regressor inputs the importer interpolated or carried (panel-flags.csv); the " +
      "others were observed.",
      ...provenanceByYear(f),
    ],
  };
}

/** Per forecast year: the regressor inputs observed and those filled (all partners). */
function provenanceByYear(f: ForecastResult): string[] {
  const years = [...new Set(f.validation.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((y) => {
    const rows = f.validation.filter((r) => r.year === y);
    const observed = [...new Set(rows.flatMap((r) => r.observed))].sort();
    const filled = rows.flatMap((r) => r.filled);
    return `${y}: observed ${observed.join(", ") || "none"}; filled ${
      filled.join(", ") || "none"
    }.`;
  });
}

/**
 * Error metrics of the model and the naive rules (and which wins).
 *
 * @example
 * ```ts
 * console.log(formatTable(metricsSpec(result.forecast!), "markdown"));
 * ```
 */
export function metricsSpec(f: ForecastResult): TableSpec {
  const m = f.metrics;
  const rows: Record<string, unknown>[] = m.methods.map((x) => ({
    method: x.method,
    set: "all three forecast",
    n: x.metrics.n,
    male: x.metrics.male,
    mape: x.metrics.mape,
    best: [m.best.male === x.method ? "MALE" : "", m.best.mape === x.method ? "MAPE" : ""]
      .filter(Boolean).join(", ") || "",
  }));
  rows.push({
    method: "model",
    set: "every validation row",
    n: m.modelAll.n,
    male: m.modelAll.male,
    mape: m.modelAll.mape,
    best: "",
  });
  return {
    title: `Forecast 2. Errors after the cut-off ${m.cutoff}: the model beside the naive rules`,
    columns: [
      { key: "method", label: "Method", align: "left" },
      { key: "set", label: "Partner-years", align: "left" },
      { key: "n", label: "n", format: String },
      { key: "male", label: "MALE", format: f3 },
      { key: "mape", label: "MAPE %", format: pct },
      { key: "best", label: "Lowest", align: "left" },
    ],
    rows,
    notes: [
      `Interval coverage: ${m.coverage.covered} of ${m.coverage.n} actual values inside the ` +
      `model's ${Math.round(100 * m.coverage.level)}% prediction intervals.`,
      `MALE = mean |ln forecast - ln actual|; MAPE = mean |forecast - actual| / actual.`,
    ],
  };
}

/**
 * Errors by horizon (years after the cut-off), pooled over the rolling origins.
 *
 * @example
 * ```ts
 * console.log(formatTable(horizonSpec(result.forecast!), "text"));
 * ```
 */
export function horizonSpec(f: ForecastResult): TableSpec {
  const cut = f.rolling.cutoffs;
  return {
    title: `Forecast 3. Rolling origin (cut-offs ${cut.map((c) => c.cutoff).join(", ")}): ` +
      `error by horizon`,
    columns: [
      { key: "horizon", label: "h (yrs)", format: String },
      { key: "nModel", label: "n model", format: String },
      { key: "maleModelAll", label: "MALE model", format: f3 },
      { key: "coverage", label: "PI coverage", format: prob },
      { key: "n", label: "n all 3", format: String },
      ...FORECAST_METHODS.map((m) => ({ key: `male_${m}`, label: `MALE ${m}`, format: f3 })),
    ],
    rows: f.rolling.byHorizon.filter((h) => h.model.n > 0).map((h) => {
      const row: Record<string, unknown> = {
        horizon: h.horizon,
        nModel: h.model.n,
        maleModelAll: h.model.male,
        coverage: h.coverage,
        n: h.n,
      };
      for (const m of FORECAST_METHODS) row[`male_${m}`] = h.male[m];
      return row;
    }),
    notes: [
      ...cut.map((c) =>
        `cut-off ${c.cutoff}: ` +
        (c.fitN === null ? `not estimable (${c.reason})` : `fit N = ${c.fitN}, ${c.rows} forecasts`)
      ),
      "MALE model = the model on every row it forecasts at that horizon; the MALE columns by " +
      "method are on the rows all three forecast (n all 3).",
      f.rollingSummary,
    ],
  };
}

/**
 * Every scenario input: the rule per country and regressor, where it starts and where it ends.
 *
 * @example
 * ```ts
 * console.log(formatTable(scenarioInputsSpec(result.forecast!.scenarios[0]), "text"));
 * ```
 */
export function scenarioInputsSpec(s: ScenarioResult): TableSpec {
  return {
    title: `Scenario "${s.name}": inputs (every regressor, every country)`,
    columns: [
      { key: "country", label: "Country" },
      { key: "variable", label: "Variable" },
      { key: "rule", label: "Rule", align: "left" },
      { key: "fromYear", label: "Last obs.", format: (v) => (v === null ? "." : String(v)) },
      { key: "fromValue", label: "Value", format: inputValue },
      { key: "horizonValue", label: `${s.horizon}`, format: inputValue },
    ],
    rows: s.inputs.map((i) => ({
      country: i.country,
      variable: i.variable,
      rule: i.rule,
      fromYear: i.from?.year ?? null,
      fromValue: i.from?.value ?? null,
      horizonValue: i.values.length ? i.values[i.values.length - 1].value : i.from?.value ?? null,
    })),
    notes: s.note ? [s.note] : [],
  };
}

/**
 * Projected trade with intervals and projected K with class probabilities.
 *
 * @example
 * ```ts
 * console.log(formatTable(scenarioSpec(result.forecast!.scenarios[0], 0.9), "text"));
 * ```
 */
export function scenarioSpec(s: ScenarioResult, level: number): TableSpec {
  const l = Math.round(100 * level);
  return {
    title: `Scenario "${s.name}": projected trade (US$ bn) and K, ${s.baseYear + 1}-${s.horizon}`,
    columns: [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "predicted", label: "Model", format: bn },
      { key: "lo", label: `${l}% lo`, format: bn },
      { key: "hi", label: `${l}% hi`, format: bn },
      { key: "trend", label: "Own trend", format: bn },
      { key: "k", label: "K", format: f3 },
      { key: "kLo", label: "K lo", format: f3 },
      { key: "kHi", label: "K hi", format: f3 },
      { key: "pHuge", label: "P(huge)", format: prob },
      { key: "pExp", label: "P(expanding)", format: prob },
      { key: "pRem", label: "P(remodelling)", format: prob },
    ],
    rows: s.rows.map((r) => ({
      country: r.country,
      year: r.year,
      predicted: r.predicted,
      lo: r.lo,
      hi: r.hi,
      trend: r.trend,
      k: r.k?.median ?? null,
      kLo: r.k?.lo ?? null,
      kHi: r.k?.hi ?? null,
      pHuge: r.k?.probabilities.huge ?? null,
      pExp: r.k?.probabilities.expanding ?? null,
      pRem: r.k?.probabilities.remodelling ?? null,
    })),
    notes: [
      s.fit
        ? `Model fitted on every partner-year with data: N = ${s.fit.n} ` +
          `(${s.fit.years.from}-${s.fit.years.to}), R2 = ${formatCell(s.fit.r2, 3)}.`
        : `Not projected: ${s.reason}.`,
      `Own trend = the partner's last actual grown at its average growth; ` +
      (s.kDefinition
        ? `K of the own trend against the model (actual = own trend, fitted = the model's ` +
          `ln projection): ${kDefinitionText(s.kDefinition)}`
        : `K = own trend / model`) +
      ` (K interval and probabilities from the coefficients' uncertainty).`,
    ],
  };
}

/**
 * Every table of the forecast section, in report order.
 *
 * @example
 * ```ts
 * for (const spec of forecastSpecs(result.forecast!)) console.log(formatTable(spec, "text"));
 * ```
 */
export function forecastSpecs(f: ForecastResult): TableSpec[] {
  return [
    validationSpec(f),
    metricsSpec(f),
    horizonSpec(f),
    ...f.scenarios.flatMap((s) => [scenarioInputsSpec(s), scenarioSpec(s, f.settings.level)]),
  ];
}

/**
 * The forecast section as text, markdown or HTML (tables, then the method notes).
 *
 * @example
 * ```ts
 * console.log(formatForecast(result.forecast!, "text"));
 * ```
 */
export function formatForecast(
  f: ForecastResult,
  format: Exclude<TableFormat, "csv"> = "text",
): string {
  const specs = forecastSpecs(f);
  if (format === "html") {
    return [
      "<h3>Forecast</h3>",
      `<p>${escapeXml(f.summary, { quotes: false })}</p>`,
      ...specs.map((s) => formatTable(s, "html")),
      htmlList(f.notes, { newlines: false, quotes: false }),
    ].join("\n");
  }
  const md = format === "markdown";
  return [
    md ? "## Forecast" : "Forecast",
    f.summary,
    ...specs.flatMap((s) => ["", formatTable(s, format)]),
    "",
    md ? "**How the forecasts are made**\n" : "How the forecasts are made:",
    ...f.notes.map((n) => `  - ${n}`),
  ].join("\n");
}
