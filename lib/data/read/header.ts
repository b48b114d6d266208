/**
 * Header checks shared by every reader (CSV, WDI, DDF, the page files, workbooks): a column that
 * a command uses must be named exactly once and not be empty. Ambiguous input is refused with
 * one line naming the file and the column, never guessed (the old behaviour was to use the
 * first of two columns of the same name).
 * @module
 */
import { InputError, repeatedColumn } from "../../errors.ts";

/** 1-based positions of `name` in `header`. */
function positionsOf(header: readonly string[], name: string): number[] {
  const out: number[] = [];
  header.forEach((h, j) => {
    if (h === name) out.push(j + 1);
  });
  return out;
}

/**
 * Check that the header names each used column exactly once and that no used name is empty.
 * With `used` omitted every column is used: all names must be non-empty and distinct.
 * Names are compared as given (callers trim them first). Throws the one-line
 * {@link repeatedColumn} InputError.
 *
 * @example
 * ```ts
 * assertUniqueHeader("f.csv", ["a", "b", "a"], ["b"]); // ok: "a" is not used
 * assertUniqueHeader("f.csv", ["a", "b", "a"]);        // throws: column "a" appears 2 times
 * ```
 */
export function assertUniqueHeader(
  file: string,
  header: readonly string[],
  used?: Iterable<string>,
  where = "the header",
): void {
  const names = used === undefined ? header : [...used];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const at = positionsOf(header, name);
    if (at.length > 1 || (name === "" && at.length > 0)) {
      throw repeatedColumn(file, name, at, where);
    }
  }
}

/**
 * The 0-based index of a column named exactly once; a missing, repeated or empty name is a
 * one-line InputError naming the file and the column (a missing one lists the columns there are).
 *
 * @example
 * ```ts
 * findColumn("f.csv", ["iso3", "year"], "year"); // 1
 * ```
 */
export function findColumn(
  file: string,
  header: readonly string[],
  name: string,
  where = "the header",
): number {
  if (name.trim() === "") {
    throw new InputError(`${file}: an empty column name was asked for (columns: ${list(header)})`);
  }
  const at = positionsOf(header, name);
  if (at.length === 0) {
    throw new InputError(`${file}: no column "${name}" (columns: ${list(header)})`);
  }
  if (at.length > 1) throw repeatedColumn(file, name, at, where);
  return at[0] - 1;
}

function list(header: readonly string[]): string {
  return header.map((h) => (h === "" ? '""' : h)).join(", ");
}
