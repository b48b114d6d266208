/**
 * Build the world bilateral trade panel from every IMF DOTS workbook in a folder: one tidy row
 * per (reporter, partner, flow, year) cell whose reporter and partner are countries, written as a
 * gzip'd CSV (deterministic: fixed order, gzip header without a time stamp) plus a small JSON of
 * counts. The format is documented in lib/data/world.ts.
 * @module
 */
import { gzipSync } from "node:zlib";
import { InputError } from "../../errors.ts";
import type { CountryNames } from "../sources/country_names.ts";
import { parseDots } from "../sources/dots.ts";
import { WORLD_HEADER } from "../world.ts";
import { readXlsx } from "../read/xlsx.ts";

/** Options for {@link buildWorldPanel}. */
export interface WorldBuildOptions {
  /** Folder of DOTS workbooks. */
  dir: string;
  /** File names to read (regular expression; default `^DOTS_\d+\.xlsx$`). */
  pattern?: string;
  /** Keep only these years (inclusive; default all). */
  from?: number;
  to?: number;
  /** Called after each workbook (done, total, file name). */
  onProgress?: (done: number, total: number, file: string) => void;
}

/** Counts of a world build (written next to the panel as JSON). */
export interface WorldStats {
  workbooks: number;
  rows: number;
  estimates: number;
  firstYear: number;
  lastYear: number;
  reporters: number;
  partners: number;
  /** Non-empty cells of aggregate partner rows ("World", regions...), not in the panel. */
  aggregateCells: number;
  /** Cells of workbooks whose reporter is an aggregate (World, Euro Area, SACCA...), not in the panel. */
  aggregateReporterCells: number;
  /** Those workbooks: file and reporter as printed. */
  aggregateReporters: { file: string; reporter: string }[];
  /** Partner rows repeated identically within a sheet (dropped), and their cells. */
  duplicateRows: number;
  duplicateRowCells: number;
  /** Workbooks whose reporter an earlier workbook already gave with identical cells (dropped). */
  duplicateWorkbooks: { file: string; sameAs: string; cells: number }[];
  /** Cells outside the configured years (dropped). */
  outsideYears: number;
}

/** A built world panel: the gzip'd CSV bytes and its counts. */
export interface WorldBuild {
  bytes: Uint8Array;
  stats: WorldStats;
}

/** Natural order of file names (DOTS_2 before DOTS_10). */
function natural(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Read every DOTS workbook of `options.dir` and build the world panel.
 *
 * @example
 * ```ts
 * const { bytes, stats } = await buildWorldPanel(names, { dir: "../shared/data/raw/trade/imf-dots" });
 * stats.rows; // number of country-to-country cells
 * ```
 */
export async function buildWorldPanel(
  names: CountryNames,
  options: WorldBuildOptions,
): Promise<WorldBuild> {
  const re = new RegExp(options.pattern ?? "^DOTS_\\d+\\.xlsx$");
  let files: string[];
  try {
    files = [...Deno.readDirSync(options.dir)].map((e) => e.name).filter((n) => re.test(n))
      .sort(natural);
  } catch (e) {
    throw new InputError(`${options.dir}: cannot list the folder (${(e as Error).name})`);
  }
  if (!files.length) throw new InputError(`${options.dir}: no file matches ${re.source}`);
  const from = options.from ?? -Infinity, to = options.to ?? Infinity;
  const stats: WorldStats = {
    workbooks: files.length,
    rows: 0,
    estimates: 0,
    firstYear: Infinity,
    lastYear: -Infinity,
    reporters: 0,
    partners: 0,
    aggregateCells: 0,
    aggregateReporterCells: 0,
    aggregateReporters: [],
    duplicateRows: 0,
    duplicateRowCells: 0,
    duplicateWorkbooks: [],
    outsideYears: 0,
  };
  const seen = new Map<string, { file: string; sig: string }>();
  const reporters = new Set<string>(), partners = new Set<string>();
  const chunks: string[] = [WORLD_HEADER.join(",") + "\n"];
  for (const [k, f] of files.entries()) {
    const path = `${options.dir}/${f}`;
    const wb = parseDots(await readXlsx(path), path, names);
    const source = f.replace(/\.xlsx$/, "");
    stats.aggregateCells += wb.aggregateCells;
    stats.duplicateRows += wb.duplicateRows.length;
    if (wb.reporterKind === "country") {
      stats.duplicateRowCells += wb.duplicateRows.reduce((n, d) => n + d.cells, 0);
    }
    if (wb.reporterKind === "aggregate") {
      stats.aggregateReporterCells += wb.cells.length;
      stats.aggregateReporters.push({ file: f, reporter: wb.reporterName });
      options.onProgress?.(k + 1, files.length, f);
      continue;
    }
    const lines = wb.cells.map((c) =>
      `${wb.reporter},${c.partner},${c.flow},${c.year},${String(c.value)},${c.estimate ? 1 : 0}`
    );
    const sig = lines.join("\n");
    const earlier = seen.get(wb.reporter);
    if (earlier) {
      if (earlier.sig !== sig) {
        throw new InputError(
          `${path}: reporter "${wb.reporterName}" is also in ${earlier.file} with different cells`,
        );
      }
      stats.duplicateWorkbooks.push({ file: f, sameAs: earlier.file, cells: lines.length });
      options.onProgress?.(k + 1, files.length, f);
      continue;
    }
    seen.set(wb.reporter, { file: f, sig });
    const out: string[] = [];
    wb.cells.forEach((c, i) => {
      if (c.year < from || c.year > to) {
        stats.outsideYears++;
        return;
      }
      out.push(`${lines[i]},${source}\n`);
      if (c.estimate) stats.estimates++;
      stats.firstYear = Math.min(stats.firstYear, c.year);
      stats.lastYear = Math.max(stats.lastYear, c.year);
      partners.add(c.partner);
    });
    reporters.add(wb.reporter);
    stats.rows += out.length;
    chunks.push(out.join(""));
    options.onProgress?.(k + 1, files.length, f);
  }
  stats.reporters = reporters.size;
  stats.partners = partners.size;
  const bytes = gzipSync(new TextEncoder().encode(chunks.join("")), { level: 9 });
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), stats };
}

