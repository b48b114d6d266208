/**
 * Tables of the world benchmark: the China world panel's coverage (Table 1b, dropped partners
 * named), the benchmark regressions, K against the benchmark with intervals and class
 * probabilities (Table 3b) and Table 3's benchmark columns; the benchmark regressions also as
 * models side by side for LaTeX (the structural K's Table 3c is structural.ts). Formatting only; computing is in
 * lib/gravity/world/.
 * @module
 */
import { modelsSpec } from "../../../report/models_table.ts";
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { dot, estimatorLabel, f3, kDefinitionText, kInterval, prob } from "./formatters.ts";
import { structuralKSpec } from "./structural.ts";
import type { BenchmarkFit } from "../../world/benchmark.ts";
import type { StudyResult } from "../../study/types.ts";

/** "multivariate t(df)", or "multivariate normal" when df is infinite (PPML uses z). */
export const multivariate = (df: number): string =>
  Number.isFinite(df) ? `multivariate t(${df})` : "multivariate normal";

/**
 * The fits of the benchmark that were estimated.
 *
 * @example
 * ```ts
 * benchmarkFits(result).map((f) => f.estimator); // ["ols", "ppml"]
 * ```
 */
export function benchmarkFits(r: StudyResult): BenchmarkFit[] {
  return (r.benchmark?.fits ?? []).filter((f) => f.ok);
}

/**
 * Table 1b: the China world panel, variable by variable: source, partner-years present, and the
 * partners without any value (dropped from the benchmark), named.
 *
 * @example
 * ```ts
 * const spec = worldCoverageSpec(result); // null without a benchmark
 * ```
 */
export function worldCoverageSpec(r: StudyResult): TableSpec | null {
  const b = r.benchmark;
  if (!b) return null;
  const p = b.panel;
  return {
    title: `Table 1b. China world panel: ${p.reporter}-reported trade with every partner, ` +
      `${p.years.from}-${p.years.to}`,
    columns: [
      { key: "variable", label: "Variable" },
      { key: "present", label: "Partner-yrs", align: "right" },
      { key: "without", label: "Partners without", align: "right" },
      { key: "source", label: "Source", align: "left" },
    ],
    rows: p.coverage.map((c) => ({
      variable: c.variable,
      present: `${c.present}/${c.total}`,
      without: c.missingPartners.length,
      source: c.source,
    })),
    notes: [
      `${p.partners.length} partners with reported trade; ${p.dropped.length} lack a variable in ` +
      `every year and cannot enter the benchmark: ` +
      (p.dropped.map((d) => `${d.partner} (${d.missing.join(", ")})`).join("; ") || "none") +
      ".",
      ...p.coverage.filter((c) => c.missingPartners.length).map((c) =>
        `No ${c.variable} in any year: ${c.missingPartners.join(" ")}.`
      ),
      `CEPII's 2004-era codes are mapped to today's ISO3 by data/cepii-iso3.csv (each mapping ` +
      `stated there).`,
      ...p.notes,
    ],
  };
}

/**
 * The benchmark regressions side by side (coefficient and SE per estimator), with N, the
 * partners and the years each used.
 *
 * @example
 * ```ts
 * const spec = benchmarkRegressionSpec(result);
 * ```
 */
export function benchmarkRegressionSpec(r: StudyResult): TableSpec | null {
  const b = r.benchmark;
  if (!b) return null;
  const fits = benchmarkFits(r);
  const terms = [...new Set(fits.flatMap((f) => f.coefficients.map((c) => c.term)))];
  const rows = terms.map((term) => {
    const row: Record<string, unknown> = { term };
    for (const f of fits) {
      const c = f.coefficients.find((x) => x.term === term);
      row[`${f.estimator}_b`] = c?.estimate ?? null;
      row[`${f.estimator}_se`] = c?.stdError ?? null;
    }
    return row;
  });
  const where = b.config.outOfSample
    ? `the study's partners (${r.config.partners.join(" ")}) left out (out of sample)`
    : `the study's partners included (in sample)`;
  return {
    title: `Benchmark: gravity of ${r.config.reporter}'s trade with the world, ` +
      `${b.config.years.from}-${b.config.years.to}, ${where}`,
    columns: [
      { key: "term", label: "Term" },
      ...fits.flatMap((f) => [
        { key: `${f.estimator}_b`, label: `${estimatorLabel(f.estimator)} coef.`, format: f3 },
        { key: `${f.estimator}_se`, label: "SE", format: f3 },
      ]),
    ],
    rows,
    notes: [
      ...b.fits.map((f) =>
        f.ok
          ? `${estimatorLabel(f.estimator)}: N = ${f.n} partner-years, ` +
            `${f.partners.length} partners, years ` +
            `${f.years[0]}-${f.years[f.years.length - 1]}; left out: ${f.excluded.studyPartners} ` +
            `study-partner years, ${f.excluded.missing} with a missing variable` +
            (f.estimator === "ols" ? `, ${f.excluded.zeroTrade} with zero trade (no log)` : "") +
            `; SE ${f.se} by partner` +
            (f.omitted.length ? `; omitted (collinear): ${f.omitted.join(", ")}` : "") +
            (f.r2 !== undefined ? `; R2 = ${formatCell(f.r2, 3)}` : "") + "."
          : `${estimatorLabel(f.estimator)}: not estimated: ${f.reason}.`
      ),
      `Dependent: ${r.config.reporter}-reported exports + imports (US$), ln for OLS, level for ` +
      `PPML; year effects (the first year the base) absorb the reporter's own size.`,
      ...benchmarkFits(r).map((f, i, all) =>
        i > 0 && f.partners.join(" ") === all[0].partners.join(" ")
          ? `${estimatorLabel(f.estimator)} partners: the same ${f.partners.length} as ` +
            `${estimatorLabel(all[0].estimator)}.`
          : `${estimatorLabel(f.estimator)} partners: ${f.partners.join(" ")}.`
      ),
    ],
  };
}

