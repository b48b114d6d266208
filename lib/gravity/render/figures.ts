/**
 * The study's figures: maps a {@link StudyResult} to the inputs of the figure functions of
 * `lib/report/figures/` (PCA, regression, K, the benchmark and the forecast), with a "no data"
 * figure that says why where a section could not be computed. Kept apart from the text renderers
 * so that the text report never loads Observable Plot and linkedom.
 * @module
 */
import {
  cbecIndexByCountry,
  correlationHeatmap,
  loadingsBars,
  screePlot,
} from "../../report/figures/pca.ts";
import {
  actualVsPredicted,
  coefficientPlot,
  type CoefficientRow,
  residualsVsFitted,
} from "../../report/figures/regression.ts";
import { kHeatmap, kLines, type KRow } from "../../report/figures/potential.ts";
import { noDataSvg } from "../../report/dom.ts";
import { escapeXml } from "../../report/escape.ts";
import { type KIntervalRow, kIntervals } from "../../report/figures/k_intervals.ts";
import { forecastFan } from "../../report/figures/forecast_fan.ts";
import { efficiencyIntervals } from "../../report/figures/frontier.ts";
import { estimatorLabel } from "./sections/formatters.ts";
import { benchmarkFits } from "./sections/world.ts";
import { welfareBars } from "../../report/figures/welfare.ts";
import type { StudyResult } from "../study/types.ts";

/** One figure of the study: a file name (without `.svg`), its title and the SVG. */
export interface StudyFigure {
  name: string;
  title: string;
  /** Which part of the study it belongs to. */
  part:
    | "pca"
    | "regression"
    | "potential"
    | "benchmark"
    | "frontier"
    | "counterfactual"
    | "forecast";
  svg: string;
  /** Why the figure shows "no data" (absent when it is drawn). */
  noData?: string;
}

/**
 * The correlation matrix of the standardized CBEC indicators, recovered exactly from the PCA
 * (R = V diag(eigenvalues) V', the loadings being unit-length eigenvectors of R).
 *
 * @example
 * ```ts
 * indicatorCorrelation(result.pca)?.matrix[0][0]; // 1
 * ```
 */
export function indicatorCorrelation(
  pca: StudyResult["pca"],
): { variables: string[]; matrix: number[][] } | null {
  if (!pca.ok) return null;
  const p = pca.indicators.length;
  const matrix = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) => {
      if (a === b) return 1;
      let s = 0;
      for (let c = 0; c < pca.eigenvalues.length; c++) {
        s += pca.eigenvalues[c] * pca.loadings[a][c] * pca.loadings[b][c];
      }
      return Math.max(-1, Math.min(1, s));
    }));
  return { variables: pca.indicators, matrix };
}

/** A "no data" figure whose SVG also carries the full reason in a `<desc>`. */
function noData(title: string, short: string, reason: string): string {
  return noDataSvg(title, short).replace(/^(<svg[^>]*>)/, `$1<desc>${escapeXml(reason)}</desc>`);
}

/** Why the regression figures are empty (null when the regression was estimated). */
function regressionGap(r: StudyResult): { short: string; reason: string } | null {
  if (r.regression.fit) return null;
  return {
    short: `no regression: N = ${r.regression.nComplete} ≤ k = ${r.regression.kCoefficients}`,
    reason: r.regression.reason ?? "the regression was not estimated",
  };
}

/**
 * Every figure of the study, in report order. PCA figures draw whenever the PCA could be
 * computed; the regression and K figures show a "no data" SVG with the reason when the
 * regression is not estimable.
 *
 * @example
 * ```ts
 * for (const f of studyFigures(result)) await Deno.writeTextFile(`out/${f.name}.svg`, f.svg);
 * ```
 */
export function studyFigures(r: StudyResult): StudyFigure[] {
  const out: StudyFigure[] = [
    ...pcaFigures(r),
    ...regressionFigures(r),
    ...potentialFigures(r),
  ];
  const benchmark = benchmarkFigure(r);
  if (benchmark) out.push(benchmark);
  const frontier = frontierFigure(r);
  if (frontier) out.push(frontier);
  out.push(...counterfactualFigures(r));
  if (r.forecast) out.push(forecastFigure(r.forecast));
  return out;
}

/** Why a figure is empty: a short caption and the full reason. */
type FigureGap = { short: string; reason: string } | null;

/** One figure: drawn by `draw`, or a "no data" SVG with the reason when there is a gap. */
function figureOf(
  part: StudyFigure["part"],
  name: string,
  title: string,
  draw: () => string,
  gap: FigureGap,
): StudyFigure {
  return gap
    ? { part, name, title, svg: noData(title, gap.short, gap.reason), noData: gap.reason }
    : { part, name, title, svg: draw() };
}

