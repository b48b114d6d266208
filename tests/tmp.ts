/**
 * Fresh temporary directories for tests: each call makes a new, empty directory under
 * out/test-tmp/ (resolved from this file, so the tests pass from any working directory), and all
 * of them are removed when the test process ends. Files of an earlier run can therefore never
 * stand in for the output of this one.
 */
const BASE = new URL("../out/test-tmp", import.meta.url).pathname;
const made: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const dir of made) {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* already gone */ }
  }
});

/**
 * A new empty directory under out/test-tmp/ whose name starts with `prefix`; absolute path.
 *
 * @example
 * ```ts
 * const dir = freshTmp("cli-fit-"); // e.g. /repo/out/test-tmp/cli-fit-a1b2c3
 * ```
 */
export function freshTmp(prefix: string): string {
  Deno.mkdirSync(BASE, { recursive: true });
  const dir = Deno.makeTempDirSync({ dir: BASE, prefix });
  made.push(dir);
  return dir;
}
