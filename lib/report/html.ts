/**
 * One self-contained HTML page (inline CSS, inline SVG, no scripts, no external files) for the
 * study's `out/report.html`.
 * @module
 */

import { escapeXml } from "./escape.ts";

/** A section of a {@link reportPage}: a heading and trusted HTML (tables, SVG figures). */
export interface ReportSection {
  heading: string;
  html: string;
}

/** Input of {@link reportPage}. */
export interface ReportPageInput {
  title: string;
  /** Optional line under the title (e.g. data vintage, config file). */
  subtitle?: string;
  sections: ReportSection[];
}

const CSS = `
body { font-family: system-ui, sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em;
  color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
.subtitle { color: #555; margin-top: 0; }
nav ol { padding-left: 1.2em; }
/* A long contents list takes three columns, so the first section starts on the first screen. */
nav ol { columns: 3 16em; column-gap: 2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em;
  font-variant-numeric: tabular-nums; }
/* A table wider than the column scrolls sideways instead of running off the page. */
table { display: block; max-width: 100%; overflow-x: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
/* Numbers are never broken across lines. */
td[style="text-align:right"] { white-space: nowrap; }
th { background: #f3f3f3; }
tbody tr:nth-child(even) { background: #fafafa; }
svg { max-width: 100%; height: auto; }
figure { margin: 1em 0; }
`.trim();

const slug = (s: string, i: number) =>
  `s${i + 1}-` + s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/**
 * Build one self-contained HTML page with a table of contents. Title and headings are escaped;
 * section HTML is inserted as is (it comes from `formatTable` and the figure functions).
 *
 * @example
 * ```ts
 * reportPage({ title: "Study", sections: [{ heading: "Table 2", html: "<table></table>" }] });
 * ```
 */
export function reportPage(input: ReportPageInput): string {
  const toc = input.sections.map((s, i) =>
    `<li><a href="#${slug(s.heading, i)}">${escapeXml(s.heading)}</a></li>`
  ).join("\n");
  const body = input.sections.map((s, i) =>
    `<section id="${slug(s.heading, i)}">\n<h2>${escapeXml(s.heading)}</h2>\n${s.html}\n</section>`
  ).join("\n");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(input.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeXml(input.title)}</h1>`,
    ...(input.subtitle ? [`<p class="subtitle">${escapeXml(input.subtitle)}</p>`] : []),
    ...(input.sections.length > 1 ? [`<nav><ol>\n${toc}\n</ol></nav>`] : []),
    body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
