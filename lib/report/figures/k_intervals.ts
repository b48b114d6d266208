/**
 * K with its intervals against the class thresholds, one small panel per partner over the years
 * (several K measures side by side when rows carry a `series`). Plain data in, one SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type FramePanel, frameSvg, type LegendItem, noDataSvg, renderPlot } from "../dom.ts";
import { positive, uniqueSorted } from "./shared.ts";
import { CLASS_COLORS, type KClass, type KFigureOptions, SERIES_COLORS } from "./style.ts";

/** One K with its interval (null where there is none). */
export interface KIntervalRow {
  country: string;
  year: number;
  k: number | null;
  kLower: number | null;
  kUpper: number | null;
  class: KClass | null;
  /** Which K (e.g. "in-sample", "benchmark"); one colour and offset per series. */
  series?: string;
}

/** Tick candidates of the log K axis: fine (the thresholds among them) for a narrow range. */
const TICKS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 3, 5, 10, 20, 50, 100];
/** Coarse ticks (1-2-5) for a range over more than a factor of 6 (the rules mark the thresholds). */
const COARSE_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/**
 * K with intervals by partner over the years, on a log scale (a ratio: 0.5 and 2 are equally
 * far from 1), with dashed rules at the huge / remodelling thresholds. Dots are coloured by
 * class; the vertical bar is the interval; series are offset side by side within a year.
 *
 * @example
 * ```ts
 * kIntervals([{ country: "KAZ", year: 2015, k: 0.9, kLower: 0.7, kUpper: 1.1, class: "expanding" }]);
 * ```
 */
export function kIntervals(rows: KIntervalRow[], options: KFigureOptions = {}): string {
  const title = options.title ?? "Trade potential K with intervals";
  const data = rows.filter((r) => positive(r.k));
  if (data.length === 0) return noDataSvg(title);
  const t = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const countries = uniqueSorted(data.map((r) => r.country));
  const series = [...new Set(data.map((r) => r.series ?? ""))];
  const years = [...new Set(data.map((r) => r.year))].sort((a, b) => a - b);
  const values = data.flatMap((r) => [r.k, r.kLower, r.kUpper]).filter(positive) as number[];
  const lo = Math.min(...values, t.huge) / 1.1;
  const hi = Math.max(...values, t.remodelling) * 1.1;
  const width = options.width ?? (countries.length > 1 ? 320 : 640);
  const offset = (s: string | undefined) => {
    const i = series.indexOf(s ?? "");
    return series.length > 1 ? (i - (series.length - 1) / 2) * 0.25 : 0;
  };
  const stroke = (s: string | undefined) =>
    series.length > 1 ? SERIES_COLORS[series.indexOf(s ?? "") % SERIES_COLORS.length] : "#555";
  const panels: FramePanel[] = countries.map((country) => {
    const mine = data.filter((r) => r.country === country).map((r) => ({
      ...r,
      x: r.year + offset(r.series),
    }));
    const bars = mine.filter((r) => positive(r.kLower) && positive(r.kUpper));
    const p = renderPlot({
      width,
      height: options.height ?? 220,
      marginLeft: 44,
      x: {
        domain: [years[0] - 0.5, years[years.length - 1] + 0.5],
        ticks: years.length > 8 ? years.filter((_, i) => i % 2 === 0) : years,
        tickFormat: "d",
        label: null,
      },
      y: {
        type: "log",
        domain: [lo, hi],
        label: "K",
        grid: true,
        ticks: (hi / lo > 6 ? COARSE_TICKS : TICKS).filter((v) => v >= lo && v <= hi),
        tickFormat: (v: number) => String(v),
      },
      marks: [
        Plot.ruleY([t.huge], { stroke: CLASS_COLORS.huge, strokeDasharray: "4,3" }),
        Plot.ruleY([t.remodelling], { stroke: CLASS_COLORS.remodelling, strokeDasharray: "4,3" }),
        Plot.ruleX(bars, { x: "x", y1: "kLower", y2: "kUpper", stroke: (d) => stroke(d.series) }),
        Plot.dot(mine, {
          x: "x",
          y: "k",
          r: 3.5,
          fill: (d) => (d.class ? CLASS_COLORS[d.class as KClass] : "#999"),
          stroke: (d) => stroke(d.series),
        }),
      ],
    });
    return { ...p, heading: country };
  });
  const legend: LegendItem[] = [
    { label: `huge (K ≤ ${t.huge})`, color: CLASS_COLORS.huge, symbol: "circle" },
    { label: "expanding", color: CLASS_COLORS.expanding, symbol: "circle" },
    {
      label: `re-modelling (K ≥ ${t.remodelling})`,
      color: CLASS_COLORS.remodelling,
      symbol: "circle",
    },
    ...(series.length > 1
      ? series.map((s, i) => ({
        label: `${s} (interval)`,
        color: SERIES_COLORS[i % SERIES_COLORS.length],
        symbol: "line" as const,
      }))
      : [{ label: "interval", color: "#555", symbol: "line" as const }]),
    { label: `thresholds ${t.huge} / ${t.remodelling}`, color: "#666", symbol: "dashed" },
  ];
  const missing = rows.length - data.length;
  return frameSvg(panels, {
    title,
    legend,
    columns: Math.min(3, panels.length),
    notes: missing ? [`${missing} partner-year(s) without K are not drawn.`] : [],
  });
}
