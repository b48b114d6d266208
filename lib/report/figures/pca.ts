/**
 * The PCA figures: the correlation heatmap, the scree plot, the loadings and the composite CBEC
 * index by country. Plain data in, one self-contained SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { frameSvg, noDataSvg, renderPlot } from "../dom.ts";
import { finite, fmt, seriesLegend, seriesScale, yearTicks } from "./shared.ts";
import type { FigureOptions } from "./style.ts";

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