/**
 * The data README's section on the world panel (format, counts, rules), from a build's counts.
 *
 * @example
 * ```ts
 * worldReadme(stats, "world-trade.csv.gz", "IMF DOTS ...").join("\n");
 * ```
 */
export function worldReadme(stats: WorldStats, output: string, vintage: string): string[] {
  const dupWb = stats.duplicateWorkbooks.map((d) => `${d.file} (same cells as ${d.sameAs})`);
  return [
    "",
    `## The world bilateral panel (\`${output}\`)`,
    "",
    `Every IMF DOTS workbook (${stats.workbooks}; ${
      vintage || "vintage not stated"
    }) as one tidy ` +
    `table: ${stats.rows} rows, ${stats.reporters} reporters, ${stats.partners} partners, years ` +
    `${stats.firstYear}-${stats.lastYear}, ${stats.estimates} IMF estimates (estimate = 1). ` +
    "Gzip'd UTF-8 CSV (deterministic: no time stamp in the gzip header), columns " +
    "`reporter,partner,flow,year,value_usd_mn,estimate,source`: ISO3 codes from " +
    "`country-names.csv` (former countries keep their ISO 3166-3 code, e.g. SUN, YUG, CSK), flow " +
    "`X` = the reporter's exports to the partner (FOB) or `M` = its imports from the partner " +
    "(CIF), value in US$ millions as stored in the workbook, estimate 1 where the IMF suffixed " +
    'the value " e", source = the workbook. Load it with `loadWorldPanel()` (lib/data/world.ts): ' +
    "columnar arrays (codes + Uint16Array reporter/partner indices, Uint8Array flow and estimate, " +
    "Uint16Array year, Float64Array value in USD). Counts are also in `world-trade.json`.",
    "",
    "Rules and what is not a row (every excluded cell counted):",
    "",
    `- Aggregate partners ("World", "Euro Area", regions, "not specified" residuals; kind ` +
    `aggregate in country-names.csv) are never rows: ${stats.aggregateCells} cells.`,
    `- Workbooks whose reporter is an aggregate (${stats.aggregateReporters.length}: ` +
    stats.aggregateReporters.map((a) => `${a.file} ${a.reporter}`).join("; ") +
    `): ${stats.aggregateReporterCells} country-partner cells, none a row.`,
    `- A partner row repeated identically in the same sheet (most DOTS sheets repeat Australia ` +
    `as its first row) is kept once: ${stats.duplicateRows} rows dropped ` +
    `(${stats.duplicateRowCells} country cells); a repeat with different values stops the import.`,
    `- A workbook repeating an earlier workbook's reporter with identical cells is dropped: ` +
    `${dupWb.join(", ") || "none"}; with different cells the import stops.`,
    `- Cells outside the configured years: ${stats.outsideYears}.`,
    '- No value is changed: partner-reported cells that are IMF estimates without the " e" ' +
    "flag (Turkmenistan 2004-2019 = China's mirror x 1.06) or doubtful (Uzbekistan 2000-2015) " +
    "stay as published; the study's trade_mirror_usd rejects them by rule (trade-selection.csv).",
  ];
}
