/**
 * What the figure tests share: an SVG parsed as XML (so it must be well-formed) with small
 * queries on its marks, and the indicator and K rows several figures draw.
 */
import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import type { IndicatorRow } from "../../../lib/report/figures/indicators.ts";
import type { KRow } from "../../../lib/report/figures/potential.ts";
import { SVG_NS } from "../../../lib/report/dom.ts";

/** The few DOM members the tests read. */
export interface El {
  getAttribute(n: string): string | null;
  textContent: string | null;
  parentNode: El | null;
  tagName: string;
  querySelectorAll(s: string): El[];
  closest(s: string): El | null;
}

/**
 * Parse an SVG string as XML (so it must be well-formed) and return its root element.
 *
 * @example
 * ```ts
 * parse(screePlot([2, 1])).tagName; // "svg"
 * ```
 */
export function parse(svg: string): El {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as {
    documentElement: El;
  };
  const root = doc.documentElement;
  assert.equal(root.tagName, "svg");
  assert.equal(root.getAttribute("xmlns"), SVG_NS);
  return root;
}

/** Every element under root matching a selector. */
export const all = (root: El, sel: string): El[] => [...root.querySelectorAll(sel)];
/** Marks drawn by Plot (inside the nested panel svg), excluding the frame's legend. */
export const marks = (root: El, label: string, tag: string): El[] =>
  all(root, `svg g[aria-label="${label}"] ${tag}`);
/** A numeric attribute. */
export const num = (el: El, a: string): number => Number(el.getAttribute(a));
/** The text of every `<text>`. */
export const texts = (root: El): string[] => all(root, "text").map((t) => t.textContent ?? "");
/** Fill of a mark: its own attribute or that of the nearest group setting one. */
export function fillOf(el: El | null): string | null {
  for (let e = el; e; e = e.parentNode) {
    const f = e.getAttribute?.("fill");
    if (f) return f;
  }
  return null;
}

/** The two partners of {@link indicatorRows}. */
export const KAZ_UZB = ["KAZ", "UZB"];

/** Two indicators of KAZ and UZB over 2015-2017: one value missing, one interpolated. */
export function indicatorRows(): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const country of KAZ_UZB) {
    for (const year of [2015, 2016, 2017]) {
      for (const variable of ["internet", "servers"]) {
        rows.push({
          country,
          year,
          variable,
          value: country === "UZB" && year === 2017 && variable === "servers" ? null : year - 2000,
          flag: country === "KAZ" && year === 2016 && variable === "internet"
            ? "interpolated"
            : null,
        });
      }
    }
  }
  return rows;
}

/** Four K cells: one of each class and one missing. */
export const kRows: KRow[] = [
  { country: "KAZ", year: 2015, k: 0.5, class: "huge" },
  { country: "KAZ", year: 2016, k: 1.0, class: "expanding" },
  { country: "UZB", year: 2015, k: 1.3, class: "remodelling" },
  { country: "UZB", year: 2016, k: null, class: null },
];
