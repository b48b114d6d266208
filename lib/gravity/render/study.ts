/**
 * Text and markdown formatting of the study's tables (computing stays in study.ts).
 * @module
 */
import { formatCell, formatTable, type TableFormat, type TableSpec } from "../../report/table.ts";
import { formatForecast } from "./forecast.ts";
import {
  benchmarkCells,
  benchmarkColumns,
  benchmarkColumnsNote,
  benchmarkKSpec,
  benchmarkRegressionSpec,
  structuralKSpec,
  worldCoverageSpec,
} from "./world.ts";
import { describeDisagreement } from "../study/paper.ts";
import { sensitivitySpec } from "./sensitivity.ts";
import type { StudyResult } from "../study/types.ts";

const f3 = (v: unknown) => formatCell(v, 3);
/** Actual and predicted trade: whole numbers from 1e7 up, so both columns read alike (never an
 * integer beside an exponent). */
const level = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) >= 1e7
    ? String(Math.round(v))
    : formatCell(v, 4);
/** The paper's numbers are printed with three decimals: show them so (0.000, not 0). */
const fixed3 = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : ".");
const yesNo = (v: unknown) => (v === null || v === undefined ? "." : v ? "yes" : "NO");
const frac = (v: unknown) => {
  const o = v as { present: number; total: number } | null;
  return o ? `${o.present}/${o.total}` : "-";
};

function ranges(years: number[]): string {
  const out: string[] = [];
  let start = years[0];
  for (let i = 1; i <= years.length; i++) {
    if (i === years.length || years[i] !== years[i - 1] + 1) {
      out.push(start === years[i - 1] ? String(start) : `${start}-${years[i - 1]}`);
      start = years[i];
    }
  }
  return out.join(",");
}

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
    const where = [...countries].map(([c, ys]) => `${c} ${ranges(ys)}`).join("; ");
    return `${piece} (${n}): ${where}`;
  });
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
  const moved = compact
    ? [
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
    ]
    : [];
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
      ...moved,
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

/**
 * The benchmark's tables, in report order (none without a benchmark): K against the benchmark
 * (Table 3b), the world panel's coverage (Table 1b), the benchmark regressions.
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

/** Width the text report is wrapped to. */
export const TEXT_WIDTH = 120;

/**
 * Wrap every line longer than `width` at spaces (or `;`/`,` boundaries), continuing with the
 * line's indent (plus 4 spaces). Lines without a break point are left as they are.
 *
 * @example
 * ```ts
 * wrapText("  - " + "word ".repeat(40), 60).split("\n").length; // 4
 * ```
 */
export function wrapText(text: string, width = TEXT_WIDTH): string {
  return text.split("\n").flatMap((line) => {
    if (line.length <= width) return [line];
    const indent = " ".repeat(line.match(/^ */)![0].length + 4);
    const out: string[] = [];
    let rest = line;
    let first = true;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(" ", width);
      const minCut = first ? 1 : indent.length + 1;
      if (cut < minCut) break;
      out.push(rest.slice(0, cut).trimEnd());
      rest = indent + rest.slice(cut + 1).trimStart();
      first = false;
    }
    out.push(rest);
    return out;
  }).join("\n");
}

function droppedNote(r: StudyResult): string[] {
  const d = r.pca.dropped;
  if (!d.length) return [];
  return [
    `Dropped for coverage below ${r.config.cbec.minCoverage} of ${r.pca.sampleSize} ` +
    `country-years: ${d.map((x) => `${x.indicator} (${x.present})`).join(", ")}.`,
  ];
}

/**
 * PCA summary: eigenvalues, retained components, weights, KMO and Bartlett, and loadings.
 *
 * @example
 * ```ts
 * console.log(formatTable(pcaSpec(result), "markdown"));
 * ```
 */
