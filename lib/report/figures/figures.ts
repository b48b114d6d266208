/**
 * The study's figures, drawn with Observable Plot on a private linkedom document. Each function
 * takes plain data and options and returns one self-contained SVG string (root `<svg>` with an
 * `xmlns`), identical for identical input, so the CLI report, `report.html` and the notebooks
 * share them. Empty input gives a small "no data" SVG instead of an error.
 * @module
 */

import * as Plot from "@observablehq/plot";
import {
  type FramePanel,
  frameSvg,
  type LegendItem,
  noDataSvg,
  type RenderedPlot,
  renderPlot,
} from "../dom.ts";
import { dotPositions, pickLabels } from "./labels.ts";

/** Options shared by every figure. */
export interface FigureOptions {
  /** Title printed above the figure (each figure has a default). */
  title?: string;
  /** Total width in pixels (default 640). */
  width?: number;
  /** Plot height in pixels (each figure has a default). */
  height?: number;
}

/** Fixed categorical palette (Observable 10), assigned to sorted series names. */
export const SERIES_COLORS = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];

/**
 * The three classes of trade potential the K figures colour: the study's `PotentialClass`,
 * restated so that the figures depend on no study code.
 */
export type KClass = "huge" | "expanding" | "remodelling";

/** Fixed colour of each trade-potential class. */
export const CLASS_COLORS: Record<KClass, string> = {
  huge: "#1a9850",
  expanding: "#fdae61",
  remodelling: "#d73027",
};

/** Colour of a cell whose K is missing. */
export const MISSING_COLOR = "#e0e0e0";

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort();
const fmt = (v: number, digits = 2) => (finite(v) ? v.toFixed(digits).replace("-", "−") : ".");

/** Trade values for tooltips: three significant digits, compact ("12.3B"). */
const compact = (v: number) =>
  new Intl.NumberFormat("en", { notation: "compact", maximumSignificantDigits: 3 }).format(v);

/** 1, 2 and 5 times the powers of ten in [lo, hi] (just the powers when that gives over 12). */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks.length > 12 ? ticks.filter((v) => Number.isInteger(Math.log10(v))) : ticks;
}

/**
 * A labelled scatter without overlapping labels: drawn once without labels to find the dots,
 * then again with the labels that fit (most important first, see {@link pickLabels}).
 */
function labelledScatter<T>(
  data: T[],
  label: (d: T) => string | undefined,
  priority: (d: T) => number,
  draw: (labelled: T[]) => RenderedPlot,
): { plot: RenderedPlot; notes: string[] } {
  const bare = draw([]);
  const dots = dotPositions(bare.svg);
  const candidates = data.map((d, i) => ({ d, text: label(d), ...dots[i] }))
    .filter((c) => c.text && dots.length === data.length);
  if (!candidates.length) return { plot: bare, notes: [] };
  const keep = pickLabels(
    candidates.map((c) => ({ x: c.x, y: c.y, text: c.text!, priority: priority(c.d) })),
    { width: bare.width - 2 },
  );
  const labelled = candidates.filter((_, i) => keep[i]).map((c) => c.d);
  const hidden = candidates.length - labelled.length;
  return {
    plot: draw(labelled),
    notes: hidden
      ? [`${hidden} label(s) of crowded points left out: hover a point for its values.`]
      : [],
  };
}

/** Integer year ticks from min to max (thinned to at most about 10). */
function yearTicks(years: number[]): number[] {
  const lo = Math.ceil(Math.min(...years));
  const hi = Math.floor(Math.max(...years));
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 10));
  const ticks: number[] = [];
  for (let y = lo; y <= hi; y += step) ticks.push(y);
  return ticks;
}

function seriesScale(names: string[]): { domain: string[]; range: string[] } {
  const domain = uniqueSorted(names);
  return { domain, range: domain.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) };
}

function seriesLegend(scale: { domain: string[]; range: string[] }, symbol: LegendItem["symbol"]) {
  return scale.domain.map((label, i) => ({ label, color: scale.range[i], symbol }));
}

/** One indicator value of a country-year; `flag` marks values filled in by the importer. */
export interface IndicatorRow {
  country: string;
  year: number;
  variable: string;
  value: number | null;
  /** "observed" (or null/empty) for a reported value; otherwise e.g. "interpolated". */
  flag?: string | null;
}

