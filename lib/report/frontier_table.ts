/**
 * Lay out a stochastic frontier result (lib/stats/frontier): the parameter table (frontier
 * coefficients, inefficiency terms, sigmaSq, gamma, lambda, mu, eta), or with `compare` the
 * frontier beside its OLS start; the log-likelihood, the LR test, mean efficiency (by period in
 * panels) and the warnings as notes. Reads the result only; computes nothing.
 * @module
 */
import type { FrontierEstimate, FrontierResult } from "../stats/frontier/types.ts";
import { stars } from "./models_table.ts";
import { formatLatex } from "./latex.ts";
import { formatTable, type TableFormat, type TableSpec } from "./table.ts";

/** Options of {@link formatFrontier}. */
export interface FrontierTableOptions {
  /** Name of the dependent variable (default "y"). */
  depVar?: string;
  /** The frontier beside OLS, one column each (default false). */
  compare?: boolean;
  /** Decimals of estimates (default 4). */
  digits?: number;
  title?: string;
}

const fixed = (v: number | undefined, d: number) =>
  v === undefined || !Number.isFinite(v) ? "." : v.toFixed(d);

/** The notes under either table: fit, test, efficiency and warnings. */
function notes(r: FrontierResult, d: number): string[] {
  const t = r.lrTest;
  const shape = r.units === r.n
    ? `${r.n} observations`
    : `${r.n} observations, ${r.units} units, ${r.periods} periods`;
  const eff = r.efficiencyMethod === "bc"
    ? "E[exp(-u) | e] (Battese-Coelli)"
    : "exp(-E[u | e]) (JLMS)";
  const lines = [
    `${r.description}. ${shape}${
      r.nDropped ? `; ${r.nDropped} row(s) dropped for missing values` : ""
    }.`,
    `Log-likelihood ${fixed(r.logLik, d)} (OLS ${fixed(r.ols.logLik, d)}). LR test of no ` +
    `inefficiency: ${fixed(t.statistic, d)}, ${t.distribution}, p = ${
      t.pValue < 1e-4 ? t.pValue.toExponential(2) : t.pValue.toFixed(4)
    } (5% critical value ${t.criticalValue5.toFixed(3)}).`,
    `Mean efficiency ${fixed(r.meanEfficiency, d)}, ${eff}` +
    (r.meanEfficiencyByPeriod && r.meanEfficiencyByPeriod.length > 1
      ? `; by period: ${
        r.meanEfficiencyByPeriod.map((p) => `${p.time} ${p.mean.toFixed(d)}`).join(", ")
      }.`
      : "."),
    `Std. errors from the Hessian at the optimum; sigmaSq = sigma_v^2 + sigma_u^2, gamma = ` +
    `sigma_u^2 / sigmaSq, lambda = sigma_u / sigma_v. Signif.: *** p < 0.01, ** p < 0.05, * p < 0.1.`,
    ...(r.converged ? [] : [`Not converged after ${r.iterations} iterations.`]),
    ...r.warnings.map((w) => `Warning: ${w}.`),
  ];
  return lines;
}

/** Rows of the single-model table. */
function parameterRows(r: FrontierResult, d: number): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const full = (c: FrontierResult["coefficients"][number], prefix = "") =>
    rows.push({
      term: prefix + c.term,
      estimate: fixed(c.estimate, d),
      stdError: fixed(c.stdError, d),
      z: fixed(c.z, 2),
      p: fixed(c.p, 3),
      ciLower: fixed(c.ciLower, d),
      ciUpper: fixed(c.ciUpper, d),
    });
  r.coefficients.forEach((c) => full(c));
  (r.inefficiency ?? []).forEach((c) => full(c, "u mean: "));
  const variance: [string, FrontierEstimate | undefined][] = [
    ["sigmaSq", r.sigmaSq],
    ["gamma", r.gamma],
    ["lambda", r.lambda],
    ["mu", r.mu],
    ["eta", r.eta],
  ];
  for (const [term, e] of variance) {
    if (e) rows.push({ term, estimate: fixed(e.estimate, d), stdError: fixed(e.stdError, d) });
  }
  return rows;
}

