/**
 * The trade potential figures: K by country and year as a heatmap coloured by class, and K over
 * time against the class thresholds. Plain data in, one self-contained SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { frameSvg, type LegendItem, noDataSvg, renderPlot } from "../dom.ts";
import { finite, fmt, seriesLegend, seriesScale, uniqueSorted, yearTicks } from "./shared.ts";
import { CLASS_COLORS, type KClass, type KFigureOptions, MISSING_COLOR } from "./style.ts";

/** One cell of the K table (class null when K is missing). */
export interface KRow {
  country: string;
  year: number;
  k: number | null;
  class: KClass | null;
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