/** Options of {@link indicatorsOverTime}. */
export interface IndicatorsOptions extends FigureOptions {
  /** One panel per country (lines = variables) or per variable (lines = countries). */
  facet?: "country" | "variable";
  /** Panels per row (default 2). */
  columns?: number;
  /** y scale of every panel (default "linear"). */
  yType?: "linear" | "log";
}

const isObserved = (flag: string | null | undefined) => !flag || flag === "observed";

/**
 * Indicators over time as small multiples (each panel has its own y scale). Observed values are
 * filled dots; values the importer interpolated or extrapolated are hollow dots.
 *
 * @example
 * ```ts
 * indicatorsOverTime([
 *   { country: "KAZ", year: 2015, variable: "internet", value: 70.8, flag: null },
 *   { country: "KAZ", year: 2016, variable: "internet", value: 74.6, flag: "interpolated" },
 * ]);
 * ```
 */
export function indicatorsOverTime(rows: IndicatorRow[], options: IndicatorsOptions = {}): string {
  const title = options.title ?? "Indicators over time";
  const data = rows.filter((r) => finite(r.value));
  if (data.length === 0) return noDataSvg(title);
  const facet = options.facet ?? "country";
  const seriesKey = facet === "country" ? "variable" : "country";
  const columns = Math.max(1, options.columns ?? 2);
  const panelsKeys = uniqueSorted(data.map((r) => r[facet]));
  const scale = seriesScale(data.map((r) => r[seriesKey]));
  const years = data.map((r) => r.year);
  const xDomain = [Math.min(...years), Math.max(...years)];
  const width = Math.floor((options.width ?? 640) / Math.min(columns, panelsKeys.length));
  const panels: FramePanel[] = panelsKeys.map((key) => {
    const d = data.filter((r) => r[facet] === key).sort((a, b) =>
      a[seriesKey] < b[seriesKey] ? -1 : a[seriesKey] > b[seriesKey] ? 1 : a.year - b.year
    );
    const p = renderPlot({
      width,
      height: options.height ?? 200,
      marginLeft: 50,
      x: { domain: xDomain, tickFormat: "d", label: null, ticks: yearTicks(years) },
      y: { type: options.yType ?? "linear", grid: true, label: null, nice: true },
      color: scale,
      marks: [
        Plot.lineY(d, { x: "year", y: "value", z: seriesKey, stroke: seriesKey }),
        Plot.dot(d.filter((r) => isObserved(r.flag)), {
          x: "year",
          y: "value",
          fill: seriesKey,
          stroke: seriesKey,
          r: 3,
        }),
        Plot.dot(d.filter((r) => !isObserved(r.flag)), {
          x: "year",
          y: "value",
          stroke: seriesKey,
          fill: "white",
          strokeWidth: 1.5,
          r: 3.5,
        }),
      ],
    });
    return { ...p, heading: key };
  });
  const nFilled = data.filter((r) => !isObserved(r.flag)).length;
  return frameSvg(panels, {
    kind: "indicatorsOverTime",
    title,
    columns,
    legend: [
      ...seriesLegend(scale, "line"),
      { label: "observed", color: "#444", symbol: "circle" },
      { label: "interpolated/extrapolated/rebased (flagged)", color: "#444", symbol: "hollow" },
    ],
    notes: [
      `${data.length} values, ${nFilled} flagged as filled in by the importer (hollow); ` +
      `${rows.length - data.length} missing not drawn.`,
    ],
  });
}

/** Input of {@link correlationHeatmap}: variable names and their correlation matrix. */
export interface CorrelationInput {
  variables: string[];
  matrix: number[][];
}

/**
 * Correlation matrix as a heatmap (diverging colours on [-1, 1], r printed in each cell).
 *
 * @example
 * ```ts
 * correlationHeatmap({ variables: ["a", "b"], matrix: [[1, 0.5], [0.5, 1]] });
 * ```
 */
