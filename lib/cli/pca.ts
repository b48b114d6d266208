/**
 * The `pca` command: principal components (with KMO and Bartlett) on any CSV.
 *
 *   deno task cli pca --data FILE.csv --columns COL[,COL...] [--no-scale] [--format text|json|markdown|html]
 * @module
 */
import { readNumericColumns } from "../data/read/numeric_csv.ts";
import { InputError } from "../errors.ts";
import { assertNoRepeats } from "../data/read/strict_json.ts";
import { formatPca, type PcaFormat } from "../report/pca_table.ts";
import { pca } from "../stats/pca.ts";
import { FORMATS, oneOf, parseFlags, requireFlags } from "./flags.ts";

const USAGE =
  "usage: pca --data FILE.csv --columns COL[,COL...] [--no-scale] [--format text|json|markdown|html]";

/**
 * Run `pca` with command-line arguments; prints the tables (or JSON) on stdout.
 *
 * @example
 * ```ts
 * await runPca(["--data", "panel.csv", "--columns", "internet,broadband,lpi", "--format", "json"]);
 * ```
 */
export async function runPca(args: string[]): Promise<void> {
  const v = parseFlags(args, {
    data: { type: "string" },
    columns: { type: "string" },
    "no-scale": { type: "boolean" },
    format: { type: "string" },
  }, USAGE);
  requireFlags(v, ["data", "columns"], "pca", USAGE);
  const file = v.data as string;
  const format = oneOf("format", v.format, FORMATS, "text");
  const names = (v.columns as string).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new InputError(`pca: --columns names no columns (${USAGE})`);
  assertNoRepeats("pca", names, "--columns");
  const data = await readNumericColumns(file, names);
  let result;
  try {
    result = pca(names.map((name) => ({ name, values: data.columns[name] })), {
      scale: !v["no-scale"],
      // only the JSON prints scores: the tables skip building a million row arrays
      scores: format === "json" ? "rows" : "none",
    });
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
  console.log(formatPca(result, format as PcaFormat));
}
