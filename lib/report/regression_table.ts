/**
 * Lay out an OLS result: a text table like Stata's `regress` output, markdown, HTML, LaTeX or the
 * JSON of the `fit` command. Computing stays in lib/stats; this module only formats.
 * @module
 */
import type { OlsResult } from "../stats/types.ts";
import { formatTable, type TableColumn, type TableSpec } from "./table.ts";
import { formatLatex } from "./latex.ts";
import { modelsSpec } from "./models_table.ts";
import { regressionJson } from "../stats/linear/ols_json.ts";

/** Output formats of {@link formatRegression}. */
export type RegressionFormat = "text" | "markdown" | "html" | "json" | "latex";

/** Options of {@link formatRegression}. */
export interface RegressionFormatOptions {
  /** Name of the dependent variable (shown in the header; default "y"). */
  depVar?: string;
  /** Confidence level the intervals were computed at (default 0.95; label only). */
  level?: number;
  /** Significant digits of numbers in text/markdown/html (default 7, as Stata). */
  digits?: number;
  /** Title line (text/markdown/html). */
  title?: string;
}

/** A number with `digits` significant digits, Stata-like (missing as "."). */
function num(v: number, digits: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "." : v > 0 ? "+inf" : "-inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 10 ** digits || a < 1e-4) return v.toExponential(Math.max(digits - 3, 2));
  const s = v.toPrecision(digits);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

const fixed = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : ".");

const SE_LABEL: Record<string, string> = {
  classical: "",
  hc0: "Robust (HC0)",
  hc1: "Robust (HC1)",
  hc2: "Robust (HC2)",
  hc3: "Robust (HC3)",
  cluster: "Robust (cluster)",
};

/** Summary lines: N, F, Prob > F, R2, adj R2, Root MSE, dropped and omitted. */
function summary(r: OlsResult, digits: number): [string, string][] {
  const q = r.coefficients.filter((c) => c.term !== "(Intercept)").length;
  const dfDen = r.se === "cluster" && r.clusters ? r.clusters - 1 : r.dfResidual;
  const lines: [string, string][] = [
    ["Number of obs", String(r.n)],
    [`F(${q}, ${dfDen})`, num(r.fStatistic, digits)],
    ["Prob > F", fixed(r.fPValue, 4)],
    ["R-squared", fixed(r.r2, 4)],
    ["Adj R-squared", fixed(r.adjR2, 4)],
    ["Root MSE", num(r.sigma, digits)],
  ];
  if (r.clusters !== undefined) lines.push(["Clusters", String(r.clusters)]);
  return lines;
}

const SE_NAME: Record<string, string> = {
  classical: "IID",
  hc0: "Robust (HC0)",
  hc1: "Robust (HC1)",
  hc2: "Robust (HC2)",
  hc3: "Robust (HC3)",
  cluster: "Clustered",
};

/** The LaTeX table of one OLS fit: coefficients with stars and SEs beneath, then N, R2, SEs. */
function latexRegression(result: OlsResult, depVar: string, title?: string): string {
  const spec = modelsSpec([{
    title: depVar,
    coefficients: result.coefficients,
    stats: [
      ["Observations", String(result.n)],
      ["R2", fixed(result.r2, 3)],
      ["Adj. R2", fixed(result.adjR2, 3)],
      ["Fixed effects", "none"],
      [
        "Standard errors",
        `${SE_NAME[result.se] ?? result.se}${result.clusters ? ` (${result.clusters})` : ""}`,
      ],
    ],
  }], { title: title ?? `Linear regression: ${depVar}` });
  return formatLatex(spec);
}

/**
 * Format an OLS result. `text` is laid out like Stata's `regress` (Coef., Std. Err., t, P>|t|,
 * confidence interval, then N, F, R2, adj R2, Root MSE); `markdown` and `html` are tables with
 * the same columns and the summary as notes; `json` is {@link regressionJson}, pretty-printed;
 * `latex` is a booktabs table with stars and SEs in parentheses (as `cli fit --compare`).
 *
 * @example
 * ```ts
 * console.log(formatRegression(ols(y, [{ name: "x", values: x }]), "text", { depVar: "y" }));
 * ```
 */
