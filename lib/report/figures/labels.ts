/**
 * Point labels that do not collide: a scatter plot is drawn once without labels, the dots'
 * positions are read back from the SVG, and labels are given greedily (most important first) to
 * the points whose label fits without covering another label, another dot or the right edge.
 * Points left unlabelled still show their values on hover (each dot has a `<title>`).
 * @module
 */
import { textWidth } from "../dom.ts";

/** A dot in SVG pixels. */
export interface DotPosition {
  x: number;
  y: number;
}

/**
 * The centres of the circles of a Plot `dot` mark in a rendered SVG, in data order.
 *
 * @example
 * ```ts
 * dotPositions('<g aria-label="dot"><circle cx="10" cy="20" r="3"></circle></g>'); // [{ x: 10, y: 20 }]
 * ```
 */
export function dotPositions(svg: string): DotPosition[] {
  const group = svg.match(/<g\b[^>]*\baria-label="dot"[^>]*>([\s\S]*?)<\/g>/);
  if (!group) return [];
  return [...group[1].matchAll(/<circle\b[^>]*>/g)].map((m) => ({
    x: Number(m[0].match(/\bcx="([^"]+)"/)?.[1] ?? NaN),
    y: Number(m[0].match(/\bcy="([^"]+)"/)?.[1] ?? NaN),
  }));
}

/** A candidate label: its dot, its text, and how much it matters (higher is placed first). */
export interface LabelCandidate extends DotPosition {
  text: string;
  priority: number;
}

/** Options of {@link pickLabels}. */
export interface PickLabelsOptions {
  /** Right edge of the plot in pixels: a label may not run past it. */
  width: number;
  /** Label font size (default 9). */
  fontSize?: number;
  /** Gap from the dot to the label's start (default 6). */
  dx?: number;
  /** Dot radius (default 4). */
  r?: number;
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Which candidates get their label (true) when labels start `dx` right of the dot: greedily by
 * priority, skipping a label that would cover a placed label, another dot, or the right edge.
 *
 * @example
 * ```ts
 * pickLabels([
 *   { x: 10, y: 10, text: "KAZ 2015", priority: 2 },
 *   { x: 12, y: 11, text: "KAZ 2016", priority: 1 },
 * ], { width: 300 }); // [true, false]
 * ```
 */
export function pickLabels(candidates: LabelCandidate[], options: PickLabelsOptions): boolean[] {
  const size = options.fontSize ?? 9;
  const dx = options.dx ?? 6;
  const r = options.r ?? 4;
  const dots: Box[] = candidates.map((c) => ({
    x0: c.x - r,
    x1: c.x + r,
    y0: c.y - r,
    y1: c.y + r,
  }));
  const placed: Box[] = [];
  const keep = candidates.map(() => false);
  const order = candidates.map((_, i) => i).sort((a, b) =>
    candidates[b].priority - candidates[a].priority || a - b
  );
  for (const i of order) {
    const c = candidates[i];
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) continue;
    const box = {
      x0: c.x + dx - 1,
      x1: c.x + dx + textWidth(c.text, size) + 1,
      y0: c.y - size * 0.65,
      y1: c.y + size * 0.65,
    };
    if (box.x1 > options.width) continue;
    if (placed.some((p) => overlaps(p, box))) continue;
    if (dots.some((d, j) => j !== i && overlaps(d, box))) continue;
    placed.push(box);
    keep[i] = true;
  }
  return keep;
}
