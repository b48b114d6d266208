/**
 * Table 3 of the study: K and class per country-year (with the interval and P(class) when they
 * were computed, and the benchmark K columns when there is a benchmark), beside the paper's.
 * @module
 */
import { formatCell, type TableSpec } from "../../report/table.ts";
import { dot, f3, fixed3, kInterval, prob, yesNo } from "./formatters.ts";
import {
  benchmarkCells,
  benchmarkColumns,
  benchmarkColumnsNote,
  kColumnsDefinitionNote,
  structuralFlagNote,
} from "./world.ts";
import type { StudyResult } from "../study/types.ts";

/** Actual and predicted trade: whole numbers from 1e7 up, so both columns read alike (never an
 * integer beside an exponent). */
const level = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) >= 1e7
    ? String(Math.round(v))
    : formatCell(v, 4);

/** The interval and P(class) cells of a potential row (empty without uncertainty). */
function kIntervalCells(o: StudyResult["potential"][number] | undefined): Record<string, unknown> {
  if (!o || o.kLower === undefined) return {};
  const p = o.classProbabilities;
  return {
    interval: o.kLower === null ? null : kInterval(o.kLower, o.kUpper),
    pClass: p && o.class ? p[o.class] : null,
  };
}

/** The interval and P(class) columns of Table 3 (none when no uncertainty was computed). */
function kIntervalColumns(r: StudyResult): TableSpec["columns"] {
  if (!r.uncertainty) return [];
  return [
    { key: "interval", label: `${Math.round(r.uncertainty.level * 100)}% int.`, format: dot },
    { key: "pClass", label: "P(cls)", format: prob },
  ];
}

/** Compact text: with benchmark columns, Actual and Predicted move to Table 3b and the CSV. */
function compactColumns(
  r: StudyResult,
  compact: boolean,
  columns: TableSpec["columns"],
): TableSpec["columns"] {
  if (!compact || benchmarkColumns(r).length === 0) return columns;
  return columns.filter((c) => c.key !== "actual" && c.key !== "predicted");
}

/** One row of Table 3 per partner-year of the window, ours beside the paper's. */
function table3Rows(r: StudyResult): Record<string, unknown>[] {
  const ours = new Map(r.potential.map((p) => [`${p.country}|${p.year}`, p]));
  const design = new Map(r.data.design.map((d) => [`${d.country}|${d.year}`, d]));
  const paper = new Map(
    (r.paper?.comparison.classes ?? []).map((c) => [`${c.country}|${c.year}`, c]),
  );
  const rows: Record<string, unknown>[] = [];
  for (const country of r.config.partners) {
    for (let year = r.config.years.from; year <= r.config.years.to; year++) {
      const o = ours.get(`${country}|${year}`);
      const p = paper.get(`${country}|${year}`);
      rows.push({
        country,
        year,
        actual: o?.actual ?? design.get(`${country}|${year}`)?.actual ?? null,
        predicted: o?.predicted ?? null,
        k: o?.k ?? null,
        class: o ? (o.class ?? (o.outOfSample ? "(out of sample)" : "-")) : "-",
        ...kIntervalCells(o),
        ...benchmarkCells(r, country, year),
        paperK: p?.paperK ?? null,
        paperClass: p?.paperClass ?? "-",
        agree: p?.agree ?? null,
      });
    }
  }
  return rows;
}

/** The notes under Table 3: K's definition and classes, the paper's contradictions, the columns. */
function table3Notes(r: StudyResult): string[] {
  const cmp = r.paper?.comparison;
  const t = r.config.potential.thresholds;
  return [
    `${r.potentialNote}; classes: K <= ${t.huge} huge, ${t.huge} < K < ${t.remodelling} ` +
    `expanding, K >= ${t.remodelling} remodelling.`,
    ...(cmp?.paperInconsistencies.length
      ? [`The paper contradicts its own thresholds: ${cmp.paperInconsistencies.join("; ")}.`]
      : []),
    ...benchmarkColumnsNote(r),
    ...kColumnsDefinitionNote(r),
    ...structuralFlagNote(r),
    ...(r.uncertainty
      ? [
        `${
          Math.round(r.uncertainty.level * 100)
        }% int. = interval of K; P(cls) = probability of the class shown. ${r.uncertainty.method}`,
      ]
      : []),
  ];
}

/**
 * Table 3: K and class per country-year, ours beside the paper's.
 *
 * @example
 * ```ts
 * console.log(formatTable(table3Spec(result), "markdown"));
 * ```
 */
export function table3Spec(r: StudyResult, options: { compact?: boolean } = {}): TableSpec {
  return {
    title: "Table 3. Trade potential K: ours beside the paper's",
    columns: compactColumns(r, options.compact ?? false, [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "actual", label: "Actual", format: level },
      { key: "predicted", label: "Predicted", format: level },
      { key: "k", label: "K", format: f3 },
      { key: "class", label: "Class", align: "left" },
      ...kIntervalColumns(r),
      ...benchmarkColumns(r),
      { key: "paperK", label: "Paper K", format: fixed3 },
      { key: "paperClass", label: "Paper class", align: "left" },
      { key: "agree", label: "Same class", format: yesNo, align: "left" },
    ]),
    rows: table3Rows(r),
    notes: table3Notes(r),
  };
}
