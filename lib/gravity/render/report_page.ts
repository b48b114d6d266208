/**
 * The study's one self-contained HTML page (`report.html`): the findings first (what we found and
 * how sure, with the coefficient plot and the K intervals that carry it), then the method's
 * choices, each section's table in HTML with its inline SVG figures, the comparison with the
 * paper and why the results differ, the forecast and the warnings.
 * @module
 */
import { escapeXml } from "../../report/escape.ts";
import { reportPage, type ReportSection } from "../../report/html.ts";
import { formatTable } from "../../report/table.ts";
import { comparisonSentences } from "./sections/comparison.ts";
import { table1Spec } from "./sections/coverage.ts";
import { formatCounterfactualSection } from "./sections/counterfactual.ts";
import { type StudyFigure, studyFigures } from "./figures.ts";
import { formatForecast } from "./sections/forecast.ts";
import { formatFrontierSection } from "./sections/frontier.ts";
import { htmlList } from "./sections/formatters.ts";
import { pcaSpec } from "./sections/pca.ts";
import { table3Spec } from "./sections/potential.ts";
import { table2Spec } from "./sections/regression.ts";
import { sensitivitySpec } from "./sections/sensitivity.ts";
import { studyHeadline } from "./study.ts";
import { benchmarkSpecs } from "./sections/world.ts";
import type { StudyResult } from "../study/types.ts";

const figureHtml = (f: StudyFigure) =>
  `<figure>\n${f.svg}\n${
    f.noData ? `<figcaption>${escapeXml(`Not drawn: ${f.noData}`)}</figcaption>\n` : ""
  }</figure>`;

/** Options of {@link studyReport}. */
export interface StudyReportOptions {
  /** The figures (default: {@link studyFigures} of the result). */
  figures?: StudyFigure[];
  /** Config file shown in the subtitle. */
  configPath?: string;
  /** Extra hint lines shown when the regression is not estimable. */
  hints?: string[];
}

/**
 * The figures shown with the findings (moved there from their sections when drawn): the
 * coefficients beside the paper's, and K with its intervals (the K heatmap when there are none).
 */
export const FINDINGS_FIGURES = ["coefficient_plot", "k_intervals"];

/** The figures of the findings: those of {@link FINDINGS_FIGURES} drawn (the K heatmap for K
 * intervals not computed). */
function findingsFigures(figures: StudyFigure[]): StudyFigure[] {
  const drawn = (name: string) => figures.find((f) => f.name === name && !f.noData);
  return [drawn("coefficient_plot"), drawn("k_intervals") ?? drawn("k_heatmap")]
    .filter((f): f is StudyFigure => f !== undefined);
}

/**
 * The first section: the headline, why there is no regression (with the hints), what we found
 * (the result's findings) and the figures that carry it.
 */
function findingsHtml(r: StudyResult, hints: string[], figures: StudyFigure[]): string {
  const summary = [`<p>${escapeXml(studyHeadline(r))}</p>`];
  if (!r.regression.estimable) {
    summary.push(
      `<p><strong>The regression could not be estimated</strong>: ${
        escapeXml((r.regression.reason ?? "").replace(/^the regression cannot be estimated: /, ""))
      }. So there is no Table 2 or Table 3 of ours and the regression and K figures are empty; ` +
        `the coverage, the CBEC index and the paper's tables are still shown.</p>`,
      ...hints.map((h) => `<p>${escapeXml(h)}</p>`),
    );
  }
  summary.push(htmlList(r.findings.sentences), ...figures.map(figureHtml));
  return summary.join("\n");
}

/** The sections of the page after the findings, in report order (optional ones when present). */
function studySections(r: StudyResult, figures: StudyFigure[]): ReportSection[] {
  const figs = (part: StudyFigure["part"]) =>
    figures.filter((f) => f.part === part).map(figureHtml).join("\n");
  const withFigures = (html: string, part: StudyFigure["part"]) => [html, figs(part)].join("\n");
  const sections: ReportSection[] = [
    ...(r.config.choices.length
      ? [{ heading: "Choices of the method", html: htmlList(r.config.choices) }]
      : []),
    {
      heading: "Table 1. Variables, sources and coverage",
      html: formatTable(table1Spec(r), "html"),
    },
    { heading: "CBEC index (PCA)", html: withFigures(formatTable(pcaSpec(r), "html"), "pca") },
    {
      heading: "Table 2. Gravity regression",
      html: withFigures(formatTable(table2Spec(r), "html"), "regression"),
    },
    {
      heading: "Table 3. Trade potential K",
      html: withFigures(formatTable(table3Spec(r), "html"), "potential"),
    },
  ];
  if (r.benchmark || r.structural) {
    sections.push({
      heading: "The world benchmark: K out of sample",
      html: [...benchmarkSpecs(r).map((s) => formatTable(s, "html")), figs("benchmark")].join("\n"),
    });
  }
  if (r.frontier) {
    sections.push({
      heading: "Stochastic frontier: trade efficiency and frontier potential",
      html: withFigures(formatFrontierSection(r, "html"), "frontier"),
    });
  }
  if (r.sensitivity) {
    sections.push({
      heading: "Sensitivity: the same equation on each dependent variable",
      html: formatTable(sensitivitySpec(r.sensitivity), "html"),
    });
  }
  if (r.counterfactual) {
    sections.push({
      heading: "General-equilibrium counterfactuals: trade and real income if trade costs change",
      html: withFigures(formatCounterfactualSection(r, "html"), "counterfactual"),
    });
  }
  sections.push({
    heading: "Comparison with the paper and why they differ",
    html: [htmlList(comparisonSentences(r)), "<h3>Why they differ</h3>", htmlList(r.differences)]
      .join("\n"),
  });
  if (r.forecast) {
    sections.push({
      heading: "Forecast: out-of-time validation and scenario projections",
      html: withFigures(formatForecast(r.forecast, "html"), "forecast"),
    });
  }
  if (r.warnings.length) sections.push({ heading: "Warnings", html: htmlList(r.warnings) });
  return sections;
}

/**
 * One self-contained HTML page: the findings with the figures that carry them, the choices,
 * Table 1, the PCA with its figures, Table 2 and Table 3 with theirs, the benchmark, the
 * sensitivity, the comparison with the paper and why the results differ, the forecast and
 * warnings.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("out/study/report.html", studyReport(result));
 * ```
 */
export function studyReport(r: StudyResult, options: StudyReportOptions = {}): string {
  const figures = options.figures ?? studyFigures(r);
  const first = findingsFigures(figures);
  return reportPage({
    title: r.config.title,
    subtitle: `cbec-gravity study${options.configPath ? ` (config ${options.configPath})` : ""}; ` +
      `the paper: ${r.paper?.source ?? "not loaded"}.`,
    sections: [
      { heading: "Findings", html: findingsHtml(r, options.hints ?? [], first) },
      ...studySections(r, figures.filter((f) => !first.includes(f))),
    ],
  });
}
