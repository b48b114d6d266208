/**
 * Time the CSV reader alone: the byte fast path against papaparse on the same file, and the old
 * whole-file readCsv + parseNumber, with performance.now() splits.
 *
 *   deno run --allow-read bench/reader.ts out/bench/fit_500k.csv
 * @module
 */
// @ts-types="@types/papaparse"
import Papa from "papaparse";
import { numericColumn, readCsv } from "../lib/data/read/csv.ts";
import { readNumericColumns } from "../lib/data/read/numeric_csv.ts";

const path = Deno.args[0] ?? "out/bench/fit_500k.csv";
const cols = ["y", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"];
const engines = Deno.args.includes("--old")
  ? ["old"]
  : ["auto", "papaparse", "papa-split-only", "auto", "papaparse", "papa-split-only"];
for (const engine of engines) {
  const t0 = performance.now();
  let sum = 0;
  if (engine === "papa-split-only") {
    // papaparse's split alone, no number conversion: a floor for any papaparse-based reader.
    const text = await Deno.readTextFile(path);
    Papa.parse<string[]>(text, {
      chunk: (r: Papa.ParseResult<string[]>) => {
        sum += r.data.length;
      },
      complete: () => {},
    });
  } else if (engine === "old") {
    const t = await readCsv(path);
    for (const c of cols) sum += numericColumn(t, c)[0];
  } else {
    const r = await readNumericColumns(path, cols, [], { engine: engine as "auto" | "papaparse" });
    for (const c of cols) sum += r.columns[c][r.n - 1];
  }
  console.log(`${engine.padEnd(10)} ${(performance.now() - t0).toFixed(0)} ms (check ${sum})`);
}
