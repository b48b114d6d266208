/**
 * Table 2 of the study: our gravity regression beside the paper's (coefficient, SE, t, p, CI,
 * VIF, the paper's coefficient, SE and p, and whether the signs agree); compact for the summary;
 * and the two as models side by side (stars, SEs in parentheses) for LaTeX.
 * @module
 */
import { type ModelColumn, modelsSpec } from "../../../report/models_table.ts";
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { f3, fixed3, yesNo } from "./formatters.ts";
import type { StudyResult } from "../../study/types.ts";

/** The notes under Table 2: our fit line (or why there is none), the dependent, the paper. */
function fitNotes(r: StudyResult): string[] {
  const fit = r.regression.fit;
  const notes: string[] = [];
  if (fit) {
    notes.push(
      `Ours: N = ${fit.n}, R2 = ${formatCell(fit.r2, 4)}, adj R2 = ${formatCell(fit.adjR2, 4)}, ` +
        `F = ${formatCell(fit.fStatistic, 3)} (p = ${formatCell(fit.fPValue, 4)}), Root MSE = ` +
        `${formatCell(fit.sigma, 4)}, SE ${fit.se}` +
        (fit.omitted.length ? `, omitted (collinear): ${fit.omitted.join(", ")}` : "") + ".",
    );
  } else notes.push(`Ours: ${r.regression.reason}.`);
  notes.push(
    `Dependent: ln ${r.config.dependent.variable}. Paper: ${r.paper?.source ?? "not loaded"}.`,
  );
  return notes;
}

/**
 * Table 2: our regression beside the paper's.
 *
 * @example
 * ```ts
 * console.log(formatTable(table2Spec(result), "text"));
 * ```
 */
export function table2Spec(r: StudyResult, options: { compact?: boolean } = {}): TableSpec {
  const fit = r.regression.fit;
  const paper = new Map((r.paper?.table2 ?? []).map((p) => [p.term, p]));
  const cmp = new Map((r.paper?.comparison.coefficients ?? []).map((c) => [c.term, c]));
  const terms = [...r.config.terms.map((t) => t.name), "_cons"];
  const rows = terms.map((term) => {
    const c = fit?.coefficients.find((x) => (x.term === "(Intercept)" ? "_cons" : x.term) === term);
    const p = paper.get(term);
    return {
      term,
      b: c?.estimate ?? (fit?.omitted.includes(term) ? "omitted" : null),
      se: c?.stdError,
      t: c?.t,
      p: c?.p,
      lo: c?.ciLower,
      hi: c?.ciUpper,
      vif: fit?.vif.find((v) => v.term === term)?.vif,
      paperB: p?.coefficient,
      paperSe: p?.stdError,
      paperP: p?.p,
      sign: cmp.get(term)?.signAgree ?? null,
    };
  });
  const wide = new Set(["t", "lo", "hi", "vif"]);
  return {
    title: "Table 2. Gravity regression: ours beside the paper's",
    columns: [
      { key: "term", label: "Term" },
      { key: "b", label: "Coef.", format: f3, align: "right" as const },
      { key: "se", label: "SE", format: f3 },
      { key: "t", label: "t", format: f3 },
      { key: "p", label: "P>|t|", format: f3 },
      { key: "lo", label: "95% lo", format: f3 },
      { key: "hi", label: "95% hi", format: f3 },
      { key: "vif", label: "VIF", format: (v: unknown) => formatCell(v, 2) },
      { key: "paperB", label: "Paper coef.", format: fixed3 },
      { key: "paperSe", label: "Paper SE", format: fixed3 },
      { key: "paperP", label: "Paper P", format: fixed3 },
      { key: "sign", label: "Same sign", format: yesNo, align: "left" as const },
    ].filter((c) => !(options.compact && wide.has(c.key))),
    rows,
    notes: fitNotes(r),
  };
}

/**
 * Table 2 as two models side by side, ours and the paper's (esttab/etable layout: coefficients
 * with stars, SEs in parentheses beneath, then N, R2, the fixed effects and the SE type), for
 * LaTeX. The paper reports neither N nor R2 (".").
 *
 * @example
 * ```ts
 * console.log(formatLatex(table2ModelsSpec(result)));
 * ```
 */
export function table2ModelsSpec(r: StudyResult): TableSpec {
  const fit = r.regression.fit;
  const name = (t: string) => (t === "(Intercept)" ? "_cons" : t);
  const order = [...r.config.terms.map((t) => t.name), "_cons"];
  const byOrder = <T extends { term: string }>(xs: T[]) =>
    [...xs].sort((a, b) => order.indexOf(a.term) - order.indexOf(b.term));
  const models: ModelColumn[] = [];
  if (fit) {
    models.push({
      title: "Ours",
      coefficients: byOrder(fit.coefficients.map((c) => ({ ...c, term: name(c.term) }))),
      stats: [
        ["Observations", String(fit.n)],
        ["R2", fit.r2.toFixed(3)],
        ["Fixed effects", "none"],
        ["Standard errors", fit.se],
      ],
    });
  }
  if (r.paper) {
    models.push({
      title: "Paper",
      coefficients: byOrder(r.paper.table2.map((p) => ({
        term: p.term,
        estimate: p.coefficient,
        stdError: p.stdError,
        p: p.p,
      }))),
      stats: [["Observations", "."], ["R2", "."], ["Fixed effects", "none"], [
        "Standard errors",
        "as printed",
      ]],
    });
  }
  return modelsSpec(models, {
    title: `Table 2. Gravity regression, dependent ln ${r.config.dependent.variable}: ours ` +
      `beside the paper's`,
    notes: fitNotes(r),
  });
}