export function correlationHeatmap(input: CorrelationInput, options: FigureOptions = {}): string {
  const title = options.title ?? "Correlation of the CBEC indicators";
  const { variables, matrix } = input;
  if (!variables.length || !matrix.length) return noDataSvg(title);
  const cells = variables.flatMap((row, i) =>
    variables.map((col, j) => ({ row, col, r: matrix[i]?.[j] ?? NaN }))
  );
  const size = Math.min(options.width ?? 640, 140 + 60 * variables.length);
  const p = renderPlot({
    width: size,
    height: options.height ?? Math.max(120, 40 + 36 * variables.length),
    marginLeft: 130,
    marginBottom: 70,
    x: { domain: variables, label: null, tickRotate: -30 },
    y: { domain: variables, label: null },
    color: { type: "linear", scheme: "RdBu", domain: [-1, 1] },
    marks: [
      Plot.cell(cells, {
        x: "col",
        y: "row",
        fill: (d) => (finite(d.r) ? d.r : null),
        title: (d) => `${d.row} × ${d.col}\nr = ${fmt(d.r)}`,
      }),
      Plot.text(cells, {
        x: "col",
        y: "row",
        text: (d) => fmt(d.r),
        fill: (d) => (finite(d.r) && Math.abs(d.r) > 0.6 ? "white" : "black"),
      }),
    ],
  });
  const stops = [-1, -0.5, 0, 0.5, 1];
  return frameSvg([p], {
    kind: "correlationHeatmap",
    title,
    legend: stops.map((s) => ({ label: `r = ${fmt(s, 1)}`, color: p.color?.(s) ?? "#ccc" })),
  });
}

/**
 * Scree plot of PCA eigenvalues (descending) with a reference line: the Kaiser line at
 * eigenvalue = 1 by default, another `threshold`, or none with `threshold: null` (for a component
 * rule that is not Kaiser's, where a line at 1 would suggest a rule that was not applied).
 *
 * @example
 * ```ts
 * screePlot([2.6, 0.9, 0.5]);
 * ```
 */
export function screePlot(
  eigenvalues: number[],
  options: FigureOptions & { threshold?: number | null } = {},
): string {
  const title = options.title ?? "Scree plot";
  const data = eigenvalues.map((value, i) => ({ component: i + 1, value })).filter((d) =>
    finite(d.value)
  );
  if (data.length === 0) return noDataSvg(title);
  const threshold = options.threshold === undefined ? 1 : options.threshold;
  const line = threshold === null ? [] : [
    Plot.ruleY([threshold], { stroke: "#d73027", strokeDasharray: "4,3" }),
    Plot.text([threshold], {
      y: (d) => d,
      frameAnchor: "right",
      dy: -6,
      text: () => `eigenvalue = ${threshold}`,
      fill: "#d73027",
    }),
  ];
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? 260,
    x: { label: "component", tickFormat: "d", ticks: data.map((d) => d.component) },
    y: {
      label: "eigenvalue",
      grid: true,
      domain: [0, Math.max(threshold ?? 0, ...data.map((d) => d.value)) * 1.1],
    },
    marks: [
      ...line,
      Plot.lineY(data, { x: "component", y: "value" }),
      Plot.dot(data, { x: "component", y: "value", fill: "currentColor", r: 3.5 }),
    ],
  });
  return frameSvg([p], { kind: "screePlot", title });
}

/** Input of {@link loadingsBars}: loadings[v][c] for variables v and components c. */
export interface LoadingsInput {
  variables: string[];
  loadings: number[][];
  /** Components to draw, 0-based (default: the first two, or one if there is only one). */
  components?: number[];
}

/**
 * Loadings as horizontal bars, one panel per component, bars coloured by sign.
 *
 * @example
 * ```ts
 * loadingsBars({ variables: ["a", "b"], loadings: [[0.7, 0.7], [0.7, -0.7]], components: [0] });
 * ```
 */
