/**
 * Regression terms: a column name or `ln(COL)`, parsed once and evaluated on a table of columns.
 * @module
 */
import { cellLocation, InputError } from "../errors.ts";

/** A parsed term: the column it reads and the transform applied to it. */
export interface Term {
  /** The term as written by the user, normalised (e.g. "ln(gdp)"). */
  name: string;
  /** The source column. */
  column: string;
  transform: "identity" | "ln";
}

/** Numeric columns of one source, as read by `readNumericColumns` (NaN = missing). */
export interface TermTable {
  /** File name used in error messages. */
  file: string;
  columns: Record<string, ArrayLike<number>>;
}

const LN = /^\s*ln\s*\(\s*(.+?)\s*\)\s*$/i;

/**
 * Parse a term: `COL` or `ln(COL)` (case-insensitive `ln`, spaces allowed).
 *
 * @example
 * ```ts
 * parseTerm("ln(gdp)"); // { name: "ln(gdp)", column: "gdp", transform: "ln" }
 * parseTerm("dist");    // { name: "dist", column: "dist", transform: "identity" }
 * ```
 */
export function parseTerm(s: string): Term {
  const text = s.trim();
  if (text === "") throw new InputError("empty term (expected COL or ln(COL))");
  const m = LN.exec(text);
  if (m) return { name: `ln(${m[1]})`, column: m[1], transform: "ln" };
  if (/[()]/.test(text)) {
    throw new InputError(`term "${s}" not understood (expected COL or ln(COL))`);
  }
  return { name: text, column: text, transform: "identity" };
}

/**
 * Parse a comma-separated list of terms (`a,ln(b),c`).
 *
 * @example
 * ```ts
 * parseTerms("ln(gdp), dist").map((t) => t.name); // ["ln(gdp)", "dist"]
 * ```
 */
export function parseTerms(list: string): Term[] {
  return list.split(",").filter((s) => s.trim() !== "").map(parseTerm);
}

/**
 * Values of a term on a table. Missing stays missing (NaN); a value <= 0 under ln is an
 * InputError naming file, row (header = row 1) and column. A plain term on a Float64Array column
 * returns that column itself (no copy: at 1M rows a copy costs ~25 ms and 8 MB a column), so treat
 * the result as read-only.
 *
 * @example
 * ```ts
 * evalTerm(parseTerm("ln(x)"), { file: "f.csv", columns: { x: [1, Math.E] } }); // [0, 1]
 * ```
 */
export function evalTerm(term: Term | string, table: TermTable): Float64Array {
  const t = typeof term === "string" ? parseTerm(term) : term;
  const values = table.columns[t.column];
  if (!values) {
    throw new InputError(
      `${table.file}: no column "${t.column}" (columns: ${Object.keys(table.columns).join(", ")})`,
    );
  }
  if (t.transform !== "ln" && values instanceof Float64Array) return values;
  const out = Float64Array.from(values);
  if (t.transform === "ln") {
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (Number.isNaN(v)) continue;
      if (!(v > 0)) {
        throw new InputError(
          `${cellLocation(table.file, i + 2, t.column)}: ln of ${v} (needs a value > 0)`,
        );
      }
      out[i] = Math.log(v);
    }
  }
  return out;
}
