/**
 * The small helpers the figure files share: value tests, the number format printed in figures,
 * integer year ticks and the series colour scale with its legend. Internal to lib/report/figures
 * (mod.ts does not re-export it).
 * @module
 */
import type { LegendItem } from "../dom.ts";
import { SERIES_COLORS } from "./style.ts";

/**
 * True for a finite number.
 *
 * @example
 * ```ts
 * finite(0.5); // true
 * finite(null); // false
 * ```
 */
export const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * True for a finite number above zero (what a log scale can draw).
 *
 * @example
 * ```ts
 * positive(0.5); // true
 * positive(0); // false
 * ```
 */
export const positive = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v) && v > 0;

/**
 * The distinct strings, sorted.
 *
 * @example
 * ```ts
 * uniqueSorted(["UZB", "KAZ", "UZB"]); // ["KAZ", "UZB"]
 * ```
 */
export const uniqueSorted = (xs: string[]): string[] => [...new Set(xs)].sort();

/**
 * A number as printed in the figures: fixed digits, a typographic minus, missing as ".".
 *
 * @example
 * ```ts
 * fmt(-0.456); // "−0.46"
 * fmt(NaN); // "."
 * ```
 */
export const fmt = (v: number, digits = 2): string =>
  finite(v) ? v.toFixed(digits).replace("-", "−") : ".";

/**
 * Integer year ticks from min to max (thinned to at most about 10).
 *
 * @example
 * ```ts
 * yearTicks([2015, 2016, 2017]); // [2015, 2016, 2017]
 * ```
 */
export function yearTicks(years: number[]): number[] {
  const lo = Math.ceil(Math.min(...years));
  const hi = Math.floor(Math.max(...years));
  const step = Math.max(1, Math.ceil((hi - lo + 1) / 10));
  const ticks: number[] = [];
  for (let y = lo; y <= hi; y += step) ticks.push(y);
  return ticks;
}

/** A categorical colour scale: sorted names and their colours. */
export interface SeriesScale {
  domain: string[];
  range: string[];
}

/**
 * The colour scale of named series: the sorted distinct names, coloured in order from
 * {@link SERIES_COLORS}.
 *
 * @example
 * ```ts
 * seriesScale(["UZB", "KAZ"]); // { domain: ["KAZ", "UZB"], range: ["#4269d0", "#efb118"] }
 * ```
 */
export function seriesScale(names: string[]): SeriesScale {
  const domain = uniqueSorted(names);
  return { domain, range: domain.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) };
}

/**
 * Legend entries of a series scale, all with one swatch shape.
 *
 * @example
 * ```ts
 * seriesLegend(seriesScale(["KAZ"]), "line"); // [{ label: "KAZ", color: "#4269d0", symbol: "line" }]
 * ```
 */
export function seriesLegend(scale: SeriesScale, symbol: LegendItem["symbol"]): LegendItem[] {
  return scale.domain.map((label, i) => ({ label, color: scale.range[i], symbol }));
}
