/**
 * The raw files under ../shared (the shared data folder beside the repository) that some tests
 * read. CI always has them (it runs with the environment variable CI set), so a missing one fails
 * there; elsewhere the tests that need it are skipped with one line on stderr saying which and why.
 */

/** Whether the environment variable CI is set (and readable: tests run with --allow-env). */
function inCi(): boolean {
  const state = Deno.permissions.querySync({ name: "env", variable: "CI" }).state;
  return state === "granted" && (Deno.env.get("CI") ?? "") !== "";
}

/**
 * True when `path` (a file or folder under ../shared, relative to the working directory) is
 * missing, after printing one line that names the skipped `tests` and the path; under CI a missing
 * path throws instead (CI always has ../shared, so a skip there would hide a failure). Use it as
 * the `ignore` of the tests that read the path.
 *
 * @example
 * ```ts
 * const skip = skipWithoutShared("../shared/data/raw/macro/", "the cpi test on the raw files");
 * Deno.test({ name: "cpi equals the raw cells", ignore: skip, fn() {} });
 * ```
 */
export function skipWithoutShared(path: string, tests: string): boolean {
  try {
    Deno.statSync(path);
    return false;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (inCi()) {
    throw new Error(
      `${path} is missing: CI must have ../shared (${tests} cannot be skipped there)`,
    );
  }
  console.error(`skipped: ${tests} (${path} not found: ../shared is missing)`);
  return true;
}
