/**
 * Tables as LaTeX for a paper: one `table` float per table with booktabs rules (`\toprule`,
 * `\midrule`, `\bottomrule`), numbers right-aligned, significance stars as superscripts (the
 * esttab/etable convention) and the notes in a `\footnotesize` paragraph under the tabular. The
 * fragment needs nothing but `\usepackage{booktabs}` in the preamble.
 * @module
 */
import { alignRight, formatCell, type TableSpec } from "./table.ts";

/** Characters pdflatex cannot take as they are, and what to write instead. */
const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "$": "\\$",
  "&": "\\&",
  "#": "\\#",
  "^": "\\textasciicircum{}",
  "_": "\\_",
  "%": "\\%",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  "±": "$\\pm$",
  "×": "$\\times$",
  "−": "$-$",
  "≤": "$\\le$",
  "≥": "$\\ge$",
  "≈": "$\\approx$",
  "·": "$\\cdot$",
  "²": "$^2$",
  "–": "--",
  "—": "---",
  "…": "\\dots{}",
  "’": "'",
  "‘": "`",
  "“": "``",
  "”": "''",
};

/**
 * Text as LaTeX: the special characters escaped, straight double quotes as opening or closing
 * quotes, a few symbols set in math mode, and any other character beyond Latin-1 (which
 * pdflatex's default input encoding cannot typeset) written as its code point, so nothing
 * disappears.
 *
 * @example
 * ```ts
 * latexEscape("ln_pgdp & 5%"); // "ln\\_pgdp \\& 5\\%"
 * ```
 */
export function latexEscape(text: string): string {
  let out = "";
  let prev = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += prev === "" || /[\s([]/.test(prev) ? "``" : "''";
    else {
      out += SPECIAL[ch] ??
        (cp > 0xff ? `[U+${cp.toString(16).toUpperCase().padStart(4, "0")}]` : ch);
    }
    prev = ch;
  }
  return out;
}

/** Options of {@link formatLatex}. */
export interface LatexOptions {
  /** `\label{...}` of the float (default: none). */
  label?: string;
  /** Font size of the tabular (default "small"; "footnotesize" or "scriptsize" for wide tables). */
  size?: "normalsize" | "small" | "footnotesize" | "scriptsize";
  /** Float placement (default "htbp"). */
  placement?: string;
}

/** A right-aligned cell: trailing significance stars become a superscript. */
function numberCell(text: string): string {
  const m = text.match(/^(.*[0-9.)])(\*{1,3})$/);
  return m ? `${latexEscape(m[1])}\\textsuperscript{${m[2]}}` : latexEscape(text);
}

/**
 * A table as a LaTeX `table` float: caption (the title, less a leading "Table 3b." since LaTeX
 * numbers its tables), a booktabs tabular with the header, the rows (a `\midrule` above each
 * index in `spec.rules`), and the notes in a footnote-size paragraph (script-size with a
 * script-size table). Cells are formatted as in text ({@link formatCell} or the column's `format`) and
 * escaped ({@link latexEscape}); numeric columns are right-aligned.
 *
 * @example
 * ```ts
 * formatLatex({ title: "T", columns: [{ key: "x" }], rows: [{ x: 1.5 }] });
 * // "\\begin{table}[htbp]\n\\centering\n\\caption{T}\n..."
 * ```
 */
export function formatLatex(spec: TableSpec, options: LatexOptions = {}): string {
  const right = alignRight(spec);
  const labels = spec.columns.map((c) => latexEscape(c.label ?? c.key));
  const rules = new Set(spec.rules ?? []);
  const body: string[] = [];
  spec.rows.forEach((r, i) => {
    if (rules.has(i) && i > 0) body.push("\\midrule");
    const cells = spec.columns.map((c, j) => {
      const text = (c.format ?? ((v: unknown) => formatCell(v)))(r[c.key]);
      return right[j] ? numberCell(text) : latexEscape(text);
    });
    body.push(`${cells.join(" & ")} \\\\`);
  });
  const notes = spec.notes ?? [];
  // LaTeX numbers the tables itself: a title's own "Table 3b. " is left out of the caption
  const caption = spec.title?.replace(/^Table \w+( \([^)]*\))?\.\s*/, "");
  return [
    `\\begin{table}[${options.placement ?? "htbp"}]`,
    "\\centering",
    ...(caption ? [`\\caption{${latexEscape(caption)}}`] : []),
    ...(options.label ? [`\\label{${options.label}}`] : []),
    `\\${options.size ?? "small"}`,
    `\\begin{tabular}{${right.map((r) => (r ? "r" : "l")).join("")}}`,
    "\\toprule",
    `${labels.join(" & ")} \\\\`,
    "\\midrule",
    ...body,
    "\\bottomrule",
    "\\end{tabular}",
    ...(notes.length
      ? [
        "",
        "\\smallskip",
        `{\\${options.size === "scriptsize" ? "scriptsize" : "footnotesize"}\\raggedright ` +
        `${notes.map(latexEscape).join("\\par\n")}\\par}`,
      ]
      : []),
    "\\end{table}",
  ].join("\n");
}
