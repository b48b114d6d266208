/**
 * Listwise deletion shared by the multivariate functions: which rows are complete in every column.
 * @module
 */
import { InputError } from "../errors.ts";
import type { NamedColumn } from "./types.ts";

/**
 * Check that the columns are non-empty and of equal length, and return the indices of the rows
 * with no NaN in any column (`N` = rows given). An infinite value is an InputError naming the
 * column and row; fewer than 2 complete rows is an InputError naming `what` needs them.
 *
 * @example
 * ```ts
 * completeRows([{ name: "a", values: [1, NaN, 3] }, { name: "b", values: [4, 5, 6] }], "pca");
 * // { N: 3, rows: [0, 2] }
 * ```
 */
export function completeRows(columns: NamedColumn[], what: string): { N: number; rows: number[] } {
  if (columns.length === 0) throw new InputError(`${what} needs at least one column`);
  const N = columns[0].values.length;
  for (const c of columns) {
    if (c.values.length !== N) {
      throw new InputError(`column "${c.name}" has ${c.values.length} values, expected ${N}`);
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < N; i++) {
    let ok = true;
    for (const c of columns) {
      const v = c.values[i];
      if (Number.isNaN(v)) ok = false;
      else if (!Number.isFinite(v)) {
        throw new InputError(`column "${c.name}": row ${i + 1} is infinite`);
      }
    }
    if (ok) rows.push(i);
  }
  if (rows.length < 2) {
    throw new InputError(`${what} needs at least 2 complete rows, got ${rows.length}`);
  }
  return { N, rows };
}
