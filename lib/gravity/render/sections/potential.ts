/**
 * Table 3 of the study: K and class per country-year (with the interval and P(class) when they
 * were computed, and the benchmark K columns when there is a benchmark), beside the paper's; and
 * a compact partner-by-year form of it for the terminal summary.
 * @module
 */
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { dot, f3, fixed3, kInterval, prob, yesNo } from "./formatters.ts";
import {
  benchmarkCells,
  benchmarkColumns,
  benchmarkColumnsNote,
  kColumnsDefinitionNote,
} from "./world.ts";
import type { StudyResult } from "../../study/types.ts";
import { structuralFlagNote } from "./structural.ts";

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

/** The notes under Table 3: K's definition and classes, the paper's contradictions, the columns
 * (the benchmark's when they are shown). */
function table3Notes(r: StudyResult, withBenchmark = true): string[] {
  const cmp = r.paper?.comparison;
  const t = r.config.potential.thresholds;
  return [
    `${r.potentialNote}; classes: K <= ${t.huge} huge, ${t.huge} < K < ${t.remodelling} ` +
    `expanding, K >= ${t.remodelling} remodelling.`,
    ...(cmp?.paperInconsistencies.length
      ? [`The paper contradicts its own thresholds: ${cmp.paperInconsistencies.join("; ")}.`]
      : []),
    ...(withBenchmark ? benchmarkColumnsNote(r) : []),
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
export function table3Spec(
  r: StudyResult,
  options: { compact?: boolean; benchmark?: boolean } = {},
): TableSpec {
  const withBenchmark = options.benchmark ?? true;
  return {
    title: "Table 3. Trade potential K: ours beside the paper's",
    columns: compactColumns(r, (options.compact ?? false) && withBenchmark, [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "actual", label: "Actual", format: level },
      { key: "predicted", label: "Predicted", format: level },
      { key: "k", label: "K", format: f3 },
      { key: "class", label: "Class", align: "left" },
      ...kIntervalColumns(r),
      ...(withBenchmark ? benchmarkColumns(r) : []),
      { key: "paperK", label: "Paper K", format: fixed3 },
      { key: "paperClass", label: "Paper class", align: "left" },
      { key: "agree", label: "Same class", format: yesNo, align: "left" },
    ]),
    rows: table3Rows(r),
    notes: table3Notes(r, withBenchmark),
  };
}

/** A class as a short word for the compact table. */
const SHORT: Record<string, string> = { huge: "H", expanding: "E", remodelling: "R" };

/** One compact cell: K with 2 decimals and the short class ("." when there is neither). */
const kCell = (k: number | null | undefined, cls: string | null | undefined) =>
  k === null || k === undefined
    ? (cls && SHORT[cls] ? `. ${SHORT[cls]}` : ".")
    : `${k.toFixed(2)} ${cls && SHORT[cls] ? SHORT[cls] : "-"}`;

/**
 * Table 3 compact for the terminal summary: one row per partner for our K and one for the
 * paper's, one column per year (K with 2 decimals and the class), and how many classes agree.
 *
 * @example
 * ```ts
 * console.log(formatTable(table3MatrixSpec(result), "text"));
 * ```
 */
export function table3MatrixSpec(r: StudyResult): TableSpec {
  const ours = new Map(r.potential.map((p) => [`${p.country}|${p.year}`, p]));
  const paper = new Map(
    (r.paper?.comparison.classes ?? []).map((c) => [`${c.country}|${c.year}`, c]),
  );
  const years: number[] = [];
  for (let y = r.config.years.from; y <= r.config.years.to; y++) years.push(y);
  const rows: Record<string, unknown>[] = [];
  for (const country of r.config.partners) {
    const mine: Record<string, unknown> = { country, source: "ours" };
    const theirs: Record<string, unknown> = { country: "", source: "paper", same: "" };
    let agree = 0;
    let compared = 0;
    for (const y of years) {
      const o = ours.get(`${country}|${y}`);
      const p = paper.get(`${country}|${y}`);
      mine[`y${y}`] = kCell(o?.k, o?.class);
      theirs[`y${y}`] = kCell(p?.paperK, p?.paperClass);
      if (p?.agree !== null && p?.agree !== undefined) {
        [agree, compared] = [agree + +p.agree, compared + 1];
      }
    }
    mine.same = r.paper ? `${agree} of ${compared}` : ".";
    rows.push(mine, ...(r.paper ? [theirs] : []));
  }
  const t = r.config.potential.thresholds;
  return {
    title: "Table 3 (compact). Trade potential K and class by partner and year" +
      (r.paper ? ", ours beside the paper's" : ""),
    columns: [
      { key: "country", label: "Country" },
      { key: "source", label: "" },
      ...years.map((y) => ({ key: `y${y}`, label: String(y), align: "right" as const })),
      { key: "same", label: "Same class", align: "right" as const },
    ],
    rows,
    notes: [
      `${r.potentialNote}; classes: H huge (K <= ${t.huge}), E expanding, R remodelling ` +
      `(K >= ${t.remodelling}); "." no K. The full Table 3 adds the intervals and the ` +
      `benchmark K.`,
    ],
  };
}
