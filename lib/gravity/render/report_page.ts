/**
 * The study's one self-contained HTML page (`report.html`): the summary and choices, each
 * section's table in HTML with its inline SVG figures, the comparison with the paper and why the
 * results differ, the forecast and the warnings.
 * @module
 */
import { escapeXml } from "../../report/escape.ts";
import { reportPage, type ReportSection } from "../../report/html.ts";
import { formatTable } from "../../report/table.ts";
import { comparisonSentences } from "./comparison.ts";
import { table1Spec } from "./coverage.ts";
import { type StudyFigure, studyFigures } from "./figures.ts";
import { formatForecast } from "./forecast.ts";
import { formatFrontierSection } from "./frontier.ts";
import { htmlList } from "./formatters.ts";
import { pcaSpec } from "./pca.ts";
import { table3Spec } from "./potential.ts";
import { table2Spec } from "./regression.ts";
import { sensitivitySpec } from "./sensitivity.ts";
import { studyHeadline } from "./study.ts";
import { benchmarkSpecs } from "./world.ts";
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

/** The first section: the headline, why there is no regression (with the hints), the choices. */
function summaryHtml(r: StudyResult, hints: string[]): string {
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
  if (r.config.choices.length) summary.push("<h3>Choices</h3>", htmlList(r.config.choices));
  return summary.join("\n");
}

/** The sections of the page after the summary, in report order (optional ones when present). */
function studySections(r: StudyResult, figures: StudyFigure[]): ReportSection[] {
  const figs = (part: StudyFigure["part"]) =>
    figures.filter((f) => f.part === part).map(figureHtml).join("\n");
  const withFigures = (html: string, part: StudyFigure["part"]) => [html, figs(part)].join("\n");
  const sections: ReportSection[] = [
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
 * One self-contained HTML page: choices, Table 1, the PCA with its figures, Table 2 and Table 3
 * with theirs, the comparison with the paper and why the results differ, and warnings.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("out/study/report.html", studyReport(result));
 * ```
 */
export function studyReport(r: StudyResult, options: StudyReportOptions = {}): string {
  const figures = options.figures ?? studyFigures(r);
  return reportPage({
    title: r.config.title,
    subtitle: `cbec-gravity study${options.configPath ? ` (config ${options.configPath})` : ""}; ` +
      `the paper: ${r.paper?.source ?? "not loaded"}.`,
    sections: [
      { heading: "Summary and choices", html: summaryHtml(r, options.hints ?? []) },
      ...studySections(r, figures),
    ],
  });
}
