/**
 * The small formatters the study's renderers share (each defined once): table cells, a K
 * interval, a K definition, an estimator's label and an HTML list.
 * @module
 */
import { escapeXml } from "../../../report/escape.ts";
import { formatCell } from "../../../report/table.ts";
import type { KDefinitionUse } from "../../potential/definition.ts";

/**
 * A cell with 3 decimals ({@link formatCell}: integers as they are, missing as ".").
 *
 * @example
 * ```ts
 * f3(0.70312); // "0.703"
 * ```
 */
export const f3 = (v: unknown): string => formatCell(v, 3);

/**
 * A number with exactly 3 decimals (the paper's tables print them so: 0.000, not 0); anything
 * but a finite number is ".".
 *
 * @example
 * ```ts
 * fixed3(0); // "0.000"
 * ```
 */
export const fixed3 = (v: unknown): string =>
  typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : ".";

/**
 * A probability with 2 decimals; anything but a finite number is ".".
 *
 * @example
 * ```ts
 * prob(0.956); // "0.96"
 * ```
 */
export const prob = (v: unknown): string =>
  typeof v === "number" && Number.isFinite(v) ? v.toFixed(2) : ".";

/**
 * A yes/no cell: "yes", "NO" (capitals, to stand out), "." when unknown.
 *
 * @example
 * ```ts
 * yesNo(false); // "NO"
 * ```
 */
export const yesNo = (v: unknown): string => v === null || v === undefined ? "." : v ? "yes" : "NO";

/**
 * A cell printed as it is, "." when missing.
 *
 * @example
 * ```ts
 * dot("0.66-1.10"); // "0.66-1.10"
 * ```
 */
export const dot = (v: unknown): string => (v === null || v === undefined ? "." : String(v));

/**
 * A K interval as "lo-hi" with 2 decimals.
 *
 * @example
 * ```ts
 * kInterval(0.6612, 1.1); // "0.66-1.10"
 * ```
 */
export const kInterval = (lo: unknown, hi: unknown): string =>
  `${formatCell(lo, 2)}-${formatCell(hi, 2)}`;

/**
 * A K column's definition as printed beside its table: the formula, with Duan's factor when it
 * is applied, or the reason the configured definition does not apply.
 *
 * @example
 * ```ts
 * kDefinitionText(kDefinitionUse("smearing", "log-ols", [0.1, -0.1]));
 * // "K = actual / (exp(fitted) x s), s = Duan's smearing factor mean(exp(residual)) of the fit = 1.005"
 * ```
 */
export function kDefinitionText(use: KDefinitionUse): string {
  return use.formula + (use.applied === "smearing" ? ` = ${formatCell(use.factor, 3)}` : "") +
    (use.reason ? ` (${use.reason})` : "");
}

/**
 * The printed name of a benchmark estimator.
 *
 * @example
 * ```ts
 * estimatorLabel("ppml"); // "PPML"
 * ```
 */
export const estimatorLabel = (e: string): string => (e === "ols" ? "OLS" : "PPML");

/** Options of {@link htmlList}. */
export interface HtmlListOptions {
  /** One item a line, the `<ul>` tags on lines of their own (default true). */
  newlines?: boolean;
  /** Escape `"` in the items (default true; see {@link escapeXml}). */
  quotes?: boolean;
}

/**
 * Plain-text items as an HTML bulleted list, each item escaped.
 *
 * @example
 * ```ts
 * htmlList(["a < b"]); // "<ul>\n<li>a &lt; b</li>\n</ul>"
 * htmlList(["a", "b"], { newlines: false }); // "<ul><li>a</li><li>b</li></ul>"
 * ```
 */
export function htmlList(items: string[], options: HtmlListOptions = {}): string {
  const nl = options.newlines === false ? "" : "\n";
  const quotes = options.quotes ?? true;
  return `<ul>${nl}${items.map((i) => `<li>${escapeXml(i, { quotes })}</li>`).join(nl)}${nl}</ul>`;
}

/** US$ as billions with 3 decimals (Tables 3c and 4 read alike). */
export const usBn = (
  v: unknown,
): string => (typeof v === "number" ? formatCell(v / 1e9, 3) : formatCell(v));
