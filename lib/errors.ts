/**
 * Errors that users see: one line, naming the file, row and column where they apply.
 * @module
 */

/**
 * An error in the user's input (a file, a config, a command-line flag). The CLI prints its
 * message alone on one line, never a stack trace.
 *
 * @example
 * ```ts
 * throw new InputError(cellLocation("data.csv", 3, "gdp") + ': "1.2.3" is not a number');
 * ```
 */
export class InputError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = "InputError";
  }
}

/**
 * The message on one line whatever a quoted cell held: line breaks and other control characters
 * (and U+2028/2029) are written as escapes (`\r`, `\n`, `\u0000`).
 */
function oneLine(message: string): string {
  return message.replace(
    // deno-lint-ignore no-control-regex -- control characters are exactly what is replaced
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) =>
      c === "\n"
        ? "\\n"
        : c === "\r"
        ? "\\r"
        : c === "\t"
        ? "\\t"
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Where a cell is, in the form every error message uses: `FILE: row R, column "C"`.
 * Rows are counted as in a spreadsheet: the header is row 1, the first data row is row 2.
 *
 * @example
 * ```ts
 * cellLocation("panel.csv", 2, "year"); // 'panel.csv: row 2, column "year"'
 * ```
 */
export function cellLocation(file: string, row: number, column?: string): string {
  return column === undefined ? `${file}: row ${row}` : `${file}: row ${row}, column "${column}"`;
}

/**
 * The one line for a column name that a command would use but that is ambiguous: repeated in the
 * header (`FILE: column "C" appears 2 times in the header (columns 2, 5); rename one`) or empty
 * (`FILE: column 3 of the header has an empty name`). `where` names the header when it is not
 * the file's first line (e.g. `"the header (row 5)"`).
 *
 * @example
 * ```ts
 * repeatedColumn("f.csv", "x", [2, 5]).message;
 * // 'f.csv: column "x" appears 2 times in the header (columns 2, 5); rename one'
 * ```
 */
export function repeatedColumn(
  file: string,
  name: string,
  positions: (number | string)[],
  where = "the header",
): InputError {
  return name === ""
    ? new InputError(`${file}: column ${positions[0]} of ${where} has an empty name`)
    : new InputError(
      `${file}: column "${name}" appears ${positions.length} times in ${where} ` +
        `(columns ${positions.join(", ")}); rename one`,
    );
}

/**
 * The one line for an unknown key in a config object: where it is, the allowed keys, and the
 * nearest allowed key when one is close (`FILE: unknown key "partnrs" in the top level
 * (allowed: a, b, c); did you mean "partners"?`).
 *
 * @example
 * ```ts
 * unknownKey("c.json", "partnrs", "the top level", ["partners", "reporter"], "partners").message;
 * ```
 */
export function unknownKey(
  file: string,
  key: string,
  where: string,
  allowed: readonly string[],
  nearest?: string,
): InputError {
  return new InputError(
    `${file}: unknown key ${JSON.stringify(key)} in ${where} (allowed: ${allowed.join(", ")})` +
      (nearest ? `; did you mean "${nearest}"?` : ""),
  );
}

/**
 * The one line for an entry named twice where each must be named once (a partner, a year, a
 * term, a JSON key): `FILE: "KAZ" appears twice in "partners"`.
 *
 * @example
 * ```ts
 * repeatedEntry("c.json", "KAZ", '"partners"').message; // 'c.json: "KAZ" appears twice in "partners"'
 * ```
 */
export function repeatedEntry(file: string, entry: string, where: string): InputError {
  return new InputError(`${file}: ${JSON.stringify(entry)} appears twice in ${where}`);
}