export function loadingsBars(input: LoadingsInput, options: FigureOptions = {}): string {
  const title = options.title ?? "PCA loadings";
  const { variables, loadings } = input;
  const ncomp = loadings[0]?.length ?? 0;
  if (!variables.length || ncomp === 0) return noDataSvg(title);
  const comps = (input.components ?? [0, 1]).filter((c) => c >= 0 && c < ncomp);
  const data = comps.flatMap((c) =>
    variables.map((variable, v) => ({
      variable,
      component: `PC${c + 1}`,
      loading: loadings[v]?.[c] ?? NaN,
    }))
  ).filter((d) => finite(d.loading));
  if (data.length === 0) return noDataSvg(title);
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 50 + 26 * variables.length),
    marginLeft: 130,
    marginRight: 30,
    fx: { label: null, domain: comps.map((c) => `PC${c + 1}`) },
    x: { domain: [-1.2, 1.2], label: "loading", grid: true, ticks: [-1, -0.5, 0, 0.5, 1] },
    y: { domain: variables, label: null },
    color: { domain: ["negative", "positive"], range: ["#d73027", "#4269d0"] },
    marks: [
      Plot.barX(data, {
        fx: "component",
        y: "variable",
        x: "loading",
        fill: (d) => (d.loading < 0 ? "negative" : "positive"),
      }),
      Plot.text(data.filter((d) => d.loading >= 0), {
        fx: "component",
        y: "variable",
        x: "loading",
        text: (d) => fmt(d.loading),
        textAnchor: "start",
        dx: 3,
      }),
      Plot.text(data.filter((d) => d.loading < 0), {
        fx: "component",
        y: "variable",
        x: "loading",
        text: (d) => fmt(d.loading),
        textAnchor: "end",
        dx: -3,
      }),
      Plot.ruleX([0]),
    ],
  });
  return frameSvg([p], {
    kind: "loadingsBars",
    title,
    legend: [
      { label: "positive", color: "#4269d0" },
      { label: "negative", color: "#d73027" },
    ],
  });
}

/** One value of the composite CBEC index. */
export interface IndexRow {
  country: string;
  year: number;
  index: number;
}

/**
 * The composite CBEC index over time, one line per country.
 *
 * @example
 * ```ts
 * cbecIndexByCountry([{ country: "KAZ", year: 2015, index: -0.4 }, { country: "KAZ", year: 2016, index: 0.1 }]);
 * ```
 */
export function cbecIndexByCountry(rows: IndexRow[], options: FigureOptions = {}): string {
  const title = options.title ?? "CBEC index by country";
  const data = rows.filter((r) => finite(r.index)).sort((a, b) =>
    a.country < b.country ? -1 : a.country > b.country ? 1 : a.year - b.year
  );
  if (data.length === 0) return noDataSvg(title);
  const scale = seriesScale(data.map((r) => r.country));
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? 300,
    x: { tickFormat: "d", label: "year", ticks: yearTicks(data.map((r) => r.year)), inset: 10 },
    y: { label: "CBEC index", grid: true },
    color: scale,
    marks: [
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.lineY(data, { x: "year", y: "index", z: "country", stroke: "country" }),
      Plot.dot(data, {
        x: "year",
        y: "index",
        fill: "country",
        r: 3,
        title: (d) => `${d.country} ${d.year}\nCBEC index ${fmt(d.index, 3)}`,
      }),
    ],
  });
  return frameSvg([p], {
    kind: "cbecIndexByCountry",
    title,
    legend: seriesLegend(scale, "circle"),
  });
}

/** One coefficient with its confidence interval (CI bounds may be missing, e.g. the paper's). */
export interface CoefficientRow {
  term: string;
  estimate: number;
  ciLower?: number;
  ciUpper?: number;
}

/** Options of {@link coefficientPlot}. */
export interface CoefficientPlotOptions extends FigureOptions {
  /** A second series (e.g. the paper's Table 2) drawn beside ours. */
  paper?: CoefficientRow[];
  /** Names of the two series (default ["ours", "paper"]). */
  seriesNames?: [string, string];
  /** Leave out the intercept "(Intercept)" (default true: it dwarfs the slopes). */
  dropIntercept?: boolean;
  /** Confidence level, for the title and legend only (default 0.95). */
  level?: number;
}

/**
 * Coefficient plot: estimates as dots with confidence-interval bars and a zero line; optionally
 * a second series (the paper's) beside each term.
 *
 * @example
 * ```ts
 * coefficientPlot([{ term: "ln_dist", estimate: -1.2, ciLower: -1.9, ciUpper: -0.5 }]);
 * ```
 */
