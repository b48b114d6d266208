/**
 * The welfare (or real GDP) change of every country in a counterfactual as a sorted bar chart
 * with tooltips. Plain data in, one SVG out.
 * @module
 */
import * as Plot from "@observablehq/plot";
import { frameSvg, noDataSvg, renderPlot } from "../dom.ts";
import type { FigureOptions } from "./style.ts";

/** One country's changes, in percent. */
export interface WelfareBarRow {
  country: string;
  welfareChange: number;
  realGdpChange: number;
}

/** Options of {@link welfareBars}. */
export interface WelfareBarOptions extends FigureOptions {
  /** Which change the bars show (default "welfare"); the tooltip shows both. */
  measure?: "welfare" | "realGdp";
  /** Countries drawn in a stronger colour (e.g. the scenario's parties). */
  highlight?: string[];
}

const GAIN = "#4269d0", LOSS = "#d73027", GAIN_SOFT = "#a9bcea", LOSS_SOFT = "#eeaaa4";
const signed = (v: number, digits: number) =>
  `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(digits)}%`;

/**
 * Horizontal bars of each country's change, largest gain on top; hovering a bar shows the
 * country's welfare and real GDP changes. Non-finite rows are left out and counted in a note.
 *
 * @example
 * ```ts
 * welfareBars([{ country: "KAZ", welfareChange: 0.4, realGdpChange: 0.3 }, { country: "CHN", welfareChange: 0.01, realGdpChange: 0.01 }]);
 * ```
 */
export function welfareBars(rows: WelfareBarRow[], options: WelfareBarOptions = {}): string {
  const measure = options.measure ?? "welfare";
  const label = measure === "welfare" ? "welfare" : "real GDP";
  const title = options.title ?? `Change in ${label} by country (%)`;
  const value = (r: WelfareBarRow) => (measure === "welfare" ? r.welfareChange : r.realGdpChange);
  const data = rows.filter((r) => Number.isFinite(value(r)))
    .sort((a, b) => value(b) - value(a) || a.country.localeCompare(b.country));
  if (data.length === 0) return noDataSvg(title);
  const highlight = new Set(options.highlight ?? []);
  const emphasis = highlight.size > 0;
  const span = Math.max(...data.map((r) => Math.abs(value(r))));
  const digits = span >= 10 ? 1 : span >= 0.1 ? 2 : span >= 0.001 ? 4 : 6;
  const fill = (r: WelfareBarRow) =>
    value(r) >= 0
      ? (!emphasis || highlight.has(r.country) ? GAIN : GAIN_SOFT)
      : (!emphasis || highlight.has(r.country) ? LOSS : LOSS_SOFT);
  const p = renderPlot({
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 40 + 16 * data.length),
    marginLeft: 56,
    marginRight: 20,
    x: { label: `${label} change (%)`, grid: true, tickFormat: (v: number) => `${v}` },
    y: { domain: data.map((r) => r.country), label: null },
    marks: [
      Plot.barX(data, {
        y: "country",
        x: value,
        fill,
        title: (r: WelfareBarRow) =>
          `${r.country}\nwelfare ${signed(r.welfareChange, digits)}\nreal GDP ${
            signed(r.realGdpChange, digits)
          }`,
      }),
      Plot.ruleX([0]),
    ],
  });
  const left = rows.length - data.length;
  return frameSvg([p], {
    kind: "welfareBars",
    title,
    legend: [
      { label: "gain", color: GAIN },
      { label: "loss", color: LOSS },
      ...(emphasis ? [{ label: "other countries (lighter)", color: GAIN_SOFT }] : []),
    ],
    notes: [
      "Hover a bar for the country's welfare and real GDP changes.",
      ...(left ? [`${left} country(ies) without a finite value are not drawn.`] : []),
    ],
  });
}
