/**
 * The regression figures: the coefficient plot (ours beside the paper's), actual vs predicted
 * trade and residuals vs fitted, the scatters labelled without overlaps. Plain data in, one
 * self-contained SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { frameSvg, noDataSvg, type RenderedPlot, renderPlot } from "../dom.ts";
import { dotPositions, pickLabels } from "./labels.ts";
import { finite, fmt, seriesLegend, seriesScale } from "./shared.ts";
import type { FigureOptions } from "./style.ts";

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