export function coefficientPlot(
  coefficients: CoefficientRow[],
  options: CoefficientPlotOptions = {},
): string {
  const level = options.level ?? 0.95;
  const title = options.title ??
    `Coefficients with ${Math.round(level * 100)}% confidence intervals`;
  const [oursName, paperName] = options.seriesNames ?? ["ours", "paper"];
  const keep = (c: CoefficientRow) =>
    finite(c.estimate) && !((options.dropIntercept ?? true) && c.term === "(Intercept)");
  const data = [
    ...coefficients.filter(keep).map((c) => ({ ...c, series: oursName })),
    ...(options.paper ?? []).filter(keep).map((c) => ({ ...c, series: paperName })),
  ];
  if (data.length === 0) return noDataSvg(title);
  const terms: string[] = [];
  for (const d of data) if (!terms.includes(d.term)) terms.push(d.term);
  const series = options.paper ? [oursName, paperName] : [oursName];
  const colors = ["#4269d0", "#ff725c"].slice(0, series.length);
  const withCi = data.filter((d) => finite(d.ciLower) && finite(d.ciUpper));
  const pct = `${Math.round(level * 100)}%`;
  const coefTitle = (d: CoefficientRow & { series: string }) =>
    `${d.term} (${d.series})\nestimate ${fmt(d.estimate, 3)}` +
    (finite(d.ciLower) && finite(d.ciUpper)
      ? `\n${pct} CI [${fmt(d.ciLower, 3)}, ${fmt(d.ciUpper, 3)}]`
      : "\nno confidence interval");
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? Math.max(140, 40 + terms.length * series.length * 18),
    marginLeft: 110,
    fy: { domain: terms, label: null },
    y: { domain: series, axis: null },
    x: { label: "estimate", grid: true, nice: true, inset: 6 },
    color: { domain: series, range: colors },
    marks: [
      Plot.ruleX([0], { stroke: "#999" }),
      Plot.ruleY(withCi, {
        fy: "term",
        y: "series",
        x1: "ciLower",
        x2: "ciUpper",
        stroke: "series",
        strokeWidth: 2,
        title: coefTitle,
      }),
      Plot.dot(data, {
        fy: "term",
        y: "series",
        x: "estimate",
        fill: "series",
        r: 4,
        title: coefTitle,
      }),
    ],
  });
  const noCi = data.length - withCi.length;
  return frameSvg([p], {
    kind: "coefficientPlot",
    title,
    legend: series.map((s, i) => ({ label: s, color: colors[i], symbol: "circle" as const })),
    notes: noCi ? [`${noCi} estimate(s) without a confidence interval drawn as dots only.`] : [],
  });
}

/** One country-year of actual and predicted trade. */
export interface ActualPredictedRow {
  country: string;
  year: number;
  actual: number;
  predicted: number;
}

/**
 * Actual against predicted trade on log-log scales, with the 45-degree line (K = 1) and each
 * point labelled "country year". Points with non-positive or missing values cannot be drawn on
 * a log scale: they are counted in a note.
 *
 * @example
 * ```ts
 * actualVsPredicted([{ country: "KAZ", year: 2015, actual: 1.2e10, predicted: 1.0e10 }]);
 * ```
 */
export function actualVsPredicted(
  rows: ActualPredictedRow[],
  options: FigureOptions & { labels?: boolean } = {},
): string {
  const title = options.title ?? "Actual vs predicted trade (log scales)";
  const data = rows.filter((r) =>
    finite(r.actual) && finite(r.predicted) && r.actual > 0 &&
    r.predicted > 0
  );
  if (data.length === 0) return noDataSvg(title);
  const all = data.flatMap((r) => [r.actual, r.predicted]);
  const lo = Math.min(...all) / 1.2;
  const hi = Math.max(...all) * 1.2;
  const scale = seriesScale(data.map((r) => r.country));
  // Ticks at 1, 2 and 5 times powers of ten, labelled as money is ("30B", not SI's "30G").
  const ticks = logTicks(lo, hi);
  const axis = { type: "log" as const, domain: [lo, hi], grid: true, ticks, tickFormat: compact };
  const draw = (labelled: ActualPredictedRow[]) =>
    renderPlot({
      width: options.width ?? 640,
      height: options.height ?? 420,
      marginLeft: 60,
      x: { ...axis, label: "predicted (USD)" },
      y: { ...axis, label: "actual (USD)" },
      color: scale,
      marks: [
        Plot.line([[lo, lo], [hi, hi]], { stroke: "#999", strokeDasharray: "5,4" }),
        Plot.dot(data, {
          x: "predicted",
          y: "actual",
          fill: "country",
          r: 4,
          title: (d) =>
            `${d.country} ${d.year}\nactual ${compact(d.actual)}\npredicted ${
              compact(d.predicted)
            }\nK = ${fmt(d.actual / d.predicted)}`,
        }),
        Plot.text(labelled, {
          x: "predicted",
          y: "actual",
          text: (d) => `${d.country} ${d.year}`,
          dx: 6,
          textAnchor: "start",
          fontSize: 9,
        }),
      ],
    });
  // Label the points furthest from the line (|ln K|) first; crowded ones keep their tooltip.
  const { plot: p, notes } = labelledScatter(
    data,
    (d) => (options.labels ?? true) ? `${d.country} ${d.year}` : undefined,
    (d) => Math.abs(Math.log(d.actual / d.predicted)),
    draw,
  );
  const dropped = rows.length - data.length;
  return frameSvg([p], {
    kind: "actualVsPredicted",
    title,
    legend: [
      ...seriesLegend(scale, "circle"),
      { label: "actual = predicted (K = 1)", color: "#999", symbol: "dashed" },
    ],
    notes: [
      ...(dropped ? [`${dropped} row(s) with missing or non-positive values not drawn.`] : []),
      ...notes,
    ],
  });
}

