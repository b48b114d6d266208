/**
 * The repository root, made the working directory of the test process when this module is
 * imported. The configs and the CLI resolve relative paths (`data/...`, `tests/fixtures/...`,
 * `out/...`) from the working directory, as a user runs them from the root; test files that use
 * such paths import this module, so `deno test` passes when started from any directory of the
 * repository (give `--allow-write` the repository's `out/`).
 *
 * @example
 * ```ts
 * import { ROOT } from "../root.ts"; // cwd is now the repository root
 * ```
 */
export const ROOT = new URL("../", import.meta.url).pathname;
Deno.chdir(ROOT);
