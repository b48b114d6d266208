/**
 * The bridge between Observable Plot and plain SVG strings: a fresh linkedom document per
 * figure (no DOM globals are installed), and a small frame that adds a title, an SVG legend and
 * an `xmlns` so that every figure is a self-contained `.svg` file that also embeds in HTML.
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeXml } from "./escape.ts";

/** The SVG namespace written on every root `<svg>`. */
export const SVG_NS = "http://www.w3.org/2000/svg";

/** Font used by Plot and by the frame. */
const FONT = "system-ui, sans-serif";

// Advance widths (in em) of DejaVu Sans, the font `system-ui, sans-serif` resolves to on Debian
// and the widest of the common ones, by character class: estimates that err on the wide side.
const NARROW = /[ijlI.,:;'|!()[\]{}\/ ]/;
const WIDE = /[mwMW@%]/;
const SYMBOL = /[<>=≤≥+~×−±]/;
function charWidth(c: string): number {
  if (NARROW.test(c)) return 0.34;
  if (WIDE.test(c)) return 1.0;
  if (SYMBOL.test(c)) return 0.84;
  if (/[A-Z]/.test(c)) return 0.72;
  if (/[0-9]/.test(c)) return 0.64;
  return 0.62;
}

/**
 * Estimated width in pixels of a line of text in the figures' font (an upper estimate, so that
 * what is laid out with it is not clipped).
 *
 * @example
 * ```ts
 * textWidth("Scree plot", 14, true); // about 90
 * ```
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of s) em += charWidth(c);
  return Math.ceil(em * fontSize * (bold ? 1.12 : 1));
}

/**
 * Break text into lines no wider than `width` pixels (by {@link textWidth}), at spaces; a word
 * longer than the width gets a line of its own.
 *
 * @example
 * ```ts
 * wrapLines("Trade potential K = actual / predicted", 120, 14, true); // ["Trade potential K", ...]
 * ```
 */
export function wrapLines(s: string, width: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A fresh, private linkedom `document` (nothing is put on `globalThis`).
 *
 * @example
 * ```ts
 * const document = createDocument();
 * document.createElementNS("http://www.w3.org/2000/svg", "svg");
 * ```
 */
export function createDocument(): MiniDocument {
  const win = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as {
    document: MiniDocument;
  };
  return win.document;
}

/** The few DOM element members used here (the project type-checks without the DOM lib). */
export interface MiniElement {
  tagName: string;
  outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): MiniElement | null;
}

/** The few DOM document members used here. */
export interface MiniDocument {
  createElementNS(ns: string, name: string): MiniElement;
  querySelector(selector: string): MiniElement | null;
}

/** A rendered Plot: its SVG markup and size, plus the colour scale when the plot has one. */
export interface RenderedPlot {
  svg: string;
  width: number;
  height: number;
  /** Colour of a value under the plot's colour scale (undefined when there is none). */
  color?: (value: unknown) => string;
}

/**
 * Render Plot options to an SVG string using a private linkedom document. The options must not
 * ask for Plot legends, titles or captions (those make an HTML `<figure>`): use {@link frameSvg}.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * const { svg } = renderPlot({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function renderPlot(options: Plot.PlotOptions): RenderedPlot {
  const document = createDocument();
  const node = Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as MiniElement & {
    scale?: (name: string) => { apply?: (v: unknown) => unknown } | undefined;
  };
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (!svg) throw new Error("renderPlot: Plot returned no <svg> (legend or title requested?)");
  svg.setAttribute("xmlns", SVG_NS);
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  let color: RenderedPlot["color"];
  try {
    const scale = node.scale?.("color");
    if (scale?.apply) color = (v) => String(scale.apply!(v));
  } catch {
    color = undefined;
  }
  return { svg: svg.outerHTML, width, height, color };
}

/** One entry of an SVG legend. */
export interface LegendItem {
  label: string;
  color: string;
  /** Swatch shape (default "square"). */
  symbol?: "square" | "circle" | "hollow" | "line" | "dashed";
}

/** Options of {@link frameSvg}. */
export interface FrameOptions {
  /** Title printed above the panels. */
  title?: string;
  /** Legend entries printed between the title and the panels. */
  legend?: LegendItem[];
  /** Notes printed under the panels (one line each). */
  notes?: string[];
  /** Panels per row when several panels are given (default: all in one row up to the width). */
  columns?: number;
  /** The figure function, written as `data-kind` on the root `<svg>` (a hook for CSS and tests). */
  kind?: string;
}

/** A panel placed by {@link frameSvg}: a rendered Plot and an optional heading. */
export interface FramePanel {
  svg: string;
  width: number;
  height: number;
  heading?: string;
}

const LEGEND_ROW = 18;
const PAD = 8;
const TITLE_SIZE = 14;
const TITLE_LINE = 18;
const NOTE_SIZE = 10;
const NOTE_LINE = 13;
/** Titles and notes longer than this wrap instead of widening the figure. */
const MAX_TEXT_WIDTH = 640;

/** One `<text>` of one or more lines (tspans), the first baseline at y0 + 14 (title) or 14. */
function textLines(lines: string[], cls: string, y0: number, size: number, attrs: string): string {
  const step = cls === "title" ? TITLE_LINE : NOTE_LINE;
  const tspans = lines.map((l, i) =>
    i === 0 ? escapeXml(l) : `<tspan x="${PAD}" dy="${step}">${escapeXml(l)}</tspan>`
  );
  return `<text class="${cls}" x="${PAD}" y="${y0 + 14}" font-size="${size}"${attrs}>${
    tspans.join("")
  }</text>`;
}

function legendSvg(
  items: LegendItem[],
  width: number,
  y0: number,
): { svg: string; height: number } {
  const parts: string[] = [];
  let x = 0;
  let y = y0;
  for (const item of items) {
    const w = 20 + textWidth(item.label, 11) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += LEGEND_ROW;
    }
    const c = escapeXml(item.color);
    const sym = item.symbol ?? "square";
    const swatch = sym === "circle"
      ? `<circle cx="${x + 7}" cy="${y + 7}" r="4" fill="${c}" stroke="${c}"/>`
      : sym === "hollow"
      ? `<circle cx="${x + 7}" cy="${y + 7}" r="4" fill="white" stroke="${c}" stroke-width="1.5"/>`
      : sym === "line" || sym === "dashed"
      ? `<line x1="${x}" x2="${x + 14}" y1="${y + 7}" y2="${y + 7}" stroke="${c}" stroke-width="2"${
        sym === "dashed" ? ' stroke-dasharray="4,2"' : ""
      }/>`
      : `<rect x="${x}" y="${y}" width="14" height="14" fill="${c}"/>`;
    parts.push(
      `<g class="legend-item">${swatch}<text x="${x + 20}" y="${y + 11}">${
        escapeXml(item.label)
      }</text></g>`,
    );
    x += w;
  }
  return {
    svg: `<g class="legend" font-size="11" transform="translate(${PAD},0)">${parts.join("")}</g>`,
    height: items.length ? y - y0 + LEGEND_ROW + 4 : 0,
  };
}

