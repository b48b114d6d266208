/**
 * What every figure shares: the options object and the fixed colours (series palette, the trade
 * potential classes, missing values). The figures (one file per family beside this one) are drawn
 * with Observable Plot on a private linkedom document: each function takes plain data and options
 * and returns one self-contained SVG string (root `<svg>` with an `xmlns`), identical for
 * identical input, so the CLI report, `report.html` and the notebooks share them. Empty input
 * gives a small "no data" SVG instead of an error.
 * @module
 */

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

/** Options of the K figures: the class thresholds (default 0.8 and 1.2). */
export interface KFigureOptions extends FigureOptions {
  thresholds?: { huge: number; remodelling: number };
}
