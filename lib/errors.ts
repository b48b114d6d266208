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
    super(message);
    this.name = "InputError";
  }
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
