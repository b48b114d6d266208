/**
 * The `study` command: `deno task study [--config FILE] [--format text|markdown|json] [--out DIR]`.
 * Prints Table 1 (coverage), the PCA summary, Table 2 and Table 3 beside the paper's, and the
 * comparison; writes results.json, table2.csv, table3.csv and tables.md to the out directory.
 * @module
 */
import { parseArgs } from "node:util";
import { loadPanel } from "../data/panel.ts";
import { InputError } from "../errors.ts";
import { loadStudyConfig, validateAgainstPanel } from "../gravity/config.ts";
import { loadPaperTables, type PaperTables } from "../gravity/compare.ts";
import { formatStudy, table2Spec, table3Spec } from "../gravity/format.ts";
import { runGravityStudy, type StudyResult } from "../gravity/study.ts";
import { formatTable } from "../report/table.ts";

/** Default config path (relative to the repo root, where `deno task` runs). */
export const DEFAULT_CONFIG = "data/study.config.json";

/** Writes some outputs of a study into a directory and returns the paths written. */
export type OutputWriter = (result: StudyResult, dir: string) => Promise<string[]>;

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
 * Output writers run by the study, in order. Hook: figures (SVG) and report.html from
 * lib/report/figures.ts are to be appended here, e.g. `outputWriters.push(writeFigures)`.
 */
export const outputWriters: OutputWriter[] = [writeTables];

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
): Promise<string[]> {
  try {
    await Deno.mkdir(dir, { recursive: true });
    const paths: string[] = [];
    for (const w of writers) paths.push(...await w(result, dir));
    return paths;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      `cannot write to ${dir}: ${(e as Error).name} (the study task may write only below out/)`,
    );
  }
}

const USAGE = "usage: deno task study [--config FILE] [--format text|markdown|json] [--out DIR]";

/**
 * Run the study command line.
 *
 * @example
 * ```ts
 * await runStudy(["--format", "markdown", "--out", "out/study"]);
 * ```
 */
export async function runStudy(args: string[]): Promise<void> {
  let values: { config?: string; format?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        config: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new InputError(`${(e as Error).message.split("\n")[0]} (${USAGE})`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "markdown" && format !== "json") {
    throw new InputError(`--format "${format}" is not one of text, markdown, json`);
  }
  const configPath = values.config ?? DEFAULT_CONFIG;
  const config = await loadStudyConfig(configPath);
  const panel = await loadPanel(config.dataDir);
  validateAgainstPanel(config, panel, configPath);
  let paper: PaperTables | undefined;
  const paperThere = await Deno.stat(`${config.paperDir}/table2.csv`).then(() => true, () => false);
  if (paperThere) paper = await loadPaperTables(config.paperDir);
  const result = runGravityStudy(config, panel, { paper });
  if (!paper) result.warnings.push(`the paper's tables were not found in ${config.paperDir}/`);
  const outDir = values.out ?? "out/study";
  const written = await writeOutputs(result, outDir);
  if (format === "json") console.log(JSON.stringify(result, null, 2));
  else {
    console.log(formatStudy(result, format));
    console.log(`\nWrote ${written.join(", ")}`);
  }
}
