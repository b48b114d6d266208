/**
 * The square flow matrix a GE counterfactual needs, built from long rows (one row per exporter-
 * importer pair) with every problem a one-line InputError naming the file, row and column: a
 * negative, missing or non-finite flow, a pair given twice, an exporter that is not an importer
 * (or the reverse), a missing pair, a missing or zero domestic flow. Nothing is dropped or filled.
 * @module
 */
import { cellLocation, InputError } from "../errors.ts";

/** Long rows: exporter and importer labels and per-pair numeric columns. */
export interface PairTable {
  /** File name for messages (default "data"). */
  file?: string;
  exporter: ArrayLike<string>;
  importer: ArrayLike<string>;
  /** Numeric columns by name (the flow column and any per-pair values). */
  columns: Record<string, ArrayLike<number>>;
}

/** Options of {@link pairMatrix}. */
export interface PairMatrixOptions {
  /** Column of flows: finite, >= 0, every domestic flow > 0. */
  flow: string;
  /** Other per-pair columns to lay out as matrices (each must be finite on every pair). */
  values?: string[];
  /** Column names as the user wrote them, for messages (default: the keys). */
  labels?: Record<string, string>;
}

/** A square world and the per-pair matrices, plus the input row of every cell. */
export interface PairMatrix {
  countries: string[];
  flows: Float64Array;
  values: Record<string, Float64Array>;
  /** Input row (0-based data row) of each cell, row-major. */
  rowOf: Int32Array;
}

const fmtCount = (n: number) => n.toLocaleString("en");

/** The countries of a square matrix (sorted): every exporter is an importer and the reverse. */
function squareCountries(file: string, table: PairTable): string[] {
  const rows = table.exporter.length;
  const exporters = new Set<string>(), importers = new Set<string>();
  for (let r = 0; r < rows; r++) {
    for (
      const [side, v, set] of [
        ["exporter", table.exporter[r], exporters],
        ["importer", table.importer[r], importers],
      ] as const
    ) {
      if (v === "" || v === undefined || v === null) {
        throw new InputError(`${cellLocation(file, r + 2)}: the ${side} is empty`);
      }
      set.add(v);
    }
  }
  for (
    const [a, b, what] of [[exporters, importers, "exporter"], [
      importers,
      exporters,
      "importer",
    ]] as const
  ) {
    const odd = [...a].filter((c) => !b.has(c)).sort();
    if (odd.length) {
      throw new InputError(
        `${file}: the flow matrix is not square: ${what} ${odd.slice(0, 5).join(", ")}${
          odd.length > 5 ? ` and ${odd.length - 5} more` : ""
        } never appear${odd.length > 1 ? "" : "s"} as ${
          what === "exporter" ? "importer" : "exporter"
        } (every country needs a row and a column)`,
      );
    }
  }
  return [...exporters].sort();
}

/** Every domestic flow given and > 0, and every pair given. */
function checkComplete(
  file: string,
  countries: string[],
  flows: Float64Array,
  rowOf: Int32Array,
  rows: number,
  flowLabel: string,
) {
  const N = countries.length;
  for (let i = 0; i < N; i++) {
    const r = rowOf[i * N + i];
    if (r < 0) {
      throw new InputError(
        `${file}: the domestic flow of ${countries[i]} (exporter = importer = ${
          countries[i]
        }) is missing; ` +
          `the model needs every country's sales to itself`,
      );
    }
    if (flows[i * N + i] <= 0) {
      throw new InputError(
        `${cellLocation(file, r + 2, flowLabel)}: the domestic flow of ${countries[i]} is 0; ` +
          `the model needs every country's sales to itself`,
      );
    }
  }
  if (rows !== N * N) {
    let missing = "";
    for (let c = 0; c < N * N && !missing; c++) {
      if (rowOf[c] < 0) missing = `${countries[Math.floor(c / N)]}-${countries[c % N]}`;
    }
    throw new InputError(
      `${file}: the flow matrix is incomplete: ${fmtCount(rows)} of ${
        fmtCount(N * N)
      } pairs given ` +
        `(${N} countries); missing e.g. ${missing} (every exporter needs a row for every importer)`,
    );
  }
}

/**
 * Lay long pair rows out as a square matrix (countries sorted), checking that it is complete.
 *
 * @example
 * ```ts
 * const m = pairMatrix(
 *   { exporter: ["A", "A", "B", "B"], importer: ["A", "B", "A", "B"], columns: { x: [5, 1, 2, 7] } },
 *   { flow: "x" },
 * );
 * m.countries; // ["A", "B"]; m.flows: [5, 1, 2, 7]
 * ```
 */
export function pairMatrix(table: PairTable, options: PairMatrixOptions): PairMatrix {
  const file = table.file ?? "data";
  const label = (c: string) => options.labels?.[c] ?? c;
  const rows = table.exporter.length;
  if (rows === 0) throw new InputError(`${file}: no rows`);
  const flow = table.columns[options.flow];
  if (!flow) throw new InputError(`${file}: no column "${label(options.flow)}"`);
  const countries = squareCountries(file, table);
  const N = countries.length;
  const index = new Map(countries.map((c, k) => [c, k]));
  const rowOf = new Int32Array(N * N).fill(-1);
  const names = options.values ?? [];
  const values: Record<string, Float64Array> = {};
  for (const name of names) {
    if (!table.columns[name]) throw new InputError(`${file}: no column "${label(name)}"`);
    values[name] = new Float64Array(N * N);
  }
  const flows = new Float64Array(N * N);
  for (let r = 0; r < rows; r++) {
    const i = index.get(table.exporter[r])!, j = index.get(table.importer[r])!;
    const cell = i * N + j;
    if (rowOf[cell] >= 0) {
      throw new InputError(
        `${cellLocation(file, r + 2)}: pair ${table.exporter[r]}-${
          table.importer[r]
        } appears twice ` +
          `(first at row ${rowOf[cell] + 2}); give each exporter-importer pair once`,
      );
    }
    rowOf[cell] = r;
    const v = flow[r];
    if (Number.isNaN(v)) {
      throw new InputError(`${cellLocation(file, r + 2, label(options.flow))}: missing flow`);
    }
    if (!Number.isFinite(v)) {
      throw new InputError(`${cellLocation(file, r + 2, label(options.flow))}: infinite flow`);
    }
    if (v < 0) {
      throw new InputError(
        `${
          cellLocation(file, r + 2, label(options.flow))
        }: negative trade (${v}); flows must be >= 0`,
      );
    }
    flows[cell] = v;
    for (const name of names) {
      const x = table.columns[name][r];
      if (!Number.isFinite(x)) {
        throw new InputError(
          `${cellLocation(file, r + 2, label(name))}: ${
            Number.isNaN(x) ? "missing" : "infinite"
          } value`,
        );
      }
      values[name][cell] = x;
    }
  }
  checkComplete(file, countries, flows, rowOf, rows, label(options.flow));
  return { countries, flows, values, rowOf };
}
