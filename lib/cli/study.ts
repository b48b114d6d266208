/**
 * The `study` command: `deno task study [--config FILE] [--format text|markdown|json|html|latex]
 * [--full] [--out DIR]`. Prints a one-screen summary (what we found, Table 2 and Table 3
 * compact, the warnings, where the files are), or with `--full` every table: Table 1 (coverage),
 * the PCA summary, Table 2 and Table 3 beside the paper's, the benchmark, sensitivity, the
 * comparison and the forecast. Writes results.json, table2.csv, table3.csv, tables.md, tables.tex
 * (LaTeX), tables.xlsx (Excel), the SVG figures (figures/*.svg) and one self-contained
 * report.html to the out directory.
 * @module
 */
import { STUDY_COMMAND } from "./options/study.ts";
import { parseCommand } from "./options/spec.ts";
import { assertUniqueHeader } from "../data/read/header.ts";
import { writeDirAtomic } from "../io/atomic.ts";
import { loadPanel } from "../data/panel.ts";
import { InputError } from "../errors.ts";
import { loadStudyConfig, validateAgainstPanel } from "../gravity/config/study.ts";
import { loadPaperTables, type PaperTables } from "../gravity/study/paper.ts";
import { formatStudy, formatSummary, wrapText } from "../gravity/render/study.ts";
import { studyLatex, writeLatexAndExcel } from "./study_files.ts";
import { table2Spec } from "../gravity/render/sections/regression.ts";
import { table3Spec } from "../gravity/render/sections/potential.ts";
import { runGravityStudy } from "../gravity/study/run.ts";
import { formatTable } from "../report/table.ts";
import { parseCsv } from "../data/read/csv.ts";
import { loadBenchmarkWorld } from "../gravity/world/load.ts";
import type { StudyResult } from "../gravity/study/types.ts";

/** Default config path (relative to the repo root, where `deno task` runs). */
export const DEFAULT_CONFIG = "data/study.config.json";

/** What the command knows besides the result: the config file and hint lines. */
export interface OutputContext {
  configPath?: string;
  /** Lines printed (and shown in report.html) when the regression is not estimable. */
  hints?: string[];
}

/** Writes some outputs of a study into a directory and returns the paths written. */
export type OutputWriter = (
  result: StudyResult,
  dir: string,
  context?: OutputContext,
) => Promise<string[]>;

/** The standard outputs: results.json, table2.csv, table3.csv, tables.md. */
export const writeTables: OutputWriter = async (result, dir) => {
  const files: [string, string][] = [
    ["results.json", JSON.stringify(result, null, 2) + "\n"],
    ["table2.csv", formatTable(table2Spec(result), "csv")],
    ["table3.csv", formatTable(table3Spec(result), "csv")],
    ["tables.md", formatStudy(result, "markdown") + "\n"],
  ];
  for (const [name, text] of files) await Deno.writeTextFile(`${dir}/${name}`, text);
  return files.map(([name]) => `${dir}/${name}`);
};

/**
 * The report HTML of a study. The figure module (Plot and linkedom) is imported on first use,
 * so a run that draws nothing never loads it.
 *
 * @example
 * ```ts
 * const html = await studyReportHtml(result, { configPath: "data/study.config.json" });
 * ```
 */
export async function studyReportHtml(
  result: StudyResult,
  context: OutputContext = {},
): Promise<string> {
  const { studyReport } = await import("../gravity/render/report_page.ts");
  return studyReport(result, context);
}

/** The figures (figures/*.svg) and the self-contained report.html (figure module loaded lazily). */
export const writeFigures: OutputWriter = async (result, dir, context = {}) => {
  const { studyFigures } = await import("../gravity/render/figures.ts");
  const { studyReport } = await import("../gravity/render/report_page.ts");
  const figures = studyFigures(result);
  await Deno.mkdir(`${dir}/figures`, { recursive: true });
  const paths: string[] = [];
  for (const f of figures) {
    const path = `${dir}/figures/${f.name}.svg`;
    await Deno.writeTextFile(path, f.svg + "\n");
    paths.push(path);
  }
  await Deno.writeTextFile(`${dir}/report.html`, studyReport(result, { ...context, figures }));
  return [...paths, `${dir}/report.html`];
};

/** tables.tex (LaTeX) and tables.xlsx (Excel). */
export const writeLatexExcel: OutputWriter = (result, dir) => writeLatexAndExcel(result, dir);

/**
 * Output writers run by the study, in order: tables, the LaTeX and Excel tables, then figures
 * and report.html.
 */
export const outputWriters: OutputWriter[] = [writeTables, writeLatexExcel, writeFigures];

/**
 * Write every output of a study to `dir` (created if needed). A directory the process may not
 * write to (the task allows only out/) is a one-line InputError.
 *
 * @example
 * ```ts
 * const paths = await writeOutputs(result, "out/study");
 * ```
 */
