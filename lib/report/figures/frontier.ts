/**
 * Trade efficiency on a stochastic frontier: one small panel per partner over the years, TE with
 * its interval, beside the mean efficiency of every partner of the fit. Plain data in, one SVG
 * out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type FramePanel, frameSvg, type LegendItem, noDataSvg, renderPlot } from "../dom.ts";
import { finite, uniqueSorted } from "./shared.ts";
import type { FigureOptions } from "./style.ts";

/** One partner-year's efficiency with its interval. */
export interface EfficiencyRow {
  country: string;
  year: number;
  efficiency: number;
  lower: number;
  upper: number;
}

/** Options of {@link efficiencyIntervals}. */
export interface EfficiencyFigureOptions extends FigureOptions {
  /** Mean efficiency of all units by year, drawn as a dashed line in every panel. */
  mean?: { year: number; mean: number }[];
  /** Level of the intervals, for the legend (e.g. 0.9). */
  level?: number;
}

const TE_COLOR = "#4269d0";
const MEAN_COLOR = "#777";

/**
 * Efficiency (0 to 1, the frontier at 1) with intervals by partner over the years, with the mean
 * of every unit of the fit as a dashed line.
 *
 * @example
 * ```ts
 * efficiencyIntervals([{ country: "KAZ", year: 2015, efficiency: 0.5, lower: 0.43, upper: 0.59 }]);
 * ```
 */
export function efficiencyIntervals(
  rows: EfficiencyRow[],
  options: EfficiencyFigureOptions = {},
): string {
  const title = options.title ?? "Trade efficiency with intervals";
  const data = rows.filter((r) => finite(r.efficiency));
  if (data.length === 0) return noDataSvg(title);
  const countries = uniqueSorted(data.map((r) => r.country));
  const years = [...new Set(data.map((r) => r.year))].sort((a, b) => a - b);
  const mean = (options.mean ?? []).filter((m) => years.includes(m.year));
  const width = options.width ?? (countries.length > 1 ? 320 : 640);
  const panels: FramePanel[] = countries.map((country) => {
    const mine = data.filter((r) => r.country === country);
    const p = renderPlot({
      width,
      height: options.height ?? 200,
      marginLeft: 40,
      x: {
        domain: [years[0] - 0.5, years[years.length - 1] + 0.5],
        ticks: years.length > 8 ? years.filter((_, i) => i % 2 === 0) : years,
        tickFormat: "d",
        label: null,
      },
      y: { domain: [0, 1], label: "TE", grid: true, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
      marks: [
        Plot.ruleY([1], { stroke: "#333" }),
        ...(mean.length
          ? [Plot.line(mean, { x: "year", y: "mean", stroke: MEAN_COLOR, strokeDasharray: "4,3" })]
          : []),
        Plot.ruleX(mine, { x: "year", y1: "lower", y2: "upper", stroke: TE_COLOR }),
        Plot.dot(mine, {
          x: "year",
          y: "efficiency",
          r: 3.5,
          fill: TE_COLOR,
          title: (d) =>
            `${d.country} ${d.year}: TE ${d.efficiency.toFixed(3)} (${d.lower.toFixed(3)}-${
              d.upper.toFixed(3)
            })`,
        }),
      ],
    });
    return { ...p, heading: country };
  });
  const level = options.level ? `${Math.round(options.level * 100)}% ` : "";
  const legend: LegendItem[] = [
    { label: "TE", color: TE_COLOR, symbol: "circle" },
    { label: `${level}interval`, color: TE_COLOR, symbol: "line" },
    ...(mean.length
      ? [{ label: "mean TE of all partners", color: MEAN_COLOR, symbol: "dashed" as const }]
      : []),
    { label: "frontier (TE = 1)", color: "#333", symbol: "line" },
  ];
  return frameSvg(panels, {
    kind: "efficiencyIntervals",
    title,
    legend,
    columns: Math.min(3, panels.length),
  });
}
