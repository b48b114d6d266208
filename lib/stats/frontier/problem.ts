/**
 * The stochastic frontier's data, checked and laid out for the likelihood: rows complete in every
 * used column (the rest counted), units grouped (Battese-Coelli 1992) with t - T_i per row, and
 * the regressors centred and scaled so the optimizer sees a well-conditioned problem (the map
 * back to the user's units is linear, so estimates and covariances transform exactly).
 * @module
 */
import { InputError } from "../../errors.ts";
import type { NamedColumn } from "../types.ts";
import type { FrontierOptions } from "./types.ts";

/** What the likelihood reads. Rows are stored unit by unit (group order). */
export interface FrontierProblem {
  n: number;
  /** Frontier terms (beta). */
  k: number;
  /** Inefficiency terms (delta). */
  m: number;
  y: Float64Array;
  /** n x k, row-major, standardised. */
  X: Float64Array;
  /** n x m, row-major, scaled (null without z). */
  Z: Float64Array | null;
  /** Start of each unit in the group order, with n at the end (length units + 1). */
  groupStart: Int32Array;
  /** t - T_i for each row in group order (null unless time-varying). */
  tRel: Float64Array | null;
  /** The distinct values of tRel and each row's index into them (h = exp(-eta tRel) once each). */
  tValues: Float64Array | null;
  tIndex: Int32Array | null;
  truncated: boolean;
  timeVarying: boolean;
  effects: boolean;
}

/** The map from the standardised parameters back to the user's units. */
export interface Standardisation {
  intercept: boolean;
  /** Column means (0 where not centred) and scales of X. */
  xMean: Float64Array;
  xScale: Float64Array;
  zScale: Float64Array;
}

/** The problem and everything needed to report on it. */
export interface BuiltProblem {
  problem: FrontierProblem;
  std: Standardisation;
  /** Used rows (indices into the input), in data order. */
  rows: number[];
  /** For each group-order position, the index into `rows`. */
  order: Int32Array;
  terms: string[];
  zTerms: string[];
  /** Original y and X (data order) for OLS and the frontier. */
  yRaw: Float64Array;
  xRaw: Float64Array[];
  ids?: string[];
  times?: number[];
  units: number;
  periods: number;
  nDropped: number;
}

/** Rows complete in y, every column, every z and the panel id / time; infinities are errors. */
function completeRows(
  y: ArrayLike<number>,
  columns: NamedColumn[],
  z: NamedColumn[],
  options: FrontierOptions,
  rowNo: (i: number) => number,
): number[] {
  const N = y.length;
  const all = [{ name: "y", values: y }, ...columns, ...z];
  if (options.panel) all.push({ name: "panel time", values: options.panel.time });
  for (const c of all) {
    if (c.values.length !== N) {
      throw new InputError(`column "${c.name}" has ${c.values.length} values, y has ${N}`);
    }
  }
  if (options.panel && options.panel.id.length !== N) {
    throw new InputError(`panel id: ${options.panel.id.length} values, y has ${N}`);
  }
  const rows: number[] = [];
  for (let i = 0; i < N; i++) {
    let ok = true;
    for (const c of all) {
      const v = c.values[i];
      if (Number.isNaN(v)) ok = false;
      else if (!Number.isFinite(v)) {
        throw new InputError(`row ${rowNo(i)}, column "${c.name}": ${v} is not a finite number`);
      }
    }
    const id = options.panel?.id[i];
    if (options.panel && (id === "" || id === null || id === undefined || Number.isNaN(id))) {
      ok = false;
    }
    if (ok) rows.push(i);
  }
  return rows;
}