export async function writeOutputs(
  result: StudyResult,
  dir: string,
  writers: OutputWriter[] = outputWriters,
  context: OutputContext = {},
): Promise<string[]> {
  try {
    // Written into a temporary directory beside the outputs, then renamed into place.
    return await writeDirAtomic(dir, async (tmp) => {
      const paths: string[] = [];
      for (const w of writers) paths.push(...await w(result, tmp, context));
      return paths.map((p) => dir + p.slice(tmp.length));
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `cannot write to ${dir}: ${(e as Error).name} (the study task may write only below out/)`,
    );
  }
}

/** The equation (1) config, which the bundled real data can estimate. */
export const EQ1_CONFIG = "data/study.eq1.config.json";

/**
 * Partner-years of the study that lack the dependent variable but have a partner-side trade
 * figure the importer rejected for that variable (data/trade-selection.csv, side "partner",
 * `variable` = the study's dependent; rows of other columns such as the mirror are not counted):
 * what allowing partner-side figures would add, and how many of those have every term (would
 * enter the regression). Null when the file is not there.
 *
 * @example
 * ```ts
 * await partnerSideGain(result); // { partnerYears: ["UZB 2019", ...], complete: 2 }
 * ```
 */
export async function partnerSideGain(
  result: StudyResult,
  file = `${result.config.dataDir}/trade-selection.csv`,
): Promise<{ partnerYears: string[]; complete: number } | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    return null;
  }
  const { header, rows } = parseCsv(text, { file, fieldMismatch: "keep" });
  const col = (n: string) => header.indexOf(n);
  assertUniqueHeader(file, header, ["year", "partner", "side", "decision"]);
  const [iy, ip, is, id] = [col("year"), col("partner"), col("side"), col("decision")];
  if ([iy, ip, is, id].some((i) => i < 0)) return null;
  // only rows of the dependent variable in use (not the mirror column's); a file from before the
  // `variable` column counts every row
  const iv = col("variable");
  const dependent = result.config.dependent.variable;
  const have = new Set(
    result.data.design.filter((d) => d.actual !== null).map((d) => `${d.country} ${d.year}`),
  );
  const { from, to } = result.config.years;
  const gain = new Set<string>();
  for (const r of rows) {
    const year = Number(r[iy]);
    const key = `${r[ip]} ${year}`;
    if (
      (iv < 0 || r[iv] === dependent) && r[is] === "partner" && r[id] === "rejected" &&
      result.config.partners.includes(r[ip]) &&
      year >= from && year <= to && !have.has(key)
    ) gain.add(key);
  }
  const onlyDependent = new Set(
    result.data.design.filter((d) =>
      !d.complete && d.missing.length > 0 && d.missing.every((m) => m.includes("(dependent)"))
    ).map((d) => `${d.country} ${d.year}`),
  );
  const partnerYears = [...gain].sort();
  return { partnerYears, complete: partnerYears.filter((k) => onlyDependent.has(k)).length };
}

/**
 * When the regression is not estimable: which config is, the command that runs it, and what
 * partner-side trade figures would add. Empty when the regression was estimated.
 *
 * @example
 * ```ts
 * await estimableHints(result, "data/study.config.json");
 * // ["Hint: ... deno task study --config data/study.eq1.config.json", ...]
 * ```
 */
export async function estimableHints(result: StudyResult, configPath: string): Promise<string[]> {
  if (result.regression.estimable) return [];
  const out: string[] = [];
  if (configPath !== EQ1_CONFIG) {
    out.push(
      `Hint: the classic gravity model, the paper's equation (1) (ln GDP product and ln ` +
        `distance), can be estimated on these data: deno task study --config ${EQ1_CONFIG}`,
    );
  }
  const gain = await partnerSideGain(result);
  if (gain) {
    out.push(
      `Partner-side trade figures (the partner's own statistics, rejected by the import config) ` +
        `would add the dependent variable for ${gain.partnerYears.length} more partner-years` +
        (gain.partnerYears.length ? ` (${gain.partnerYears.join(", ")})` : "") +
        `, ${gain.complete} of them with every term (regression N ${result.regression.nComplete} ` +
        `-> ${
          result.regression.nComplete + gain.complete
        }, k = ${result.regression.kCoefficients})` +
        `; see ${result.config.dataDir}/trade-selection.csv.`,
    );
  }
  return out;
}

/**
 * Run the study command line.
 *
 * @example
 * ```ts
 * await runStudy(["--format", "markdown", "--out", "out/study"]);
 * ```
 */
export async function runStudy(args: string[]): Promise<void> {
  const values = parseCommand(STUDY_COMMAND, args) as {
    config?: string;
    format?: "text" | "markdown" | "json" | "html" | "latex";
    out?: string;
    full?: boolean;
  };
  const format = values.format ?? "text";
  const configPath = values.config ?? DEFAULT_CONFIG;
  const config = await loadStudyConfig(configPath);
  const panel = await loadPanel(config.dataDir);
  validateAgainstPanel(config, panel, configPath);
  let paper: PaperTables | undefined;
  const paperThere = await Deno.stat(`${config.paperDir}/table2.csv`).then(() => true, () => false);
  if (paperThere) paper = await loadPaperTables(config.paperDir);
  const world = await loadBenchmarkWorld(config);
  const result = runGravityStudy(config, panel, { paper, ...world.options, forecast: true });
  if (!paper) result.warnings.push(`the paper's tables were not found in ${config.paperDir}/`);
  result.warnings.push(...world.warnings);
  const hints = await estimableHints(result, configPath);
  const context: OutputContext = { configPath, hints };
  const outDir = values.out ?? "out/study";
  const written = await writeOutputs(result, outDir, outputWriters, context);
  const files = written.map((p) => p.slice(outDir.length + 1));
  if (format === "json") console.log(JSON.stringify(result, null, 2));
  else if (format === "html") console.log(await studyReportHtml(result, context));
  else if (format === "latex") console.log(studyLatex(result));
  else if (format === "text" && !values.full) {
    const config = configPath === DEFAULT_CONFIG ? "" : ` --config ${configPath}`;
    console.log(formatSummary(result, {
      outDir,
      files,
      hints,
      fullCommand: `deno task study${config} --full`,
    }));
  } else {
    console.log(formatStudy(result, format as "text" | "markdown"));
    if (hints.length) {
      const text = hints.join("\n");
      console.log("\n" + (format === "text" ? wrapText(text) : text));
    }
    const wrote = `Wrote ${written.length} files to ${outDir}/: ${files.join(", ")}`;
    console.log("\n" + (format === "text" ? wrapText(wrote) : wrote));
  }
}