export function formatRegression(
  result: OlsResult,
  format: RegressionFormat = "text",
  options: RegressionFormatOptions = {},
): string {
  if (format === "json") return JSON.stringify(regressionJson(result), null, 2);
  const digits = options.digits ?? 7;
  const level = options.level ?? 0.95;
  const depVar = options.depVar ?? "y";
  if (format === "latex") return latexRegression(result, depVar, options.title);
  const pct = `${+(level * 100).toFixed(2)}%`;
  const seLabel = SE_LABEL[result.se] ?? result.se;
  const stats = summary(result, digits);
  const notes = [
    ...(result.nDropped > 0 ? [`${result.nDropped} row(s) dropped for missing values.`] : []),
    ...result.omitted.map((t) => `note: ${t} omitted because of collinearity.`),
    ...(result.se === "cluster"
      ? [
        `Std. Err. adjusted for ${result.clusters} clusters (CR1), t with ${
          result.clusters! - 1
        } df.`,
      ]
      : []),
  ];
  if (format === "markdown" || format === "html") {
    const spec: TableSpec = {
      title: options.title ?? `Linear regression: ${depVar}`,
      columns: ([
        { key: "term", label: depVar, align: "left", format: (v: unknown) => String(v) },
        { key: "estimate", label: "Coef." },
        { key: "stdError", label: `${seLabel ? seLabel + " " : ""}Std. Err.` },
        { key: "t", label: "t", format: (v: unknown) => fixed(v as number, 2) },
        { key: "p", label: "P>|t|", format: (v: unknown) => fixed(v as number, 3) },
        { key: "ciLower", label: `[${pct} Conf.` },
        { key: "ciUpper", label: "Interval]" },
      ] as TableColumn[]).map((c) => ({ format: (v: unknown) => num(v as number, digits), ...c })),
      rows: result.coefficients.map((c) => ({ ...c })),
      notes: [stats.map(([k, v]) => `${k} = ${v}`).join("; "), ...notes],
    };
    return formatTable(spec, format);
  }
  // Stata-like text.
  const w = Math.max(12, depVar.length, ...result.coefficients.map((c) => c.term.length));
  const cols = [13, 13, 9, 8, 14, 13];
  const rule = (ch: string) =>
    "-".repeat(w + 1) + ch + "-".repeat(cols.reduce((a, b) => a + b, 0) + 1);
  const head = [
    `${"Coef.".padStart(cols[0])}`,
    `${"Std. Err.".padStart(cols[1])}`,
    `${"t".padStart(cols[2])}`,
    `${"P>|t|".padStart(cols[3])}`,
    `${`[${pct} Conf.`.padStart(cols[4] - 1)} `,
    `${"Interval]".padStart(cols[5])}`,
  ].join("");
  const body = result.coefficients.map((c) =>
    `${(c.term === "(Intercept)" ? "_cons" : c.term).padStart(w)} |` +
    [
      num(c.estimate, digits).padStart(cols[0]),
      num(c.stdError, digits).padStart(cols[1]),
      fixed(c.t, 2).padStart(cols[2]),
      fixed(c.p, 3).padStart(cols[3]),
      num(c.ciLower, digits).padStart(cols[4]),
      num(c.ciUpper, digits).padStart(cols[5]),
    ].join("")
  );
  const sw = Math.max(...stats.map(([k]) => k.length));
  const lines = [
    ...(options.title ? [options.title, ""] : []),
    `Linear regression${seLabel ? `, ${seLabel} standard errors` : ""}`,
    ...stats.map(([k, v]) => `${" ".repeat(w + 4)}${k.padEnd(sw)} = ${v.padStart(12)}`),
    "",
    rule("-"),
    `${depVar.padStart(w)} |${head}`,
    rule("+"),
    ...body,
    rule("-"),
    ...notes,
  ];
  return lines.join("\n");
}