/** The PCA figures: correlation heatmap, scree plot, loadings, CBEC index by country. */
function pcaFigures(r: StudyResult): StudyFigure[] {
  const p = r.pca;
  const pcaGap = p.ok ? null : { short: "PCA not computed", reason: p.reason ?? "" };
  const corr = indicatorCorrelation(p);
  const corrTitle = `Correlation of the CBEC indicators (N = ${p.n} country-years)`;
  return [
    figureOf(
      "pca",
      "correlation_heatmap",
      corrTitle,
      () => correlationHeatmap(corr!, { title: corrTitle }),
      pcaGap,
    ),
    figureOf("pca", "scree_plot", "Scree plot (CBEC indicators)", () =>
      screePlot(p.eigenvalues, {
        title: "Scree plot (CBEC indicators)",
        // the eigenvalue-1 line belongs to the Kaiser rule only
        threshold: p.retention.rule === "kaiser" ? 1 : null,
      }), pcaGap),
    figureOf("pca", "loadings_bars", "PCA loadings of the retained components", () =>
      loadingsBars({
        variables: p.indicators,
        loadings: p.loadings,
        components: Array.from({ length: p.retained }, (_, c) => c),
      }, { title: "PCA loadings of the retained components" }), pcaGap),
    figureOf("pca", "cbec_index_by_country", "CBEC index by country", () =>
      cbecIndexByCountry(
        p.composite.map((c) => ({ country: c.country, year: c.year, index: c.value })),
        { title: "CBEC index by country" },
      ), pcaGap),
  ];
}

/** The regression figures: coefficients beside the paper's, actual vs predicted, residuals. */
function regressionFigures(r: StudyResult): StudyFigure[] {
  const gap = regressionGap(r);
  const fit = r.regression.fit;
  const paper: CoefficientRow[] = (r.paper?.table2 ?? []).map((c) => ({
    term: c.term === "_cons" ? "(Intercept)" : c.term,
    estimate: c.coefficient,
    ciLower: c.ciLower,
    ciUpper: c.ciUpper,
  }));
  return [
    figureOf(
      "regression",
      "coefficient_plot",
      "Coefficients with 95% CIs: ours beside the paper's",
      () =>
        coefficientPlot(fit!.coefficients, {
          title: "Coefficients with 95% CIs: ours beside the paper's",
          seriesNames: ["ours", "paper (Table 2)"],
          ...(paper.length ? { paper } : {}),
        }),
      gap,
    ),
    figureOf(
      "regression",
      "actual_vs_predicted",
      "Actual vs predicted trade (log scales)",
      () =>
        actualVsPredicted(
          r.potential.filter((k) => k.actual !== null).map((k) => ({
            country: k.country,
            year: k.year,
            actual: k.actual as number,
            predicted: k.predicted,
          })),
        ),
      gap,
    ),
    figureOf(
      "regression",
      "residuals_vs_fitted",
      "Residuals vs fitted",
      () =>
        residualsVsFitted(fit!.fitted.map((f, i) => ({
          fitted: f,
          residual: fit!.residuals[i],
          label: `${r.regression.sample[i].country} ${r.regression.sample[i].year}`,
        }))),
      gap,
    ),
  ];
}

/** The K figures: heatmap, lines over time and (unless turned off) intervals by partner. */
function potentialFigures(r: StudyResult): StudyFigure[] {
  const gap = regressionGap(r);
  const thresholds = r.config.potential.thresholds;
  const kTitle = `Trade potential ${r.potentialNote}`;
  const out = [
    figureOf(
      "potential",
      "k_heatmap",
      kTitle,
      () => kHeatmap(kRows(r), { title: kTitle, thresholds }),
      gap,
    ),
    figureOf(
      "potential",
      "k_lines",
      "Trade potential K over time",
      () => kLines(kRows(r), { thresholds }),
      gap,
    ),
  ];
  if (r.config.uncertainty?.enabled !== false) {
    const level = Math.round((r.uncertainty?.level ?? r.config.uncertainty?.level ?? 0.9) * 100);
    const title = `Trade potential K with ${level}% intervals, by partner`;
    out.push(figureOf(
      "potential",
      "k_intervals",
      title,
      () => kIntervals(kIntervalRows(r), { title, thresholds }),
      gap,
    ));
  }
  return out;
}

/** One row of the K-intervals figure from any K with an interval, labelled by its series. */
function intervalRow(
  k: Omit<KIntervalRow, "series">,
  series: string,
): KIntervalRow {
  const { country, year, kLower, kUpper } = k;
  return { country, year, k: k.k, kLower, kUpper, class: k.class, series };
}

/**
 * Our K beside the world benchmark's (OLS, PPML) and the structural K, with intervals; null
 * when there is neither a benchmark fit nor a structural fit.
 */
function benchmarkFigure(r: StudyResult): StudyFigure | null {
  const fits = benchmarkFits(r);
  if (!(fits.length || r.structural?.ok)) return null;
  const thresholds = r.config.potential.thresholds;
  const level = Math.round(r.config.uncertainty.level * 100);
  const title = `K against the world benchmark with ${level}% intervals, by partner`;
  const rows: KIntervalRow[] = [
    ...kIntervalRows(r).filter((k) => k.k !== null),
    ...fits.flatMap((f) =>
      f.k.map((k) => intervalRow(k, `benchmark ${estimatorLabel(f.estimator)}`))
    ),
  ];
  if (r.structural?.ok) {
    rows.push(...r.structural.k.map((k) => intervalRow(k, "structural")));
  }
  return {
    part: "benchmark",
    name: "k_benchmark_intervals",
    title,
    svg: kIntervals(rows, { title, thresholds }),
  };
}