export function pcaSpec(r: StudyResult): TableSpec {
  const p = r.pca;
  const rule = p.retention.rule === "cumulative"
    ? `cumulative share >= ${p.retention.share}`
    : p.retention.rule === "kaiser"
    ? "eigenvalue > 1"
    : "first component";
  if (!p.ok) {
    return {
      title: "CBEC index (PCA of the standardized CBEC indicators)",
      columns: [{ key: "indicator", label: "Indicator" }, {
        key: "present",
        label: `Present (of ${p.sampleSize})`,
      }],
      rows: p.coverage,
      notes: [`${p.reason}.`, ...droppedNote(r)],
    };
  }
  const nc = Math.min(p.eigenvalues.length, Math.max(p.retained, 2));
  const columns = [
    { key: "indicator", label: "Indicator" },
    ...Array.from({ length: nc }, (_, c) => ({
      key: `pc${c + 1}`,
      label: `PC${c + 1}${c < p.retained ? "*" : ""}`,
      format: f3,
    })),
    { key: "kmo", label: "KMO", format: f3 },
  ];
  const rows = p.indicators.map((ind, v) => {
    const row: Record<string, unknown> = { indicator: ind, kmo: p.kmo?.perVariable[v] };
    for (let c = 0; c < nc; c++) row[`pc${c + 1}`] = p.loadings[v][c];
    return row;
  });
  const eig = p.eigenvalues.map((e, c) =>
    `PC${c + 1} ${formatCell(e, 3)} (${formatCell(100 * p.proportion[c], 1)}%)`
  );
  return {
    title: "CBEC index (PCA of the standardized CBEC indicators): loadings",
    columns,
    rows,
    notes: [
      `N = ${p.n} of ${p.sampleSize} country-years (${p.excluded.length} excluded: an indicator ` +
      `missing). Eigenvalues: ${eig.join(", ")}.`,
      `Retained (${rule}): ${p.retained} (*); composite = ${
        p.weights.map((w, c) => `${formatCell(w, 3)} x PC${c + 1}`).join(" + ")
      } (eigenvalue shares among the retained; components oriented so loadings sum >= 0).`,
      `KMO overall ${formatCell(p.kmo?.overall ?? NaN, 3)}; Bartlett chi2(${p.bartlett?.df}) = ` +
      `${formatCell(p.bartlett?.chi2 ?? NaN, 2)}, p = ${formatCell(p.bartlett?.p ?? NaN, 4)}.`,
      ...droppedNote(r),
    ],
  };
}

/**
 * Table 2: our regression beside the paper's.
 *
 * @example
 * ```ts
 * console.log(formatTable(table2Spec(result), "text"));
 * ```
 */
export function table2Spec(r: StudyResult): TableSpec {
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
  return {
    title: "Table 2. Gravity regression: ours beside the paper's",
    columns: [
      { key: "term", label: "Term" },
      { key: "b", label: "Coef.", format: f3, align: "right" },
      { key: "se", label: "SE", format: f3 },
      { key: "t", label: "t", format: f3 },
      { key: "p", label: "P>|t|", format: f3 },
      { key: "lo", label: "95% lo", format: f3 },
      { key: "hi", label: "95% hi", format: f3 },
      { key: "vif", label: "VIF", format: (v) => formatCell(v, 2) },
      { key: "paperB", label: "Paper coef.", format: fixed3 },
      { key: "paperSe", label: "Paper SE", format: fixed3 },
      { key: "paperP", label: "Paper P", format: fixed3 },
      { key: "sign", label: "Same sign", format: yesNo, align: "left" },
    ],
    rows,
    notes,
  };
}

/** The interval and P(class) cells of a potential row (empty without uncertainty). */
function kIntervalCells(o: StudyResult["potential"][number] | undefined): Record<string, unknown> {
  if (!o || o.kLower === undefined) return {};
  const p = o.classProbabilities;
  return {
    interval: o.kLower === null ? null : `${formatCell(o.kLower, 2)}-${formatCell(o.kUpper, 2)}`,
    pClass: p && o.class ? p[o.class] : null,
  };
}

/** The interval and P(class) columns of Table 3 (none when no uncertainty was computed). */
function kIntervalColumns(r: StudyResult): TableSpec["columns"] {
  if (!r.uncertainty) return [];
  return [
    {
      key: "interval",
      label: `${Math.round(r.uncertainty.level * 100)}% int.`,
      format: (v) => (v === null || v === undefined ? "." : String(v)),
    },
    {
      key: "pClass",
      label: "P(cls)",
      format: (v) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(2) : "."),
    },
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

/**
 * Table 3: K and class per country-year, ours beside the paper's.
 *
 * @example
 * ```ts
 * console.log(formatTable(table3Spec(result), "markdown"));
 * ```
 */
export function table3Spec(r: StudyResult, options: { compact?: boolean } = {}): TableSpec {
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
  const cmp = r.paper?.comparison;
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
    rows,
    notes: [
      `${r.potentialNote}; classes: K <= ${r.config.potential.thresholds.huge} huge, ` +
      `${r.config.potential.thresholds.huge} < K < ${r.config.potential.thresholds.remodelling} ` +
      `expanding, K >= ${r.config.potential.thresholds.remodelling} remodelling.`,
      ...(cmp?.paperInconsistencies.length
        ? [`The paper contradicts its own thresholds: ${cmp.paperInconsistencies.join("; ")}.`]
        : []),
      ...benchmarkColumnsNote(r),
      ...(r.uncertainty
        ? [
          `${
            Math.round(r.uncertainty.level * 100)
          }% int. = interval of K; P(cls) = probability of the class shown. ${r.uncertainty.method}`,
        ]
        : []),
    ],
  };
}

