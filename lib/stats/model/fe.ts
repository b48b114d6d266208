/**
 * Fixed effects absorbed instead of built as dummy columns: factors (a column or an interaction
 * `a^b`) coded as integer levels, singletons dropped, connected components, and the degrees of
 * freedom the fixed effects use (the demeaning itself is demean.ts).
 * @module
 */
import { InputError } from "../../errors.ts";

/** One fixed-effect dimension: a level code per used row. */
export interface FeDimension {
  /** As written: `exporter` or `exporter^year`. */
  name: string;
  /** Level of each row (0..levels-1). */
  codes: Int32Array;
  levels: number;
  /** Label of each level (the source values joined by `^`). */
  labels: string[];
}

/**
 * Parse a fixed-effect list `a,b^c` into dimensions, each a list of source columns.
 *
 * @example
 * ```ts
 * parseFe("exporter^year, importer^year"); // [["exporter","year"],["importer","year"]]
 * ```
 */
export function parseFe(list: string): string[][] {
  const dims = list.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return dims.map((d) => {
    const parts = d.split("^").map((s) => s.trim());
    if (parts.some((p) => p === "")) {
      throw new InputError(`fixed effect "${d}" not understood (expected COL or COL^COL)`);
    }
    return parts;
  });
}

/** A source column's values coded in order of first appearance (-1: missing), and the values. */
export interface PartCodes {
  c: Int32Array;
  values: string[];
}

/** Code one source column's values in order of first appearance (missing: -1). */
function codePart(col: ArrayLike<string | number>): PartCodes {
  const n = col.length;
  const c = new Int32Array(n), seen = new Map<string | number, number>();
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === "" || v === null || v === undefined || (typeof v === "number" && isNaN(v))) {
      c[i] = -1;
      continue;
    }
    let k = seen.get(v);
    if (k === undefined) {
      k = values.length;
      values.push(String(v));
      seen.set(v, k);
    }
    c[i] = k;
  }
  return { c, values };
}

/**
 * Code a factor (one or more source columns, interacted) as integer levels in order of first
 * appearance. Missing parts (empty string, NaN) give code -1. `cache` (optional) keeps each
 * source column's codes for the next factor that reads the same column (`year` in
 * `exporter^year` and `importer^year` is coded once).
 *
 * @example
 * ```ts
 * encodeFactor("a^b", [["x", "x", "y"], [1, 2, 1]]).levels; // 3
 * ```
 */
export function encodeFactor(
  name: string,
  parts: ArrayLike<string | number>[],
  cache?: Map<ArrayLike<string | number>, PartCodes>,
): FeDimension {
  const n = parts[0].length;
  const codes = new Int32Array(n);
  // each part's values coded in order of first appearance (levels are told apart by their labels
  // below, so "1" and 1 end in one level as before)
  const partCodes = parts.map((col) => {
    let p = cache?.get(col);
    if (!p) {
      p = codePart(col);
      cache?.set(col, p);
    }
    return p;
  });
  // the interaction: a level per distinct label (the parts' values joined by "^"), found by the
  // tuple of part codes, in a table indexed by the tuple when there are at most max(n, 65536)
  // tuples, else in a map
  const labels: string[] = [], byLabel = new Map<string, number>();
  const radix = partCodes.map((p) => p.values.length + 1);
  const size = radix.reduce((a, r) => a * r, 1);
  const table = size <= Math.max(n, 65536) ? new Int32Array(size).fill(-1) : null;
  const tuple = new Map<number, number>();
  const exact = size < 2 ** 52;
  for (let i = 0; i < n; i++) {
    let key = 0, missing = false;
    for (let p = 0; p < partCodes.length; p++) {
      const k = partCodes[p].c[i];
      if (k < 0) missing = true;
      key = key * radix[p] + k;
    }
    if (missing) {
      codes[i] = -1;
      continue;
    }
    let c = table ? table[key] : exact ? (tuple.get(key) ?? -1) : -1;
    if (c < 0) {
      const label = partCodes.map((p) => p.values[p.c[i]]).join("^");
      c = byLabel.get(label) ?? -1;
      if (c < 0) {
        c = labels.length;
        byLabel.set(label, c);
        labels.push(label);
      }
      if (table) table[key] = c;
      else if (exact) tuple.set(key, c);
    }
    codes[i] = c;
  }
  return { name, codes, levels: labels.length, labels };
}

/**
 * Restrict dimensions to the rows `keep` (indices into the current rows) and recode the levels
 * densely (levels with no row left disappear).
 *
 * @example
 * ```ts
 * subsetFe([encodeFactor("g", [["a", "b", "a"]])], [0, 2])[0].levels; // 1
 * ```
 */