/**
 * Frame one or more panels into a single self-contained SVG: title, legend, panels laid out in a
 * grid (each panel a nested `<svg>`), notes.
 *
 * @example
 * ```ts
 * const p = renderPlot({ marks: [] });
 * frameSvg([p], { title: "Empty", legend: [{ label: "a", color: "red" }] });
 * ```
 */
export function frameSvg(panels: FramePanel[], options: FrameOptions = {}): string {
  const columns = Math.max(1, options.columns ?? panels.length);
  const rows: FramePanel[][] = [];
  for (let i = 0; i < panels.length; i += columns) rows.push(panels.slice(i, i + columns));
  const headingH = panels.some((p) => p.heading) ? 16 : 0;
  const gridW = Math.max(
    0,
    ...rows.map((r) => r.reduce((a, p) => a + p.width, 0)),
  );
  // Wide enough for the panels, and for the title and notes on one line each up to 640 px;
  // longer ones wrap.
  const wanted = Math.max(
    options.title ? textWidth(options.title, TITLE_SIZE, true) : 0,
    ...(options.notes ?? []).map((n) => textWidth(n, NOTE_SIZE)),
  );
  const textW = Math.max(gridW, 320, Math.min(wanted, MAX_TEXT_WIDTH));
  const width = textW + 2 * PAD;
  const parts: string[] = [];
  let y = 4;
  if (options.title) {
    const lines = wrapLines(options.title, textW, TITLE_SIZE, true);
    parts.push(textLines(lines, "title", y, TITLE_SIZE, ' font-weight="bold"'));
    y += 24 + (lines.length - 1) * TITLE_LINE;
  }
  if (options.legend?.length) {
    const lg = legendSvg(options.legend, width - 2 * PAD, y);
    parts.push(lg.svg);
    y += lg.height;
  }
  for (const row of rows) {
    let x = PAD;
    const rowH = Math.max(...row.map((p) => p.height)) + headingH;
    for (const p of row) {
      if (p.heading) {
        parts.push(
          `<text class="panel-heading" x="${x + p.width / 2}" y="${
            y + 12
          }" text-anchor="middle" font-size="12" font-weight="bold">${escapeXml(p.heading)}</text>`,
        );
      }
      // Nest the panel: drop its own xmlns and place it with x/y.
      const inner = p.svg.replace(` xmlns="${SVG_NS}"`, "").replace(
        /^<svg/,
        `<svg x="${x}" y="${y + headingH}"`,
      );
      parts.push(inner);
      x += p.width;
    }
    y += rowH;
  }
  for (const note of options.notes ?? []) {
    const lines = wrapLines(note, textW, NOTE_SIZE);
    parts.push(textLines(lines, "note", y - 2, NOTE_SIZE, ""));
    y += 16 + (lines.length - 1) * NOTE_LINE;
  }
  const height = Math.ceil(y + 4);
  const kind = options.kind ? ` data-kind="${escapeXml(options.kind)}"` : "";
  return `<svg xmlns="${SVG_NS}"${kind} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT}" font-size="10" fill="currentColor" color="#222" style="background:white">` +
    parts.join("") + `</svg>`;
}

/**
 * A small SVG that says there is nothing to draw (used by every figure on empty input); a title
 * too long for its 320 px wraps.
 *
 * @example
 * ```ts
 * noDataSvg("K by country and year"); // '<svg xmlns=... >...no data...</svg>'
 * ```
 */
export function noDataSvg(title?: string, message = "no data"): string {
  // Small: 320 px wide unless the message needs more; a long title wraps.
  const width = Math.max(320, textWidth(message, 12) + 2 * PAD + 16);
  const lines = title ? wrapLines(title, width - 2 * PAD, TITLE_SIZE, true) : [];
  const height = (title ? 80 : 60) + Math.max(0, lines.length - 1) * TITLE_LINE;
  const t = title ? textLines(lines, "title", 6, TITLE_SIZE, ' font-weight="bold"') : "";
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT}" font-size="12" fill="currentColor" color="#222" style="background:white">${t}` +
    `<rect x="4" y="${height - 48}" width="${
      width - 8
    }" height="40" fill="none" stroke="#999" stroke-dasharray="4,3"/>` +
    `<text class="no-data" x="${width / 2}" y="${height - 24}" text-anchor="middle" fill="#666">${
      escapeXml(message)
    }</text></svg>`;
}
