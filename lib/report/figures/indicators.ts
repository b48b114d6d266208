/**
 * Indicators over time as small multiples, observed and importer-filled values told apart.
 * Plain data in, one self-contained SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type FramePanel, frameSvg, noDataSvg, renderPlot } from "../dom.ts";
import { finite, seriesLegend, seriesScale, uniqueSorted, yearTicks } from "./shared.ts";
import type { FigureOptions } from "./style.ts";

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
