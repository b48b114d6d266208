/**
 * The `import` command: build data/ from the raw source files named in the import config.
 * @module
 */
import { parseArgs } from "node:util";
import { InputError } from "../errors.ts";
import { writeImport } from "../data/import.ts";

/**
 * `deno task import [--config data/import.config.json] [--out data]`
 *
 * @example
 * ```ts
 * await runImport(["--out", "out/test-tmp/data"]);
 * ```
 */
export async function runImport(args: string[]): Promise<void> {
  let values: { config?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { config: { type: "string" }, out: { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    throw new InputError(`import: ${(e as Error).message.split("\n")[0]}`);
  }
  const outDir = values.out ?? "data";
  const written = await writeImport({ config: values.config, outDir });
  console.log(`import: wrote ${written.map((f) => `${outDir}/${f}`).join(", ")}`);
}
