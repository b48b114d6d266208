/**
 * Table 1 of the study: variables, formation, sources and coverage in the study window, and the
 * missing pieces of the country-years kept out of the regression.
 * @module
 */
import type { TableSpec } from "../../../report/table.ts";
import { yearRanges } from "../../study/coverage.ts";
import type { StudyResult } from "../../study/types.ts";

const frac = (v: unknown) => {
  const o = v as { present: number; total: number } | null;
  return o ? `${o.present}/${o.total}` : "-";
};

/**
 * Which pieces keep country-years out of the regression, one line per piece:
 * `ln_cpi (8): TKM 2015-2022`.
 *
 * @example
 * ```ts
 * exclusionSummary(result); // ["dependent (32): KAZ 2017-2022; ...", ...]
 * ```
 */
export function exclusionSummary(r: StudyResult): string[] {
  const byPiece = new Map<string, Map<string, number[]>>();
  for (const e of r.data.excluded) {
    for (const m of e.missing) {
      const piece = m.includes("(dependent)") ? "dependent" : m.split(":")[0];
      const countries = byPiece.get(piece) ?? new Map<string, number[]>();
      countries.set(e.country, [...(countries.get(e.country) ?? []), e.year]);
      byPiece.set(piece, countries);
    }
  }
  return [...byPiece].map(([piece, countries]) => {
    const n = [...countries.values()].reduce((a, ys) => a + ys.length, 0);
    const where = [...countries].map(([c, ys]) => `${c} ${yearRanges(ys)}`).join("; ");
    return `${piece} (${n}): ${where}`;
  });
}

/** Compact text: Missing and Source leave the table for notes (one line per variable). */
function movedNotes(r: StudyResult): string[] {
  return [
    "Missing cells in the window (country years):",
    ...[
      ...new Set(
        r.data.coverage.filter((c) => c.missing).map((c) => `  ${c.variable}: ${c.missing}`),
      ),
    ],
    "Sources:",
    ...[...new Map(r.data.coverage.map((c) => [c.variable, c.source]))].map(([v, s]) =>
      `  ${v}: ${s || "(not stated)"}`
    ),
  ];
}

/**
 * Table 1: variables, formation, sources and coverage in the study window.
 *
 * @example
 * ```ts
 * console.log(formatTable(table1Spec(result), "text"));
 * ```
 */
export function table1Spec(r: StudyResult, options: { compact?: boolean } = {}): TableSpec {
  const compact = options.compact ?? false;
  const wide = [
    { key: "missing", label: "Missing" },
    { key: "source", label: "Source" },
  ];
  return {
    title: `Table 1. Variables, sources and coverage (${r.config.years.from}-${r.config.years.to})`,
    columns: [
      { key: "role", label: "Role" },
      { key: "variable", label: "Variable" },
      { key: "formation", label: "Formed" },
      { key: "partnerYears", label: "Partner-yrs", format: frac, align: "right" },
      { key: "reporterYears", label: `${r.config.reporter} yrs`, format: frac, align: "right" },
      { key: "filled", label: "Filled" },
      { key: "proxy", label: "Proxy" },
      ...(compact ? [] : wide),
    ],
    rows: r.data.coverage.map((c) => ({ ...c })),
    notes: [
      ...(compact ? movedNotes(r) : []),
      `Filled = cells in the window the importer interpolated, extrapolated or rebased (flagged).`,
      `Design: ${r.data.partnerYears} partner-years; ${r.data.withDependent} have the dependent ` +
      `variable; ${r.data.complete} have it and every term; ${r.data.excluded.length} excluded ` +
      `(listed in results.json data.excluded).`,
      ...(r.data.excluded.length
        ? [
          "Missing pieces of the excluded country-years:",
          ...exclusionSummary(r).map((l) => `  ${l}`),
        ]
        : []),
    ],
  };
}
