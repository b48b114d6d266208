/**
 * Format a plain table as aligned text, markdown, HTML or CSV. Computing and formatting stay
 * apart: results are plain objects, and this module only lays them out.
 * @module
 */
import { escapeXml } from "./escape.ts";

/** One column of a {@link TableSpec}. */
export interface TableColumn {
  /** Key of the value in each row. */
  key: string;
  /** Header text (default: the key). */
  label?: string;
  /** Alignment (default: right for numbers, left otherwise). */
  align?: "left" | "right";
  /** How to print a value (default: numbers with 4 significant digits after the point). */
  format?: (value: unknown) => string;
}

/** A table to format: columns, rows of plain values, and optional title and notes. */
export interface TableSpec {
  title?: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  /** Lines printed under the table. */
  notes?: string[];
  /**
   * Row indexes a horizontal rule is drawn above (e.g. between coefficients and statistics):
   * LaTeX draws a `\midrule`, the other formats ignore them.
   */
  rules?: number[];
}

/** Output formats of {@link formatTable}. */
export type TableFormat = "text" | "markdown" | "html" | "csv";

/**
 * Default cell formatting: integers as they are, other numbers with `digits` decimals,
 * missing (NaN, null, undefined) as `.` (Stata's missing marker) in text and empty in CSV.
 *
 * @example
 * ```ts
 * formatCell(0.70312, 3); // "0.703"
 * formatCell(NaN);        // "."
 * ```
 */
export function formatCell(value: unknown, digits = 3): string {
  if (value === null || value === undefined) return ".";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".";
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    if (value !== 0 && (Math.abs(value) >= 1e7 || Math.abs(value) < 1e-4)) {
      return value.toExponential(digits);
    }
    return value.toFixed(digits);
  }
  return String(value);
}

/** Let a browser wrap long tokens (file paths, series codes) after / _ . , or "--" (<wbr>), so a
 * table of sources fits the page instead of running off it. Short words are left whole. */
const breakable = (html: string) =>
  html.replace(/[^\s<>]{25,}/g, (w) => w.replace(/(\/|_|\.|,|--)(?=[^\s])/g, "$1<wbr>"));

/** A short single token (an interval "0.66-1.10", a class, a code) is never broken inside. */
const nowrap = (s: string) => /^\S{1,24}$/.test(s);

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Which columns are right-aligned: as the column says, else those whose every value is a number
 * (or missing).
 *
 * @example
 * ```ts
 * alignRight({ columns: [{ key: "a" }, { key: "b" }], rows: [{ a: "x", b: 1 }] }); // [false, true]
 * ```
 */
export function alignRight(spec: TableSpec): boolean[] {
  return spec.columns.map((c) =>
    c.align ? c.align === "right" : spec.rows.every((r) => {
      const v = r[c.key];
      return typeof v === "number" || v === null || v === undefined;
    })
  );
}

/**
 * Format a table. Text is padded into aligned columns; markdown is a GitHub table; HTML is a
 * `<table>` (with `<caption>` for the title); CSV is RFC 4180 with raw (unformatted) numbers.
 *
 * @example
 * ```ts
 * formatTable({ columns: [{ key: "k" }], rows: [{ k: 1.25 }] }, "markdown");
 * // "| k |\n|---:|\n| 1.250 |"
 * ```
 */
export function formatTable(spec: TableSpec, format: TableFormat = "text"): string {
  const labels = spec.columns.map((c) => c.label ?? c.key);
  if (format === "csv") {
    const raw = (v: unknown) =>
      v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v);
    return [labels, ...spec.rows.map((r) => spec.columns.map((c) => raw(r[c.key])))]
      .map((line) => line.map(csvCell).join(","))
      .join("\n") + "\n";
  }
  const cells = spec.rows.map((r) =>
    spec.columns.map((c) => (c.format ?? ((v: unknown) => formatCell(v)))(r[c.key]))
  );
  const right = alignRight(spec);
  const notes = spec.notes ?? [];
  if (format === "html") {
    const head = labels.map((l) => `<th>${escapeXml(l)}</th>`).join("");
    const body = cells.map((row) =>
      "<tr>" +
      row.map((v, j) =>
        `<td style="text-align:${
          right[j] ? "right" : nowrap(v) ? "left;white-space:nowrap" : "left"
        }">${right[j] ? escapeXml(v) : breakable(escapeXml(v))}</td>`
      )
        .join("") +
      "</tr>"
    ).join("\n");
    const caption = spec.title ? `<caption>${escapeXml(spec.title)}</caption>` : "";
    const foot = notes.map((n) => `<p><small>${escapeXml(n)}</small></p>`).join("\n");
    return `<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>` +
      (foot ? `\n${foot}` : "");
  }
  if (format === "markdown") {
    const line = (row: string[]) => `| ${row.map((v) => v.replace(/\|/g, "\\|")).join(" | ")} |`;
    const rule = `|${right.map((r) => (r ? "---:" : ":---")).join("|")}|`;
    return [
      ...(spec.title ? [`**${spec.title}**`, ""] : []),
      line(labels),
      rule,
      ...cells.map(line),
      ...(notes.length ? ["", ...notes] : []),
    ].join("\n");
  }
  const widths = labels.map((l, j) => Math.max(l.length, ...cells.map((r) => r[j].length)));
  const pad = (v: string, j: number) => (right[j] ? v.padStart(widths[j]) : v.padEnd(widths[j]));
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  return [
    ...(spec.title ? [spec.title] : []),
    "-".repeat(total),
    labels.map(pad).join("  "),
    "-".repeat(total),
    ...cells.map((r) => r.map(pad).join("  ").trimEnd()),
    "-".repeat(total),
    ...notes,
  ].join("\n");
}