/** Units in order of first appearance, with duplicate (id, time) pairs reported. */
function groupUnits(
  rows: number[],
  options: FrontierOptions,
  rowNo: (i: number) => number,
): { unitOf: Int32Array; units: number; ids?: string[]; times?: number[] } {
  const panel = options.panel;
  if (!panel) return { unitOf: Int32Array.from(rows, (_, j) => j), units: rows.length };
  const index = new Map<string, number>();
  const seen = new Map<string, number>();
  const unitOf = new Int32Array(rows.length);
  const ids: string[] = [], times: number[] = [];
  rows.forEach((i, j) => {
    const id = String(panel.id[i]);
    const t = panel.time[i];
    const key = `${id}\u0000${t}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        `panel: unit "${id}" has time ${t} twice (rows ${rowNo(first)} and ${rowNo(i)}); ` +
          `each (id, time) must appear once`,
      );
    }
    seen.set(key, i);
    if (!index.has(id)) index.set(id, index.size);
    unitOf[j] = index.get(id)!;
    ids.push(id);
    times.push(t);
  });
  return { unitOf, units: index.size, ids, times };
}

/** Centre (with an intercept) and scale each column; a constant column besides it is an error. */
function standardise(xRaw: Float64Array[], terms: string[], intercept: boolean) {
  const k = xRaw.length;
  const n = k ? xRaw[0].length : 0;
  const xMean = new Float64Array(k), xScale = new Float64Array(k).fill(1);
  for (let j = intercept ? 1 : 0; j < k; j++) {
    const c = xRaw[j];
    let mean = 0;
    for (let i = 0; i < n; i++) mean += c[i];
    mean /= n;
    const centre = intercept ? mean : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - centre) ** 2;
    const scale = Math.sqrt(ss / n);
    if (!(scale > 1e-12 * Math.max(Math.abs(mean), 1e-300))) {
      throw new InputError(
        intercept
          ? `term "${terms[j]}" is constant on the rows used (it duplicates the intercept)`
          : `term "${terms[j]}" is zero on every row used`,
      );
    }
    xMean[j] = centre;
    xScale[j] = scale;
  }
  return { xMean, xScale };
}

/**
 * Check a frontier's inputs and lay them out; InputErrors are one line.
 *
 * @example
 * ```ts
 * const b = buildProblem(lnY, [{ name: "ln(k)", values: lnK }], { panel: { id, time } });
 * b.problem.groupStart; // where each unit's rows start
 * ```
 */
export function buildProblem(
  y: ArrayLike<number>,
  columns: NamedColumn[],
  options: FrontierOptions,
): BuiltProblem {
  const firstRow = options.firstRow ?? 1;
  const rowNo = (i: number) => i + firstRow;
  const intercept = options.intercept ?? true;
  const z = options.z ?? [];
  const zIntercept = options.zIntercept ?? false;
  const effects = z.length > 0 || zIntercept;
  const timeVarying = options.timeVarying ?? false;
  const truncated = options.inefficiency === "truncnormal";
  if (timeVarying && !options.panel) {
    throw new InputError("a time-varying inefficiency needs panel data (an id and a time column)");
  }
  if (effects && (timeVarying || options.inefficiency !== undefined)) {
    throw new InputError(
      "inefficiency effects (z terms) set the mean of u to z'delta: they do not combine with " +
        "--time-varying or --inefficiency",
    );
  }
  const terms = [...(intercept ? ["(Intercept)"] : []), ...columns.map((c) => c.name)];
  const zTerms = [...(zIntercept ? ["(Intercept)"] : []), ...z.map((c) => c.name)];
  if (terms.length === 0) {
    throw new InputError("no frontier terms (no intercept and no regressors)");
  }
  const rows = completeRows(y, columns, z, options, rowNo);
  const n = rows.length;
  const p = terms.length + zTerms.length + 2 + (truncated ? 1 : 0) + (timeVarying ? 1 : 0);
  if (n <= p) {
    throw new InputError(
      `too few observations: ${n} complete row(s) for ${p} parameter(s) (need more rows than ` +
        `parameters)`,
    );
  }
  const grouped = groupUnits(rows, options, rowNo);
  const { ids, times } = grouped;
  // inefficiency effects: every row is its own unit (u_it independent over rows)
  const unitOf = effects ? Int32Array.from(rows, (_, j) => j) : grouped.unitOf;
  const units = effects ? n : grouped.units;
  const yRaw = Float64Array.from(rows, (i) => y[i]);
  const xRaw = [
    ...(intercept ? [new Float64Array(n).fill(1)] : []),
    ...columns.map((c) => Float64Array.from(rows, (i) => c.values[i])),
  ];
  const zRaw = [
    ...(zIntercept ? [new Float64Array(n).fill(1)] : []),
    ...z.map((c) => Float64Array.from(rows, (i) => c.values[i])),
  ];
  const { xMean, xScale } = standardise(xRaw, terms, intercept);
  // root mean square of each z column (1 for the intercept's column of ones)
  const zScale = Float64Array.from(zRaw, (c, j) => {
    const rms = Math.sqrt(c.reduce((s, v) => s + v * v, 0) / n);
    if (!(rms > 0)) throw new InputError(`z term "${zTerms[j]}" is zero on every row used`);
    return rms;
  });
  // group order: units in order of first appearance, rows within a unit in data order
  const order = Int32Array.from(rows.keys()).sort((a, b) => unitOf[a] - unitOf[b] || a - b);
  const groupStart = new Int32Array(units + 1);
  for (const u of unitOf) groupStart[u + 1]++;
  for (let g = 1; g <= units; g++) groupStart[g] += groupStart[g - 1];
  const k = terms.length, m = zTerms.length;
  const X = new Float64Array(n * k), Z = m ? new Float64Array(n * m) : null;
  const Y = new Float64Array(n);
  order.forEach((j, pos) => {
    Y[pos] = yRaw[j];
    for (let c = 0; c < k; c++) X[pos * k + c] = (xRaw[c][j] - xMean[c]) / xScale[c];
    for (let c = 0; c < m; c++) Z![pos * m + c] = zRaw[c][j] / zScale[c];
  });
  let tRel: Float64Array | null = null;
  if (timeVarying) tRel = relativeTimes(order, unitOf, units, times!, options.timeReference);
  const periods = times ? new Set(times).size : 1;
  const tValues = tRel ? Float64Array.from(new Set(tRel)) : null;
  const tIndex = tRel ? Int32Array.from(tRel, (t) => tValues!.indexOf(t)) : null;
  return {
    problem: {
      n,
      k,
      m,
      y: Y,
      X,
      Z,
      groupStart,
      tRel,
      tValues,
      tIndex,
      truncated,
      timeVarying,
      effects,
    },
    std: { intercept, xMean, xScale, zScale },
    rows,
    order,
    terms,
    zTerms,
    yRaw,
    xRaw,
    ...(ids ? { ids, times } : {}),
    units: grouped.units,
    periods,
    nDropped: y.length - n,
  };
}

/** t - T_i in group order, T_i the unit's last time (or the panel's). */
function relativeTimes(
  order: Int32Array,
  unitOf: Int32Array,
  units: number,
  times: number[],
  reference: "unit" | "panel" | undefined,
): Float64Array {
  const last = new Float64Array(units).fill(-Infinity);
  let panelLast = -Infinity;
  times.forEach((t, j) => {
    last[unitOf[j]] = Math.max(last[unitOf[j]], t);
    panelLast = Math.max(panelLast, t);
  });
  return Float64Array.from(
    order,
    (j) => times[j] - (reference === "panel" ? panelLast : last[unitOf[j]]),
  );
}