/**
 * The benchmark regressions as models side by side (esttab/etable layout: coefficients with
 * stars, SEs in parentheses, then N, partners, R2, the year effects and the SE type), for LaTeX;
 * the notes are those of {@link benchmarkRegressionSpec}. Null without a benchmark.
 *
 * @example
 * ```ts
 * const spec = benchmarkModelsSpec(result); // formatLatex(spec)
 * ```
 */
export function benchmarkModelsSpec(r: StudyResult): TableSpec | null {
  const table = benchmarkRegressionSpec(r);
  const b = r.benchmark;
  if (!table || !b) return null;
  const years = b.config.fixedEffects.includes("year") ? "Yes" : "No";
  const fits = benchmarkFits(r);
  return modelsSpec(
    fits.map((f) => ({
      title: estimatorLabel(f.estimator),
      coefficients: f.coefficients.filter((c) => !/^year_\d+$/.test(c.term)),
      stats: [
        ["Observations", String(f.n)],
        ["Partners", String(f.partners.length)],
        ["R2", f.r2 === undefined ? "." : formatCell(f.r2, 3)],
        ["Year effects", years],
        ["Standard errors", `${f.se} by partner`],
      ],
    })),
    { title: table.title, notes: table.notes },
  );
}

/**
 * Table 3b: K against the benchmark for each study partner-year, with the interval, the class
 * and its probability per estimator, beside the paper-style in-sample K.
 *
 * @example
 * ```ts
 * const spec = benchmarkKSpec(result);
 * ```
 */
export function benchmarkKSpec(r: StudyResult): TableSpec | null {
  const fits = benchmarkFits(r);
  if (!r.benchmark || !fits.length) return null;
  const level = Math.round(r.config.uncertainty.level * 100);
  const inSample = new Map(r.potential.map((p) => [`${p.country}|${p.year}`, p]));
  const keys = [...new Set(fits.flatMap((f) => f.k.map((k) => `${k.country}|${k.year}`)))].sort();
  const rows = keys.map((key) => {
    const [country, year] = key.split("|");
    const row: Record<string, unknown> = { country, year: Number(year) };
    row.studyK = inSample.get(key)?.k ?? null;
    for (const f of fits) {
      const k = f.k.find((x) => `${x.country}|${x.year}` === key);
      row[`${f.estimator}_k`] = k?.k ?? null;
      row[`${f.estimator}_int`] = k?.kLower != null ? kInterval(k.kLower, k.kUpper) : null;
      row[`${f.estimator}_class`] = k?.class ?? "-";
      row[`${f.estimator}_p`] = k?.class && k.classProbabilities
        ? k.classProbabilities[k.class]
        : null;
    }
    return row;
  });
  return {
    title: "Table 3b. Trade potential K against the world benchmark",
    columns: [
      { key: "country", label: "Country" },
      { key: "year", label: "Year", format: String },
      { key: "studyK", label: "Study K", format: f3 },
      ...fits.flatMap((f) => [
        { key: `${f.estimator}_k`, label: `K ${estimatorLabel(f.estimator)}`, format: f3 },
        { key: `${f.estimator}_int`, label: `${level}% int.`, format: dot },
        { key: `${f.estimator}_class`, label: "Class", align: "left" as const },
        { key: `${f.estimator}_p`, label: "P(cls)", format: prob },
      ]),
    ],
    rows,
    notes: [
      fits.every((f) => f.kDefinition)
        ? `K against the benchmark's prediction (exp of the linear prediction, year effect ` +
          `included) under the study's one K definition (potential.definition ` +
          `"${r.config.potential.definition}"): ` +
          fits.map((f) => `${estimatorLabel(f.estimator)}: ${kDefinitionText(f.kDefinition!)}`)
            .join("; ") +
          `; Study K = the paper-style in-sample K of Table 3, same definition.`
        : `K = actual / benchmark prediction (exp of the linear prediction, year effect ` +
          `included); Study K = the paper-style in-sample K of Table 3.`,
      ...fits.map((f) =>
        `${estimatorLabel(f.estimator)} ${level}% int. and P(cls): ` +
        `${r.config.uncertainty.draws} draws (seed ${r.config.uncertainty.seed}) of the ` +
        `benchmark's coefficients (year effects included) from a ${multivariate(f.df)} with its ` +
        `${f.se} covariance; K* = actual / predicted* per draw (coefficient uncertainty only: ` +
        `the actual value is observed).`
      ),
    ],
  };
}