/**
 * The comparison lines: sign agreement, class agreement, and why results differ.
 *
 * @example
 * ```ts
 * formatComparison(result).join("\n");
 * ```
 */
export function formatComparison(r: StudyResult, markdown = false): string[] {
  const cmp = r.paper?.comparison;
  const lines: string[] = [
    markdown ? "**Comparison with the paper**\n" : "Comparison with the paper",
  ];
  if (cmp) {
    lines.push(
      `  Sign agreement: ${cmp.signAgreement.agree} of ${cmp.signAgreement.compared} ` +
        `coefficients compared.`,
      `  Class agreement: ${cmp.classAgreement.agree} of ${cmp.classAgreement.compared} ` +
        `country-years compared (the paper has ${
          r.paper!.table3.filter((p) => p.k !== null).length
        } K values).`,
      ...describeDisagreement(cmp).map((l) => `  ${l}`),
    );
  } else lines.push("  (paper tables not loaded)");
  lines.push(markdown ? "\n**Why they differ**\n" : "Why they differ");
  for (const d of r.differences) lines.push(`  - ${d}`);
  return lines;
}

const escapeHtml = (t: string) =>
  t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function studyHtml(r: StudyResult): string {
  const list = (items: string[]) =>
    `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  const cmp = formatComparison(r).slice(1);
  const why = cmp.indexOf("Why they differ");
  return [
    `<h2>${escapeHtml(r.config.title)}</h2>`,
    `<p>${escapeHtml(studyHeadline(r))}</p>`,
    ...(r.config.choices.length ? ["<h3>Choices</h3>", list(r.config.choices)] : []),
    ...[table1Spec(r), pcaSpec(r), table2Spec(r), table3Spec(r), ...benchmarkSpecs(r)].map((s) =>
      formatTable(s, "html")
    ),
    ...(r.sensitivity ? [formatTable(sensitivitySpec(r.sensitivity), "html")] : []),
    "<h3>Comparison with the paper</h3>",
    list(cmp.slice(0, why).map((l) => l.trim())),
    "<h3>Why they differ</h3>",
    list(r.differences),
    ...(r.forecast ? [formatForecast(r.forecast, "html")] : []),
    ...(r.warnings.length ? ["<h3>Warnings</h3>", list(r.warnings)] : []),
  ].join("\n");
}

function studyHeadline(r: StudyResult): string {
  return `Reporter ${r.config.reporter}; partners ${r.config.partners.join(" ")}; years ` +
    `${r.config.years.from}-${r.config.years.to}; dependent ln ${r.config.dependent.variable}.`;
}

/**
 * The whole printed report in text, markdown or HTML.
 *
 * @example
 * ```ts
 * console.log(formatStudy(result, "text"));
 * ```
 */
export function formatStudy(r: StudyResult, format: Exclude<TableFormat, "csv"> = "text"): string {
  if (format === "html") return studyHtml(r);
  const md = format === "markdown";
  const out: string[] = [md ? `# ${r.config.title}` : r.config.title];
  out.push(studyHeadline(r));
  if (r.config.choices.length) {
    out.push(md ? "\n**Choices**\n" : "Choices:");
    for (const c of r.config.choices) out.push(`  - ${c}`);
  }
  const t1 = table1Spec(r, { compact: !md });
  for (const spec of [t1, pcaSpec(r), table2Spec(r), table3Spec(r, { compact: !md })]) {
    out.push("", formatTable(spec, format));
  }
  for (const spec of benchmarkSpecs(r)) out.push("", formatTable(spec, format));
  if (r.sensitivity) out.push("", formatTable(sensitivitySpec(r.sensitivity), format));
  out.push("", ...formatComparison(r, md));
  if (r.forecast) out.push("", formatForecast(r.forecast, format));
  if (r.warnings.length) {
    out.push("", "Warnings:", ...r.warnings.map((w) => `  - ${w}`));
  }
  return md ? out.join("\n") : wrapText(out.join("\n"), TEXT_WIDTH);
}