/** Rows of the OLS-beside-frontier table. */
function compareRows(r: FrontierResult, d: number): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const cell = (e: { estimate: number; p?: number } | undefined) =>
    e ? `${fixed(e.estimate, d)}${e.p === undefined ? "" : stars(e.p)}` : "";
  const se = (e: { stdError: number } | undefined) => (e ? `(${fixed(e.stdError, d)})` : "");
  for (const c of r.coefficients) {
    const o = r.ols.coefficients.find((x) => x.term === c.term);
    rows.push({ term: c.term, ols: cell(o), sfa: cell(c) }, { term: "", ols: se(o), sfa: se(c) });
  }
  for (const c of r.inefficiency ?? []) {
    rows.push({ term: `u mean: ${c.term}`, ols: "", sfa: cell(c) }, {
      term: "",
      ols: "",
      sfa: se(c),
    });
  }
  const variance: [string, FrontierEstimate | undefined][] = [
    ["gamma", r.gamma],
    ["lambda", r.lambda],
    ["mu", r.mu],
    ["eta", r.eta],
  ];
  rows.push({ term: "sigmaSq", ols: fixed(r.ols.sigmaSq, d), sfa: fixed(r.sigmaSq.estimate, d) });
  for (const [term, e] of variance) if (e) rows.push({ term, ols: "", sfa: cell(e) });
  rows.push(
    { term: "Log-likelihood", ols: fixed(r.ols.logLik, 3), sfa: fixed(r.logLik, 3) },
    { term: "Observations", ols: String(r.n), sfa: String(r.n) },
    { term: "Mean efficiency", ols: "", sfa: fixed(r.meanEfficiency, d) },
  );
  return rows;
}

/**
 * Format a frontier result as text, markdown, HTML or CSV: the parameter table, or with
 * `compare` the OLS fit beside the frontier (estimates with stars, SEs in parentheses).
 *
 * @example
 * ```ts
 * console.log(formatFrontier(stochasticFrontier(y, x), "text", { depVar: "ln(output)" }));
 * ```
 */
export function formatFrontier(
  r: FrontierResult,
  format: TableFormat | "latex" = "text",
  options: FrontierTableOptions = {},
): string {
  const spec = frontierSpec(r, options);
  return format === "latex" ? formatLatex(spec) : formatTable(spec, format);
}

/** The frontier's table (or, with `compare`, OLS beside it) as a table spec. */
function frontierSpec(r: FrontierResult, options: FrontierTableOptions): TableSpec {
  const d = options.digits ?? 4;
  const depVar = options.depVar ?? "y";
  const title = options.title ?? `Stochastic frontier: ${depVar}`;
  const str = (v: unknown) => String(v ?? "");
  if (options.compare) {
    return {
      title,
      columns: [
        { key: "term", label: depVar, align: "left", format: str },
        { key: "ols", label: "OLS", align: "right", format: str },
        { key: "sfa", label: "Frontier (ML)", align: "right", format: str },
      ],
      rows: compareRows(r, d),
      notes: notes(r, d),
    };
  }
  const pct = `${+(r.level * 100).toFixed(2)}%`;
  return {
    title,
    columns: [
      { key: "term", label: depVar, align: "left", format: str },
      { key: "estimate", label: "Coef.", align: "right", format: str },
      { key: "stdError", label: "Std. Err.", align: "right", format: str },
      { key: "z", label: "z", align: "right", format: str },
      { key: "p", label: "P>|z|", align: "right", format: str },
      { key: "ciLower", label: `[${pct} Conf.`, align: "right", format: str },
      { key: "ciUpper", label: "Interval]", align: "right", format: str },
    ],
    rows: parameterRows(r, d),
    notes: notes(r, d),
  };
}