/**
 * The benchmark K cells of one partner-year for Table 3 (`bench_ols`, `bench_ppml`).
 *
 * @example
 * ```ts
 * benchmarkCells(result, "KAZ", 2018); // { bench_ols: 0.93, bench_ppml: 1.02 }
 * ```
 */
export function benchmarkCells(
  r: StudyResult,
  country: string,
  year: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of benchmarkFits(r)) {
    out[`bench_${f.estimator}`] = f.k.find((k) => k.country === country && k.year === year)?.k ??
      null;
  }
  if (r.structural?.ok) {
    out.struct_k = r.structural.k.find((k) => k.country === country && k.year === year)?.k ?? null;
  }
  return out;
}

/**
 * Table 3's benchmark K columns (one per estimated benchmark, then the structural K).
 *
 * @example
 * ```ts
 * benchmarkColumns(result).map((c) => c.label); // ["K-OLS", "K-PPML", "K-struct"]
 * ```
 */
export function benchmarkColumns(r: StudyResult): TableSpec["columns"] {
  return [
    ...benchmarkFits(r).map((f) => ({
      key: `bench_${f.estimator}`,
      label: `K-${estimatorLabel(f.estimator)}`,
      format: f3,
    })),
    ...(r.structural?.ok ? [{ key: "struct_k", label: "K-struct", format: f3 }] : []),
  ];
}

/**
 * Table 3's note on the benchmark K columns (none without them).
 *
 * @example
 * ```ts
 * benchmarkColumnsNote(result); // ["K-OLS, K-PPML: K against the world benchmark (Table 3b); ..."]
 * ```
 */
export function benchmarkColumnsNote(r: StudyResult): string[] {
  const fits = benchmarkFits(r);
  const parts = [
    ...(fits.length
      ? [
        fits.map((f) => `K-${estimatorLabel(f.estimator)}`).join(", ") +
        `: K against the world benchmark (Table 3b)`,
      ]
      : []),
    ...(r.structural?.ok ? ["K-struct: the structural K (Table 3c)"] : []),
  ];
  return parts.length ? [`${parts.join("; ")}.`] : [];
}

/**
 * Table 3's note on the one K definition of its K columns: each column's formula and factor, or
 * why the configured definition does not apply to it (none for results without the definitions).
 *
 * @example
 * ```ts
 * kColumnsDefinitionNote(result);
 * // ['One K definition in every K column (potential.definition "smearing"): K: ... = 1.021; ...']
 * ```
 */
export function kColumnsDefinitionNote(r: StudyResult): string[] {
  const columns: [string, string][] = [
    ...(r.kDefinition ? [["K", kDefinitionText(r.kDefinition)] as [string, string]] : []),
    ...benchmarkFits(r).filter((f) => f.kDefinition).map((f): [string, string] => [
      `K-${estimatorLabel(f.estimator)}`,
      kDefinitionText(f.kDefinition!),
    ]),
    ...(r.structural?.ok && r.structural.kDefinition
      ? [["K-struct", kDefinitionText(r.structural.kDefinition)] as [string, string]]
      : []),
  ];
  if (!(columns.length > 1 || r.kDefinition?.applied === "smearing")) return [];
  const byText = new Map<string, string[]>();
  for (const [label, text] of columns) byText.set(text, [...(byText.get(text) ?? []), label]);
  return [
    `One K definition in every K column (potential.definition ` +
    `"${r.config.potential.definition}"): ` +
    [...byText].map(([text, labels]) => `${labels.join(", ")}: ${text}`).join("; ") + ".",
  ];
}

/**
 * The benchmark's tables, in report order (none without a benchmark): K against the benchmark
 * (Table 3b), the structural K (Table 3c), the world panel's coverage (Table 1b), the benchmark
 * regressions.
 *
 * @example
 * ```ts
 * for (const s of benchmarkSpecs(result)) console.log(formatTable(s, "text"));
 * ```
 */
export function benchmarkSpecs(r: StudyResult): TableSpec[] {
  return [
    benchmarkKSpec(r),
    structuralKSpec(r),
    worldCoverageSpec(r),
    benchmarkRegressionSpec(r),
  ].filter(
    (s): s is TableSpec => s !== null,
  );
}