/** One observation of a fitted regression. */
export interface ResidualRow {
  fitted: number;
  residual: number;
  label?: string;
}

/**
 * Residuals against fitted values with the zero line; points labelled when labels are given.
 *
 * @example
 * ```ts
 * residualsVsFitted([{ fitted: 22.1, residual: 0.3, label: "KAZ 2015" }]);
 * ```
 */
export function residualsVsFitted(rows: ResidualRow[], options: FigureOptions = {}): string {
  const title = options.title ?? "Residuals vs fitted";
  const data = rows.filter((r) => finite(r.fitted) && finite(r.residual));
  if (data.length === 0) return noDataSvg(title);
  const draw = (labelled: ResidualRow[]) =>
    renderPlot({
      width: options.width ?? 640,
      height: options.height ?? 320,
      // Room on the right for the label of the right-most point (labels start right of the dot).
      marginRight: data.some((d) => d.label) ? 60 : 20,
      // Inset: the extreme points (and their labels) clear the axes and the frame.
      x: { label: "fitted", grid: true, inset: 10 },
      y: { label: "residual", grid: true, inset: 12 },
      marks: [
        Plot.ruleY([0], { stroke: "#d73027" }),
        Plot.dot(data, {
          x: "fitted",
          y: "residual",
          fill: "#4269d0",
          r: 3.5,
          title: (d) =>
            `${d.label ? `${d.label}\n` : ""}fitted ${fmt(d.fitted, 3)}\nresidual ${
              fmt(d.residual, 3)
            }`,
        }),
        Plot.text(labelled, {
          x: "fitted",
          y: "residual",
          text: "label",
          dx: 6,
          textAnchor: "start",
          fontSize: 9,
        }),
      ],
    });
  // Label the largest residuals first; crowded points keep their tooltip.
  const { plot: p, notes } = labelledScatter(
    data,
    (d) => d.label,
    (d) => Math.abs(d.residual),
    draw,
  );
  return frameSvg([p], { kind: "residualsVsFitted", title, notes });
}

/** One cell of the K table (class null when K is missing). */
export interface KRow {
  country: string;
  year: number;
  k: number | null;
  class: KClass | null;
}

/** Options of the K figures: the class thresholds (default 0.8 and 1.2). */
export interface KFigureOptions extends FigureOptions {
  thresholds?: { huge: number; remodelling: number };
}

const CLASS_NAMES: Record<KClass, string> = {
  huge: "huge potential",
  expanding: "expanding potential",
  remodelling: "re-modelling",
};

function classLegend(t: { huge: number; remodelling: number }): LegendItem[] {
  return [
    { label: `huge potential (K ≤ ${t.huge})`, color: CLASS_COLORS.huge },
    {
      label: `expanding potential (${t.huge} < K < ${t.remodelling})`,
      color: CLASS_COLORS.expanding,
    },
    { label: `re-modelling (K ≥ ${t.remodelling})`, color: CLASS_COLORS.remodelling },
  ];
}

