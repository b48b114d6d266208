/**
 * The study's tables where analysts paste them: `tables.tex` (LaTeX floats with booktabs rules;
 * regressions in the esttab/etable layout) and `tables.xlsx` (Excel, one sheet per table,
 * numbers stored as numbers). Lays out the result's tables; computes nothing.
 * @module
 */
import { formatLatex } from "../report/latex.ts";
import type { TableSpec } from "../report/table.ts";
import { type WorkbookSheet, xlsxWorkbook } from "../report/xlsx.ts";
import { table1Spec } from "../gravity/render/sections/coverage.ts";
import { forecastSpecs } from "../gravity/render/sections/forecast.ts";
import { pcaSpec } from "../gravity/render/sections/pca.ts";
import { table3Spec } from "../gravity/render/sections/potential.ts";
import { table2ModelsSpec, table2Spec } from "../gravity/render/sections/regression.ts";
import { sensitivityModelsSpec, sensitivitySpec } from "../gravity/render/sections/sensitivity.ts";
import { counterfactualSpecs } from "../gravity/render/sections/counterfactual.ts";
import {
  benchmarkKSpec,
  benchmarkModelsSpec,
  benchmarkRegressionSpec,
  worldCoverageSpec,
} from "../gravity/render/sections/world.ts";
import { structuralKSpec } from "../gravity/render/sections/structural.ts";
import type { StudyResult } from "../gravity/study/types.ts";

/** Table 3 for a page: the trade levels (in the CSV and the workbook) and benchmark K left out. */
function table3Latex(r: StudyResult): TableSpec {
  const spec = table3Spec(r, { benchmark: false });
  return {
    ...spec,
    columns: spec.columns.filter((c) => c.key !== "actual" && c.key !== "predicted"),
  };
}

/**
 * The study's tables as one LaTeX fragment to `\input` (it needs `\usepackage{booktabs}`):
 * Table 1, Table 2 (ours beside the paper's, esttab/etable layout), Table 3, the sensitivity
 * models, the benchmark regressions, the benchmark and structural K and the counterfactuals' tables
 * (those present).
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("out/study/tables.tex", studyLatex(result));
 * ```
 */
export function studyLatex(r: StudyResult): string {
  const tables: [TableSpec | null, string, "small" | "footnotesize" | "scriptsize"][] = [
    [table1Spec(r, { compact: true }), "tab:table1", "scriptsize"],
    [table2ModelsSpec(r), "tab:table2", "small"],
    [table3Latex(r), "tab:table3", "scriptsize"],
    [r.sensitivity ? sensitivityModelsSpec(r.sensitivity) : null, "tab:sensitivity", "small"],
    [benchmarkModelsSpec(r), "tab:benchmark", "small"],
    [benchmarkKSpec(r), "tab:table3b", "scriptsize"],
    [structuralKSpec(r), "tab:table3c", "scriptsize"],
    ...counterfactualSpecs(r).map(({ name, spec }) =>
      [
        spec,
        name === "Table 5" ? "tab:table5" : `tab:ge-${name.replace(/\s+/g, "-")}`,
        "scriptsize",
      ] as [
        TableSpec,
        string,
        "scriptsize",
      ]
    ),
  ];
  return [
    `% Tables of "${r.config.title.replace(/\s+/g, " ")}" (cbec-gravity, deno task study).`,
    "% \\input{tables.tex} in a document whose preamble has \\usepackage{booktabs}.",
    "% Regressions: coefficients with stars (*** p < 0.01, ** p < 0.05, * p < 0.1), SEs in",
    "% parentheses beneath, then N, R2 and the fixed effects; every number is in tables.xlsx.",
    "",
    ...tables.flatMap(([spec, label, size]) =>
      spec ? [formatLatex(spec, { label, size }), ""] : []
    ),
  ].join("\n");
}

/**
 * The study's tables as workbook sheets, in report order, each in full: Table 1, the CBEC
 * index, Tables 2 and 3, the benchmark's (3b, 3c, 1b and its regressions), the sensitivity
 * table, the counterfactuals' (Table 5 and each scenario's two) and the forecast's (validation, errors, horizons, each scenario's inputs and
 * projections).
 *
 * @example
 * ```ts
 * studySheets(result).map((s) => s.name); // ["Table 1", "CBEC index", "Table 2", ...]
 * ```
 */
export function studySheets(r: StudyResult): WorkbookSheet[] {
  const sheets: [string, TableSpec | null][] = [
    ["Table 1", table1Spec(r)],
    ["CBEC index", pcaSpec(r)],
    ["Table 2", table2Spec(r)],
    ["Table 3", table3Spec(r)],
    ["Table 3b", benchmarkKSpec(r)],
    ["Table 3c", structuralKSpec(r)],
    ["Table 1b", worldCoverageSpec(r)],
    ["Benchmark regressions", benchmarkRegressionSpec(r)],
    ["Sensitivity", r.sensitivity ? sensitivitySpec(r.sensitivity) : null],
    ...counterfactualSpecs(r).map(({ name, spec }) => [`GE ${name}`, spec] as [string, TableSpec]),
  ];
  if (r.forecast) {
    const names = [
      "Forecast 1 validation",
      "Forecast 2 errors",
      "Forecast 3 horizons",
      ...r.forecast.scenarios.flatMap((_, i) => [`Scenario ${i + 1} inputs`, `Scenario ${i + 1}`]),
    ];
    forecastSpecs(r.forecast).forEach((spec, i) => sheets.push([names[i], spec]));
  }
  return sheets.flatMap(([name, spec]) => (spec ? [{ name, spec }] : []));
}

/**
 * Write `tables.tex` and `tables.xlsx` into `dir`; returns their paths.
 *
 * @example
 * ```ts
 * await writeLatexAndExcel(result, "out/study"); // ["out/study/tables.tex", "out/study/tables.xlsx"]
 * ```
 */
export async function writeLatexAndExcel(r: StudyResult, dir: string): Promise<string[]> {
  await Deno.writeTextFile(`${dir}/tables.tex`, studyLatex(r));
  await Deno.writeFile(`${dir}/tables.xlsx`, await xlsxWorkbook(studySheets(r)));
  return [`${dir}/tables.tex`, `${dir}/tables.xlsx`];
}
