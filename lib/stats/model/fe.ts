/**
 * Fixed effects absorbed instead of built as dummy columns: factors (a column or an interaction
 * `a^b`) coded as integer levels, singletons dropped, (weighted) demeaning by alternating
 * projections in any number of dimensions, the degrees of freedom the fixed effects use, and the
 * fixed effects themselves recovered for predictions.
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

/** Options of {@link demean}. */
export interface DemeanOptions {
  /** Stop when every level mean of a sweep is below tol x (largest |value| of the column). */
  tolerance?: number;
  maxIterations?: number;
  /** Irons-Tuck extrapolation every third sweep (default off: on gravity panels it measured slower). */
  accelerate?: boolean;
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

/** Per-level reciprocal sums of the weights (or counts); 0 for an empty level. */
function inverseLevelWeights(d: FeDimension, w: Float64Array | null): Float64Array {
  const s = new Float64Array(d.levels);
  const codes = d.codes;
  if (w) { for (let i = 0; i < codes.length; i++) s[codes[i]] += w[i]; }
  else for (let i = 0; i < codes.length; i++) s[codes[i]] += 1;
  for (let l = 0; l < s.length; l++) s[l] = s[l] > 0 ? 1 / s[l] : 0;
  return s;
}

/**
 * One projection of all columns on dimension d: subtract the (weighted) level means (sums laid
 * out level-major, m columns per level), add them to alpha (one column only); returns the
 * largest |mean| of each column in `big`.
 */
function project(
  cols: Float64Array[],
  d: FeDimension,
  w: Float64Array | null,
  invSw: Float64Array,
  sums: Float64Array,
  big: Float64Array,
  alpha: Float64Array | null,
): void {
  const codes = d.codes, m = cols.length, n = codes.length;
  sums.fill(0);
  for (let c = 0; c < m; c++) {
    const v = cols[c];
    if (w) { for (let i = 0; i < n; i++) sums[codes[i] * m + c] += w[i] * v[i]; }
    else for (let i = 0; i < n; i++) sums[codes[i] * m + c] += v[i];
  }
  big.fill(0);
  for (let l = 0; l < d.levels; l++) {
    const f = invSw[l];
    for (let c = 0; c < m; c++) {
      const mean = sums[l * m + c] * f;
      sums[l * m + c] = mean;
      if (Math.abs(mean) > big[c]) big[c] = Math.abs(mean);
    }
    if (alpha) alpha[l] += sums[l * m];
  }
  for (let c = 0; c < m; c++) {
    const v = cols[c];
    for (let i = 0; i < n; i++) v[i] -= sums[codes[i] * m + c];
  }
}

/** Irons-Tuck step on x2 in place from the two previous iterates. */
function ironsTuck(x0: Float64Array, x1: Float64Array, x2: Float64Array): void {
  let num = 0, den = 0;
  for (let i = 0; i < x2.length; i++) {
    const d2 = x2[i] - x1[i], dd = d2 - (x1[i] - x0[i]);
    num += d2 * dd;
    den += dd * dd;
  }
  if (!(den > 0)) return;
  const f = num / den;
  for (let i = 0; i < x2.length; i++) x2[i] -= f * (x2[i] - x1[i]);
}

/**
 * Demean columns in place on the fixed effects by alternating projections (weighted when `w`
 * is given): the residual of each column regressed on all the dimensions' dummies. With
 * `alphas` (one column only), the level effects removed are accumulated there (one array per
 * dimension), so that column = demeaned + sum_d alphas[d][code_d]. Columns converged (every
 * level mean of a sweep below tolerance x the column's largest |value|) stop being swept.
 * Returns the sweeps used; not converging is an InputError.
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
  const wf = w ? (w instanceof Float64Array ? w : Float64Array.from(w)) : null;
  const inv = dims.map((d) => inverseLevelWeights(d, wf));
  const scale = columns.map((v) => v.reduce((a, x) => Math.max(a, Math.abs(x)), 0));
  let active = columns.filter((_, c) => scale[c] > 0);
  let activeScale = scale.filter((s) => s > 0);
  const sums = dims.map((d) => new Float64Array(d.levels * Math.max(active.length, 1)));
  // Irons-Tuck extrapolation every third sweep (not while accumulating alphas): from
  // x0, x1 = T x0, x2 = T x1, take x2 - (d2.(d2 - d1) / |d2 - d1|^2) d2. Every iterate is
  // v - D a for some a, so the extrapolation keeps that form and the fixed point is unchanged.
  const accelerate = options.accelerate === true && !alphas && dims.length > 1;
  let x0: Float64Array[] = [], x1: Float64Array[] = [];
  for (let iter = 1; iter <= maxIter && active.length; iter++) {
    const phase = iter % 3;
    if (accelerate && phase === 2) x0 = active.map((v) => v.slice());
    if (accelerate && phase === 0) x1 = active.map((v) => v.slice());
    const worst = new Float64Array(active.length);
    const big = new Float64Array(active.length);
    for (let d = 0; d < dims.length; d++) {
      project(active, dims[d], wf, inv[d], sums[d], big, alphas ? alphas[d] : null);
      for (let c = 0; c < active.length; c++) worst[c] = Math.max(worst[c], big[c]);
    }
    if (dims.length === 1) return iter;
    const keep = active.map((_, c) => worst[c] > tol * activeScale[c]);
    if (!keep.includes(true)) return iter;
    if (accelerate && phase === 0) active.forEach((v, c) => ironsTuck(x0[c], x1[c], v));
    if (alphas) continue; // one column: keep sweeping it
    if (keep.includes(false)) {
      active = active.filter((_, c) => keep[c]);
      activeScale = activeScale.filter((_, c) => keep[c]);
      x0 = x0.filter((_, c) => keep[c]);
      x1 = x1.filter((_, c) => keep[c]);
    }
  }
  if (active.length) {
    throw new InputError(
      `fixed effects: alternating projections did not converge in ${maxIter} sweeps`,
    );
  }
  return 0;
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
