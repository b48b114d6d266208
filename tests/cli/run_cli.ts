/** Spawn the CLI as a user would (`deno run --allow-read lib/cli/main.ts ...`), for the CLI tests. */

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = `${ROOT}lib/cli/main.ts`;

/** Run `main.ts <args>` with the given extra permission flags; returns exit code, stdout, stderr. */
export async function cli(
  args: string[],
  permissions: string[] = ["--allow-read"],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, MAIN, ...args],
    // from the repository root, as a user runs it: relative paths in args resolve from there
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