export function subsetFe(dims: FeDimension[], keep: ArrayLike<number>): FeDimension[] {
  return dims.map((d) => {
    const map = new Int32Array(d.levels).fill(-1);
    const labels: string[] = [];
    const codes = new Int32Array(keep.length);
    for (let t = 0; t < keep.length; t++) {
      const old = d.codes[keep[t]];
      if (map[old] < 0) {
        map[old] = labels.length;
        labels.push(d.labels[old]);
      }
      codes[t] = map[old];
    }
    return { name: d.name, codes, levels: labels.length, labels };
  });
}

/**
 * Rows to keep after dropping singletons (a level with one row in any dimension) repeatedly, as
 * reghdfe/ppmlhdfe do. Returns the kept row indices and the number dropped.
 *
 * @example
 * ```ts
 * dropSingletons([encodeFactor("g", [["a", "a", "b"]])]); // { keep: [0, 1], dropped: 1 }
 * ```
 */
export function dropSingletons(dims: FeDimension[]): { keep: number[]; dropped: number } {
  const n = dims.length ? dims[0].codes.length : 0;
  const alive = new Uint8Array(n).fill(1);
  const counts = dims.map((d) => {
    const c = new Int32Array(d.levels);
    for (let i = 0; i < n; i++) c[d.codes[i]]++;
    return c;
  });
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      if (dims.some((d, j) => counts[j][d.codes[i]] === 1)) {
        alive[i] = 0;
        dims.forEach((d, j) => counts[j][d.codes[i]]--);
        changed = true;
      }
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (alive[i]) keep.push(i);
  return { keep, dropped: n - keep.length };
}

/**
 * Connected components of the graph whose nodes are the levels of every dimension and whose
 * edges are the rows (a row joins its levels): the component of each row, numbered 0..count-1 in
 * order of first row, and the count.
 *
 * @example
 * ```ts
 * rowComponents([encodeFactor("a", [["x", "y", "z"]]), encodeFactor("b", [["u", "u", "v"]])]);
 * // { row: [0, 0, 1], count: 2 }
 * ```
 */
export function rowComponents(dims: FeDimension[]): { row: Int32Array; count: number } {
  const n = dims.length ? dims[0].codes.length : 0;
  const offset: number[] = [];
  let total = 0;
  for (const d of dims) {
    offset.push(total);
    total += d.levels;
  }
  const parent = Int32Array.from({ length: total }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let i = 0; i < n; i++) {
    const r0 = find(dims[0].codes[i]);
    for (let d = 1; d < dims.length; d++) {
      const r = find(offset[d] + dims[d].codes[i]);
      if (r !== r0) parent[r] = r0;
    }
  }
  const id = new Int32Array(total).fill(-1);
  const row = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(dims[0].codes[i]);
    if (id[r] < 0) id[r] = count++;
    row[i] = id[r];
  }
  return { row, count };
}

/**
 * Degrees of freedom the fixed effects use: the levels of the first dimension, plus for the
 * second its levels minus the connected components of the two (exact, as fixest/reghdfe), plus
 * for each further dimension its levels minus one (a lower bound on redundancy, as reghdfe).
 *
 * @example
 * ```ts
 * feDegreesOfFreedom([encodeFactor("a", [["x", "y"]]), encodeFactor("b", [["u", "u"]])]); // 2
 * ```
 */
export function feDegreesOfFreedom(dims: FeDimension[]): number {
  if (dims.length === 0) return 0;
  let df = dims[0].levels;
  if (dims.length >= 2) df += dims[1].levels - rowComponents([dims[0], dims[1]]).count;
  for (let d = 2; d < dims.length; d++) df += dims[d].levels - 1;
  return df;
}

/**
 * Whether dimension d is nested in the clusters (every level of d lies in one cluster): its
 * fixed effects then do not count in the cluster small-sample factor (fixest's "nested" rule).
 *
 * @example
 * ```ts
 * nestedIn(encodeFactor("pair", [["a", "a", "b"]]), (t) => ["g", "g", "h"][t]); // true
 * ```
 */
export function nestedIn(d: FeDimension, cluster: (t: number) => string | number): boolean {
  const owner = new Map<number, string | number>();
  for (let t = 0; t < d.codes.length; t++) {
    const g = cluster(t);
    const prev = owner.get(d.codes[t]);
    if (prev === undefined) owner.set(d.codes[t], g);
    else if (prev !== g) return false;
  }
  return true;
}