/**
 * The study partners' trade efficiency on the world frontier with its intervals, beside the mean
 * efficiency of every partner; null without a fitted frontier.
 *
 * @example
 * ```ts
 * frontierFigure(result)?.name; // "frontier_efficiency"
 * ```
 */
export function frontierFigure(r: StudyResult): StudyFigure | null {
  const w = r.frontier?.world;
  if (!w?.ok) return null;
  const level = w.config.level;
  const title = `Trade efficiency on the world frontier with ${Math.round(level * 100)}% ` +
    `intervals, by partner`;
  const svg = efficiencyIntervals(r.frontier!.rows, {
    title,
    level,
    mean: w.meanEfficiencyByPeriod.map((p) => ({ year: p.time, mean: p.mean })),
  });
  return { part: "frontier", name: "frontier_efficiency", title, svg };
}

/**
 * The forecast figure of a study: actual vs forecast by partner with intervals, the cut-off
 * marked, and the first scenario's projection fan.
 *
 * @example
 * ```ts
 * forecastFigure(result.forecast!).svg.startsWith("<svg"); // true
 * ```
 */
export function forecastFigure(f: NonNullable<StudyResult["forecast"]>): StudyFigure {
  const s = f.scenarios[0];
  const iv = (
    rows: {
      country: string;
      year: number;
      predicted: number | null;
      lo: number | null;
      hi: number | null;
    }[],
  ) =>
    rows.filter((x) => x.predicted !== null).map((x) => ({
      country: x.country,
      year: x.year,
      predicted: x.predicted as number,
      lo: x.lo as number,
      hi: x.hi as number,
    }));
  const title = `Actual vs forecast (cut-off ${f.metrics.cutoff}) and projection to ` +
    `${s?.horizon ?? f.settings.lastDataYear}, US$ bn, log scale`;
  const svg = forecastFan({
    cutoff: f.metrics.cutoff,
    level: f.settings.level,
    actual: f.history,
    forecasts: iv(f.validation),
    projection: iv(s?.rows ?? []),
    ...(s ? { scenario: s.name } : {}),
  }, { title });
  return { part: "forecast", name: "forecast_fan", title, svg };
}

/**
 * One K cell per partner-year of the study window (K null where there is none).
 *
 * @example
 * ```ts
 * kRows(result).length; // partners x years
 * ```
 */
export function kRows(r: StudyResult): KRow[] {
  const ours = new Map(r.potential.map((p) => [`${p.country}|${p.year}`, p]));
  const rows: KRow[] = [];
  for (const country of r.config.partners) {
    for (let year = r.config.years.from; year <= r.config.years.to; year++) {
      const o = ours.get(`${country}|${year}`);
      rows.push({ country, year, k: o?.k ?? null, class: o?.class ?? null });
    }
  }
  return rows;
}

/**
 * The study's K with their intervals, one row per partner-year of the window (in-sample K).
 *
 * @example
 * ```ts
 * kIntervals(kIntervalRows(result));
 * ```
 */
export function kIntervalRows(r: StudyResult): KIntervalRow[] {
  const ours = new Map(r.potential.map((p) => [`${p.country}|${p.year}`, p]));
  return kRows(r).map((row) => {
    const p = ours.get(`${row.country}|${row.year}`);
    return { ...row, kLower: p?.kLower ?? null, kUpper: p?.kUpper ?? null, series: "in-sample" };
  });
}

/**
 * One welfare figure per computed counterfactual scenario: a sorted bar chart of the welfare
 * change of the study's countries (drawn stronger) and of the ten other countries most affected,
 * with each country's welfare and real GDP changes on hover.
 *
 * @example
 * ```ts
 * counterfactualFigures(result).map((f) => f.name); // ["counterfactual_corridor", ...]
 * ```
 */
export function counterfactualFigures(r: StudyResult): StudyFigure[] {
  const study = [r.config.reporter, ...r.config.partners];
  return (r.counterfactual?.scenarios ?? []).flatMap((s) => {
    if (!s.ok || !s.result) return [];
    const shown = new Set([...study, ...s.mostAffected.map((m) => m.country)]);
    const rows = s.result.countries.filter((c) => shown.has(c.country)).map((c) => ({
      country: c.country,
      welfareChange: (c.welfare - 1) * 100,
      realGdpChange: c.realGdpChange,
    }));
    const title =
      `Counterfactual "${s.scenario.name}": welfare change (%), the study's countries ` +
      `and the ${s.mostAffected.length} others most affected`;
    return [{
      part: "counterfactual" as const,
      name: `counterfactual_${s.scenario.name}`,
      title,
      svg: welfareBars(rows, { title, highlight: study }),
    }];
  });
}
