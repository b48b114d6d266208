/**
 * The `import` command: build data/ from the raw source files named in the import config.
 * @module
 */
import { writeImport } from "../data/import/build.ts";
import { IMPORT_COMMAND } from "./options/import.ts";
import { parseCommand } from "./options/spec.ts";
import { stderrProgress } from "./import_progress.ts";

/**
 * `deno task import [--config data/import.config.json] [--out data]`
 *
 * @example
 * ```ts
 * await runImport(["--out", "out/test-tmp/data"]);
 * ```
 */
export async function runImport(args: string[]): Promise<void> {
  const values = parseCommand(IMPORT_COMMAND, args) as {
    config?: string;
    out?: string;
  };
  const outDir = values.out ?? "data";
  const written = await writeImport({
    config: values.config,
    outDir,
    onProgress: stderrProgress(),
  });
  console.log(`import: wrote ${written.map((f) => `${outDir}/${f}`).join(", ")}`);
}
