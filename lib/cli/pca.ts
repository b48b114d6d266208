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
import { PCA_COMMAND } from "./options/pca.ts";
import { parseCommand } from "./options/spec.ts";

/**
 * Run `pca` with command-line arguments; prints the tables (or JSON) on stdout.
 *
 * @example
 * ```ts
 * await runPca(["--data", "panel.csv", "--columns", "internet,broadband,lpi", "--format", "json"]);
 * ```
 */
export async function runPca(args: string[]): Promise<void> {
  const v = parseCommand(PCA_COMMAND, args);
  const file = v.data as string;
  const format = (v.format as string | undefined) ?? "text";
  const names = (v.columns as string).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new InputError(`pca: --columns names no columns`);
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
