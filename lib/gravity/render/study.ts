/**
 * The printed study. In full, in text, markdown or HTML: the headline and choices, every
 * section's table in report order, the comparison, the forecast and the warnings. As a summary
 * (the terminal's default): what we found, Table 2 and Table 3 compact, the warnings and where
 * the files are. Text is wrapped to {@link TEXT_WIDTH} columns; each section's table is
 * formatted in its own file, the findings are computed in lib/gravity/study/findings.ts.
 * @module
 */
import { escapeXml } from "../../report/escape.ts";
import { formatTable, type TableFormat } from "../../report/table.ts";
import { comparisonSentences, formatComparison } from "./sections/comparison.ts";
import { table1Spec } from "./sections/coverage.ts";
import { formatForecast } from "./sections/forecast.ts";
import { formatFrontierSection } from "./sections/frontier.ts";
import { htmlList } from "./sections/formatters.ts";
import { pcaSpec } from "./sections/pca.ts";
import { table3MatrixSpec, table3Spec } from "./sections/potential.ts";
import { table2Spec } from "./sections/regression.ts";
import { sensitivitySpec } from "./sections/sensitivity.ts";
import { benchmarkSpecs } from "./sections/world.ts";
import { formatCounterfactualSection } from "./sections/counterfactual.ts";
import type { StudyResult } from "../study/types.ts";

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

/**
 * The study's one-line headline: reporter, partners, years and the dependent variable.
 *
 * @example
 * ```ts
 * studyHeadline(result); // "Reporter CHN; partners KAZ KGZ TJK TKM UZB; years 2015-2022; ..."
 * ```
 */
export function studyHeadline(r: StudyResult): string {
  return `Reporter ${r.config.reporter}; partners ${r.config.partners.join(" ")}; years ` +
    `${r.config.years.from}-${r.config.years.to}; dependent ln ${r.config.dependent.variable}.`;
}

/** Items of an HTML list as this page has always printed them (on one line, `"` kept). */
const list = (items: string[]) => htmlList(items, { newlines: false, quotes: false });
const text = (t: string) => escapeXml(t, { quotes: false });

function studyHtml(r: StudyResult): string {
  return [
    `<h2>${text(r.config.title)}</h2>`,
    `<p>${text(studyHeadline(r))}</p>`,
    ...(r.config.choices.length ? ["<h3>Choices</h3>", list(r.config.choices)] : []),
    ...[table1Spec(r), pcaSpec(r), table2Spec(r), table3Spec(r), ...benchmarkSpecs(r)].map((s) =>
      formatTable(s, "html")
    ),
    ...(r.frontier ? [formatFrontierSection(r, "html")] : []),
    ...(r.sensitivity ? [formatTable(sensitivitySpec(r.sensitivity), "html")] : []),
    ...(r.counterfactual ? [formatCounterfactualSection(r, "html")] : []),
    "<h3>Comparison with the paper</h3>",
    list(comparisonSentences(r)),
    "<h3>Why they differ</h3>",
    list(r.differences),
    ...(r.forecast ? [formatForecast(r.forecast, "html")] : []),
    ...(r.warnings.length ? ["<h3>Warnings</h3>", list(r.warnings)] : []),
  ].join("\n");
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
  if (r.frontier) out.push("", formatFrontierSection(r, format));
  if (r.sensitivity) out.push("", formatTable(sensitivitySpec(r.sensitivity), format));
  if (r.counterfactual) out.push("", formatCounterfactualSection(r, format));
  out.push("", ...formatComparison(r, md));
  if (r.forecast) out.push("", formatForecast(r.forecast, format));
  if (r.warnings.length) {
    out.push("", "Warnings:", ...r.warnings.map((w) => `  - ${w}`));
  }
  return md ? out.join("\n") : wrapText(out.join("\n"), TEXT_WIDTH);
}

/** Options of {@link formatSummary}. */
export interface SummaryOptions {
  /** Where the files were written (default "out/study"). */
  outDir?: string;
  /** The files written, relative to `outDir` (default: none listed). */
  files?: string[];
  /** The command that prints everything (default "deno task study --full"). */
  fullCommand?: string;
  /** Lines printed when the regression is not estimable (what else to run). */
  hints?: string[];
}

/**
 * What we found as text lines: one bullet per sentence of the result's findings.
 *
 * @example
 * ```ts
 * findingsLines(result)[0]; // "What we found:"
 * ```
 */
export function findingsLines(r: StudyResult): string[] {
  return ["What we found:", ...r.findings.sentences.map((s) => `  - ${s}`)];
}

/** The lines saying where the files are and how to print everything. */
function filesLines(options: SummaryOptions): string[] {
  const dir = options.outDir ?? "out/study";
  const files = options.files ?? [];
  const has = (name: string) => files.includes(name);
  const figures = files.filter((f) => f.startsWith("figures/")).length;
  const described: [string, string][] = [
    ["tables.tex", "LaTeX tables, booktabs"],
    ["tables.xlsx", "Excel, one sheet per table"],
    ["results.json", "every number"],
  ];
  const named = described.filter(([f]) => has(f)).map(([f, what]) => `${f} (${what})`);
  const rest = files.filter((f) =>
    !f.startsWith("figures/") && f !== "report.html" && !described.some(([d]) => d === f)
  );
  return [
    ...(has("report.html")
      ? [`Full report: ${dir}/report.html (every table and figure, the choices and sources).`]
      : []),
    ...(files.length
      ? [
        `Files in ${dir}/: ${
          [...named, ...rest, ...(figures ? [`figures/ (${figures} SVG)`] : [])].join(", ")
        }.`,
      ]
      : []),
    `Every table in the terminal: ${options.fullCommand ?? "deno task study --full"}.`,
  ];
}

/**
 * The terminal summary of a study (at most a screen or two): the title and headline, what we
 * found (sample, fit, significant coefficients and the paper's agreement, K classes and how sure
 * they are, a headline per later section), Table 2 and Table 3 compact, the warnings, and where
 * the full report and the files are. Wrapped to {@link TEXT_WIDTH} columns.
 *
 * @example
 * ```ts
 * console.log(formatSummary(result, { outDir: "out/study", files: ["report.html", "tables.tex"] }));
 * ```
 */
export function formatSummary(r: StudyResult, options: SummaryOptions = {}): string {
  const out: string[] = [r.config.title, studyHeadline(r), "", ...findingsLines(r)];
  if (options.hints?.length) out.push("", ...options.hints);
  out.push("", formatTable(table2Spec(r, { compact: true }), "text"));
  out.push("", formatTable(table3MatrixSpec(r), "text"));
  if (r.warnings.length) out.push("", "Warnings:", ...r.warnings.map((w) => `  - ${w}`));
  out.push("", ...filesLines(options));
  return wrapText(out.join("\n"), TEXT_WIDTH);
}
