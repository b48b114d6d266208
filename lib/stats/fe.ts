/**
 * Fixed effects absorbed instead of built as dummy columns: factors (a column or an interaction
 * `a^b`) coded as integer levels, singletons dropped, (weighted) demeaning by alternating
 * projections in any number of dimensions, the degrees of freedom the fixed effects use, and the
 * fixed effects themselves recovered for predictions.
 * @module
 */
import { InputError } from "../errors.ts";

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

/** Options of {@link demean}. */
export interface DemeanOptions {
  /** Stop when every level mean of a sweep is below tol x (largest |value| of the column). */
  tolerance?: number;
  maxIterations?: number;
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

/**
 * Code a factor (one or more source columns, interacted) as integer levels in order of first
 * appearance. Missing parts (empty string, NaN) give code -1.
 *
 * @example
 * ```ts
 * encodeFactor("a^b", [["x", "x", "y"], [1, 2, 1]]).levels; // 3
 * ```
 */
export function encodeFactor(name: string, parts: ArrayLike<string | number>[]): FeDimension {
  const n = parts[0].length;
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    let key = "";
    let missing = false;
    for (let p = 0; p < parts.length; p++) {
      const v = parts[p][i];
      if (v === "" || v === null || v === undefined || (typeof v === "number" && isNaN(v))) {
        missing = true;
      }
      key = p === 0 ? String(v) : `${key}^${v}`;
    }
    if (missing) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(key);
    if (c === undefined) {
      c = labels.length;
      index.set(key, c);
      labels.push(key);
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

/** Per-level sums of the weights (or counts). */
function levelWeights(d: FeDimension, w: ArrayLike<number> | null): Float64Array {
  const s = new Float64Array(d.levels);
  const codes = d.codes;
  if (w) { for (let i = 0; i < codes.length; i++) s[codes[i]] += w[i]; }
  else for (let i = 0; i < codes.length; i++) s[codes[i]] += 1;
  return s;
}

/** One projection: subtract the (weighted) level means of dimension d from v; add them to alpha. */
function project(
  v: Float64Array,
  d: FeDimension,
  w: ArrayLike<number> | null,
  sw: Float64Array,
  sums: Float64Array,
  alpha: Float64Array | null,
): number {
  const codes = d.codes;
  sums.fill(0);
  if (w) { for (let i = 0; i < v.length; i++) sums[codes[i]] += w[i] * v[i]; }
  else for (let i = 0; i < v.length; i++) sums[codes[i]] += v[i];
  let big = 0;
  for (let l = 0; l < sums.length; l++) {
    const m = sw[l] > 0 ? sums[l] / sw[l] : 0;
    sums[l] = m;
    if (Math.abs(m) > big) big = Math.abs(m);
    if (alpha) alpha[l] += m;
  }
  for (let i = 0; i < v.length; i++) v[i] -= sums[codes[i]];
  return big;
}

/**
 * Demean columns in place on the fixed effects by alternating projections (weighted when `w`
 * is given): the residual of each column regressed on all the dimensions' dummies. With
 * `alphas`, the level effects removed are accumulated there (one array per dimension), so that
 * column = demeaned + sum_d alphas[d][code_d]. Returns the sweeps used, worst over columns; a
 * column that does not converge is an InputError.
 *
 * @example
 * ```ts
 * const v = new Float64Array([1, 2, 3, 6]);
 * demean([v], [encodeFactor("g", [["a", "a", "b", "b"]])], null); // v = [-0.5, 0.5, -1.5, 1.5]
 * ```
 */
export function demean(
  columns: Float64Array[],
  dims: FeDimension[],
  w: ArrayLike<number> | null,
  options: DemeanOptions = {},
  alphas?: Float64Array[],
): number {
  const tol = options.tolerance ?? 1e-13;
  const maxIter = options.maxIterations ?? 10000;
  const sws = dims.map((d) => levelWeights(d, w));
  const sums = dims.map((d) => new Float64Array(d.levels));
  let worst = 0;
  for (const v of columns) {
    let scale = 0;
    for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
    if (scale === 0) continue;
    let iter = 0;
    for (; iter < maxIter; iter++) {
      let big = 0;
      for (let d = 0; d < dims.length; d++) {
        big = Math.max(big, project(v, dims[d], w, sws[d], sums[d], alphas ? alphas[d] : null));
      }
      if (big <= tol * scale || dims.length === 1) break;
    }
    if (iter === maxIter) {
      throw new InputError(
        `fixed effects: alternating projections did not converge in ${maxIter} sweeps`,
      );
    }
    worst = Math.max(worst, iter + 1);
  }
  return worst;
}

/** Connected components of the bipartite graph of two dimensions' levels (union-find). */
function components(a: FeDimension, b: FeDimension): number {
  const parent = Int32Array.from({ length: a.levels + b.levels }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let i = 0; i < a.codes.length; i++) {
    const r1 = find(a.codes[i]), r2 = find(a.levels + b.codes[i]);
    if (r1 !== r2) parent[r1] = r2;
  }
  let c = 0;
  for (let i = 0; i < parent.length; i++) if (find(i) === i) c++;
  return c;
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
  if (dims.length >= 2) df += dims[1].levels - components(dims[0], dims[1]);
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
