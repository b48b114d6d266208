/**
 * The design, built once from a specification and the data: the dependent and regressor
 * columns, weights, fixed-effect and cluster factors, and the rows usable by every layer after
 * (complete in everything the model reads). Estimators take it from here.
 * @module
 */
import { cellLocation, InputError } from "../../errors.ts";
import { encodeFactor, type FeDimension, parseFe, type PartCodes } from "./fe.ts";
import { defaultSe, type ModelSpec, parseSe, type SeSpec } from "./spec.ts";
import { evalTerm, parseTerm } from "../formula.ts";

/** Columns a model reads: numeric columns and label columns (fixed effects, clusters). */
export interface ModelData {
  /** File name for messages. */
  file?: string;
  columns: Record<string, ArrayLike<number>>;
  /** Text columns (country codes...); a label may also be read from a numeric column. */
  labels?: Record<string, ArrayLike<string | number>>;
}

/** The design of one model: full-length columns plus the complete rows. */
export interface Design {
  file: string;
  /** Rows in the data. */
  N: number;
  dependent: string;
  y: Float64Array;
  /** Regressor names and full-length values. */
  names: string[];
  x: ArrayLike<number>[];
  weights: Float64Array | null;
  /** PPML offset (full length), or null. */
  offset: Float64Array | null;
  fe: FeDimension[];
  clusters: FeDimension[];
  se: SeSpec;
  /** Complete rows (input indices). */
  rows: number[];
  /** Rows dropped for a missing value, and (log-linear OLS) for ln of a zero dependent. */
  nMissing: number;
  nZeroLog: number;
}

/** A label column (text, or a numeric column read as labels). */
function labelColumn(data: ModelData, col: string, file: string): ArrayLike<string | number> {
  const v = data.labels?.[col] ?? data.columns[col];
  if (!v) throw new InputError(`${file}: no column "${col}"`);
  return v;
}

/** The dependent: ln(COL) with COL = 0 becomes NaN and is counted (log-linear OLS drops it). */
function dependent(spec: ModelSpec, data: ModelData, file: string) {
  const term = parseTerm(spec.dependent);
  const src = data.columns[term.column];
  if (!src) throw new InputError(`${file}: no column "${term.column}"`);
  // a plain dependent is only read: the column itself when it is a Float64Array already
  const plain = term.transform !== "ln" && src instanceof Float64Array;
  const y = plain ? src : Float64Array.from(src);
  const zero = new Uint8Array(y.length);
  if (term.transform === "ln") {
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (Number.isNaN(v)) continue;
      if (v === 0) {
        y[i] = NaN;
        zero[i] = 1;
      } else if (!(v > 0)) {
        throw new InputError(`${cellLocation(file, i + 2, term.column)}: ln of ${v}`);
      } else y[i] = Math.log(v);
    }
  }
  return { name: term.name, y, zero };
}

/**
 * Build the design of a specification on the data (every column read once).
 *
 * @example
 * ```ts
 * const d = buildModelDesign({ dependent: "y", terms: ["x"] }, { columns: { y: [1, 2, 4], x: [0, 1, 2] } });
 * d.rows; // [0, 1, 2]
 * ```
 */
export function buildModelDesign(spec: ModelSpec, data: ModelData): Design {
  const file = data.file ?? "data";
  const se = parseSe(spec.se ?? defaultSe(spec.estimator));
  const dep = dependent(spec, data, file);
  const terms = spec.terms.map(parseTerm);
  const table = { file, columns: data.columns };
  const x = terms.map((t) => evalTerm(t, table));
  let weights: Float64Array | null = null;
  if (spec.weights) {
    const w = data.columns[spec.weights];
    if (!w) throw new InputError(`${file}: no column "${spec.weights}"`);
    weights = Float64Array.from(w);
  }
  let offset: Float64Array | null = null;
  if (spec.offset) {
    const o = data.columns[spec.offset];
    if (!o) throw new InputError(`${file}: no column "${spec.offset}" (offset)`);
    offset = Float64Array.from(o);
  }
  // a source column read by several factors (year in exporter^year, importer^year) is coded once
  const cache = new Map<ArrayLike<string | number>, PartCodes>();
  const factor = (dim: string) => {
    const parts = parseFe(dim)[0];
    const cols = parts.map((c) => labelColumn(data, c, file));
    return encodeFactor(dim.replace(/\s+/g, ""), cols, cache);
  };
  const fe = (spec.fe ?? []).flatMap((d) => parseFe(d).map((p) => factor(p.join("^"))));
  const clusters = (se.cluster ?? []).map((p) => factor(p.join("^")));
  const N = dep.y.length;
  // sized for every row, trimmed at the end (a pushed array leaves its smaller copies behind)
  const rows = new Array<number>(N);
  let used = 0;
  let nMissing = 0, nZeroLog = 0;
  const factors = [...fe, ...clusters];
  for (let i = 0; i < N; i++) {
    let ok = !Number.isNaN(dep.y[i]);
    for (let j = 0; ok && j < x.length; j++) {
      if (Number.isNaN(x[j][i])) ok = false;
      else if (!Number.isFinite(x[j][i])) {
        throw new InputError(`${cellLocation(file, i + 2, terms[j].column)}: infinite value`);
      }
    }
    if (ok && offset && !Number.isFinite(offset[i])) {
      if (!Number.isNaN(offset[i])) {
        throw new InputError(`${cellLocation(file, i + 2, spec.offset!)}: infinite offset`);
      }
      ok = false;
    }
    if (ok && weights && !(weights[i] >= 0)) {
      if (!Number.isNaN(weights[i])) {
        throw new InputError(`${cellLocation(file, i + 2, spec.weights!)}: negative weight`);
      }
      ok = false;
    }
    for (let f = 0; ok && f < factors.length; f++) if (factors[f].codes[i] < 0) ok = false;
    if (ok && weights && weights[i] === 0) ok = false;
    if (ok) rows[used++] = i;
    else if (dep.zero[i]) nZeroLog++;
    else nMissing++;
  }
  rows.length = used;
  if (rows.length === 0) throw new InputError(`${file}: no complete observations`);
  return {
    file,
    N,
    dependent: dep.name,
    y: dep.y,
    names: terms.map((t) => t.name),
    x,
    weights,
    offset,
    fe,
    clusters,
    se,
    rows,
    nMissing,
    nZeroLog,
  };
}
