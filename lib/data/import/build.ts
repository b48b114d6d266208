/**
 * The import pipeline: read every source named in the import config, merge them by priority
 * (config order), fill gaps by the stated rule, compute derived variables, and write data/:
 * panel.csv, panel-flags.csv, variables.json, trade-selection.csv, totals-selection.csv, README.md.
 * Output is deterministic (fixed ordering, numbers as `String(x)`, no run-time stamps). The steps
 * are in this folder: config.ts, read_sources.ts, grid.ts, tidy_files.ts, readme.ts and
 * world_build.ts.
 * @module
 */
import { InputError } from "../../errors.ts";
import { writeFilesAtomic } from "../../io/atomic.ts";
import { type ImportConfig, parseImportConfig } from "./config.ts";
import { type Cell, emptyGrid, fillGrid } from "./grid.ts";
import { countryNames, lastYear, markSuperseded, readSources } from "./read_sources.ts";
import { dataReadme } from "./readme.ts";
import { panelFiles, selectionFiles, variableDictionary } from "./tidy_files.ts";
import { buildWorldPanel, worldReadme } from "./world_build.ts";

/** Generated text files by name (relative to the output directory). */
export type ImportFiles = Record<string, string>;

/** Options for {@link buildImport}. */
export interface BuildOptions {
  /**
   * Receives the binary outputs (the gzip'd world panel) by name. The world panel (config
   * `world`) is built, and the README's section on it written, only when this is given.
   */
  binary?: Record<string, Uint8Array>;
  /** Progress of the world panel (workbooks done, total, file). */
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Run the whole import in memory: returns the generated files (name -> text). Paths in the
 * config are read relative to the working directory.
 *
 * @example
 * ```ts
 * const cfg = parseImportConfig(await Deno.readTextFile("data/import.config.json"), "data/import.config.json");
 * const files = await buildImport(cfg);
 * Object.keys(files); // ["panel.csv", "panel-flags.csv", "variables.json", ...]
 * ```
 */
export async function buildImport(
  cfg: ImportConfig,
  options: BuildOptions = {},
): Promise<ImportFiles> {
  const to = await lastYear(cfg);
  const years = Array.from({ length: to - cfg.years.from + 1 }, (_, i) => cfg.years.from + i);
  const yi = new Map(years.map((y, i) => [y, i]));
  const grid = emptyGrid(cfg, years);
  const { notes, tradeLog, totalsLog, vintages } = await readSources(cfg, grid, years, yi);
  markSuperseded(tradeLog, grid, yi);
  fillGrid(cfg, grid, years);
  const cellOf = (name: string, iso3: string, i: number): Cell => {
    const v = cfg.variables.find((x) => x.name === name)!;
    return grid.get(name)!.get(v.scope === "year" ? "*" : iso3)![i];
  };
  const dictionary = variableDictionary(cfg, vintages);
  const files: ImportFiles = {
    ...panelFiles(cfg, years, cellOf),
    "variables.json": JSON.stringify(dictionary, null, 2) + "\n",
    ...selectionFiles(tradeLog, totalsLog),
  };
  files["README.md"] = dataReadme(cfg, years, dictionary, cellOf, notes, tradeLog, totalsLog);
  if (cfg.world && options.binary) {
    const out = cfg.world.output ?? "world-trade.csv.gz";
    const built = await buildWorldPanel(await countryNames(cfg), {
      ...cfg.world,
      onProgress: options.onProgress,
    });
    options.binary[out] = built.bytes;
    files[out.replace(/\.csv\.gz$/, "") + ".json"] = JSON.stringify(built.stats, null, 2) + "\n";
    files["README.md"] += worldReadme(built.stats, out, cfg.world.vintage ?? "").join("\n") + "\n";
  }
  return files;
}

/**
 * Run the import from a config file and write the files into `outDir` (created if needed).
 * Returns the names written.
 *
 * @example
 * ```ts
 * await writeImport({ config: "data/import.config.json", outDir: "out/test-tmp/data" });
 * ```
 */
export async function writeImport(
  options: {
    config?: string;
    outDir?: string;
    onProgress?: (done: number, total: number, file: string) => void;
  } = {},
): Promise<string[]> {
  const config = options.config ?? "data/import.config.json";
  const outDir = options.outDir ?? "data";
  let text: string;
  try {
    text = await Deno.readTextFile(config);
  } catch (e) {
    throw new InputError(`${config}: cannot read the import config (${(e as Error).name})`);
  }
  const binary: Record<string, Uint8Array> = {};
  const files = await buildImport(parseImportConfig(text, config), {
    onProgress: options.onProgress,
    binary,
  });
  const all = { ...files, ...binary };
  await writeFilesAtomic(outDir, all); // a temporary directory in outDir, then renames
  return Object.keys(all);
}
