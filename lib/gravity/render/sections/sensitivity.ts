/**
 * Formatting of the sensitivity table (computing is in sensitivity.ts): one pair of columns
 * (coefficient, SE) per variant, N, R2 and the agreement with the paper, and a note with the share
 * of K classes that change; and the variants as models side by side (stars, SEs in parentheses)
 * for LaTeX.
 * @module
 */
import { type ModelColumn, modelsSpec } from "../../../report/models_table.ts";
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { f3 } from "./formatters.ts";
import type { SensitivityResult } from "../../study/sensitivity.ts";

const frac = (o: { agree: number; compared: number } | null) =>
  o ? `${o.agree}/${o.compared}` : ".";

/** The notes under the sensitivity tables: each variant, the K classes that change. */
function sensitivityNotes(s: SensitivityResult): string[] {
  const v = s.variants;
  const cc = s.classChange;
  const notes = v.map((c, i) =>
    `(${i + 1}) ${c.label}: dependent ln ${c.dependent}` +
    (c.note ? ` (${c.note})` : "") +
    (c.estimable ? "" : `; NOT ESTIMATED: ${c.reason}`) +
    (Object.keys(c.flaggedCells).length
      ? `; cells in the sample flagged ${
        Object.entries(c.flaggedCells).map(([f, n]) => `${f} (${n})`).join(", ")
      }`
      : "") +
    "."
  );
  if (v.length >= 2) {
    notes.push(
      cc.compared
        ? `K classes that change from (1) to (2): ${cc.changed} of ${cc.compared} country-years ` +
          `classified by both (${formatCell(100 * (cc.share ?? 0), 1)}%)` +
          (cc.cells.length
            ? `: ${cc.cells.map((c) => `${c.country} ${c.year} ${c.from} -> ${c.to}`).join("; ")}`
            : "") +
          "."
        : "K classes that change from (1) to (2): no country-year is classified by both.",
    );
  }
  return notes;
}

/**
 * The variants as models side by side (esttab/etable layout: coefficients with stars where the
 * p-value is known, SEs in parentheses, then N, R2, the agreement with the paper), for LaTeX.
 *
 * @example
 * ```ts
 * console.log(formatLatex(sensitivityModelsSpec(result.sensitivity!)));
 * ```
 */
export function sensitivityModelsSpec(s: SensitivityResult): TableSpec {
  const models: ModelColumn[] = s.variants.map((c, i) => ({
    title: `(${i + 1}) ${c.label}`,
    coefficients: c.coefficients.flatMap((x) =>
      x.estimate === null || x.stdError === null
        ? []
        : [{ term: x.term, estimate: x.estimate, stdError: x.stdError, p: x.p ?? NaN }]
    ),
    stats: [
      ["Observations", c.estimable ? String(c.n) : "."],
      ["R2", formatCell(c.r2, 3)],
      ["Fixed effects", "none"],
      ["Same sign as paper", frac(c.signAgreement)],
      ["Same class as paper", frac(c.classAgreement)],
    ],
  }));
  return modelsSpec(models, {
    title: "Sensitivity: the same equation on each dependent variable",
    notes: sensitivityNotes(s),
  });
}

/**
 * The sensitivity table as a {@link TableSpec} (text, markdown, HTML or CSV via `formatTable`).
 *
 * @example
 * ```ts
 * console.log(formatTable(sensitivitySpec(result.sensitivity!), "text"));
 * ```
 */
export function sensitivitySpec(s: SensitivityResult): TableSpec {
  const v = s.variants;
  const rows: Record<string, unknown>[] = s.terms.map((term) => {
    const row: Record<string, unknown> = { term };
    v.forEach((c, i) => {
      const coef = c.coefficients.find((x) => x.term === term);
      row[`b${i}`] = coef?.estimate ?? null;
      row[`se${i}`] = coef?.stdError ?? null;
    });
    if (v.length === 2) {
      const [a, b] = [row.b0, row.b1] as (number | null)[];
      row.diff = a !== null && b !== null ? b - a : null;
    }
    return row;
  });
  const extra = (term: string, value: (i: number) => unknown) => {
    const row: Record<string, unknown> = { term };
    v.forEach((_, i) => row[`b${i}`] = value(i));
    rows.push(row);
  };
  extra("N", (i) => v[i].n);
  extra("R2", (i) => v[i].r2);
  extra("same sign as paper", (i) => frac(v[i].signAgreement));
  extra("same class as paper", (i) => frac(v[i].classAgreement));
  const notes = sensitivityNotes(s);
  if (v.length === 2) notes.push("Diff = coefficient (2) - coefficient (1).");
  return {
    title: "Sensitivity: the same equation on each dependent variable",
    columns: [
      { key: "term", label: "Term" },
      ...v.flatMap((_, i) => [
        { key: `b${i}`, label: `(${i + 1}) Coef.`, format: f3, align: "right" as const },
        { key: `se${i}`, label: `(${i + 1}) SE`, format: f3, align: "right" as const },
      ]),
      ...(v.length === 2 ? [{ key: "diff", label: "Diff", format: f3 }] : []),
    ],
    rows,
    notes,
  };
}