/**
 * K by country and year as a heatmap: each cell coloured by its class (fixed colours, see
 * {@link CLASS_COLORS}) with K printed in it; missing K is a grey cell with ".".
 *
 * @example
 * ```ts
 * kHeatmap([{ country: "KAZ", year: 2015, k: 0.7, class: "huge" }]);
 * ```
 */
export function kHeatmap(rows: KRow[], options: KFigureOptions = {}): string {
  const title = options.title ?? "Trade potential K = actual / predicted";
  if (rows.length === 0) return noDataSvg(title);
  const t = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const countries = uniqueSorted(rows.map((r) => r.country));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const p = renderPlot({
    width: options.width ?? Math.min(640, 120 + 60 * years.length),
    height: options.height ?? 50 + 30 * countries.length,
    marginLeft: 90,
    x: { domain: years, tickFormat: "d", label: null, axis: "top" },
    y: { domain: countries, label: null },
    marks: [
      Plot.cell(rows, {
        x: "year",
        y: "country",
        fill: (d) => (d.class ? CLASS_COLORS[d.class as KClass] : MISSING_COLOR),
        inset: 1,
        title: (d) =>
          `${d.country} ${d.year}\n` +
          (finite(d.k) ? `K = ${fmt(d.k)} (${CLASS_NAMES[d.class as KClass]})` : "K: none (.)"),
      }),
      Plot.text(rows, {
        x: "year",
        y: "country",
        text: (d) => fmt(d.k ?? NaN),
        fill: (d) => (d.class === "huge" || d.class === "remodelling" ? "white" : "black"),
      }),
    ],
  });
  const missing = rows.filter((r) => !r.class).length;
  return frameSvg([p], {
    kind: "kHeatmap",
    title,
    legend: classLegend(t),
    notes: missing ? [`${missing} country-year(s) without K (grey, ".").`] : [],
  });
}

/**
 * K over time, one line per country, with horizontal rules at the class thresholds.
 *
 * @example
 * ```ts
 * kLines([{ country: "KAZ", year: 2015, k: 0.7, class: "huge" }], { thresholds: { huge: 0.8, remodelling: 1.2 } });
 * ```
 */
export function kLines(rows: KRow[], options: KFigureOptions = {}): string {
  const title = options.title ?? "Trade potential K over time";
  const data = rows.filter((r) => finite(r.k)).sort((a, b) =>
    a.country < b.country ? -1 : a.country > b.country ? 1 : a.year - b.year
  );
  if (data.length === 0) return noDataSvg(title);
  const t = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const scale = seriesScale(data.map((r) => r.country));
  const ks = data.map((r) => r.k as number);
  let run = 0;
  const runs = data.map((r, i) => {
    const prev = data[i - 1];
    if (prev && (prev.country !== r.country || prev.year + 1 !== r.year)) run++;
    return run;
  });
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginRight: 50,
    x: { tickFormat: "d", label: "year", ticks: yearTicks(data.map((r) => r.year)), inset: 10 },
    y: {
      label: "K",
      grid: true,
      domain: [Math.min(0, ...ks, t.huge), Math.max(...ks, t.remodelling) * 1.05],
    },
    color: scale,
    marks: [
      Plot.ruleY([t.huge], { stroke: CLASS_COLORS.huge, strokeDasharray: "4,3" }),
      Plot.ruleY([t.remodelling], { stroke: CLASS_COLORS.remodelling, strokeDasharray: "4,3" }),
      Plot.text([t.huge, t.remodelling], {
        y: (d) => d,
        frameAnchor: "right",
        textAnchor: "start",
        dx: 4,
        text: (d) => `K = ${d}`,
      }),
      // One line per run of consecutive years: a missing year breaks the line, so no slope
      // is drawn across years that have no K.
      Plot.lineY(data, { x: "year", y: "k", z: (_, i) => runs[i], stroke: "country" }),
      Plot.dot(data, {
        x: "year",
        y: "k",
        fill: "country",
        r: 3,
        title: (d) => `${d.country} ${d.year}\nK = ${fmt(d.k as number)}`,
      }),
    ],
  });
  return frameSvg([p], {
    kind: "kLines",
    title,
    legend: [
      ...seriesLegend(scale, "circle"),
      { label: `thresholds ${t.huge} / ${t.remodelling}`, color: "#666", symbol: "dashed" },
    ],
  });
}
