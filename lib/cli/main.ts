/**
 * The command-line entry point: `deno task cli <command> [options]` (and `deno task study`,
 * `deno task import`). `--help` on any command prints its option table; every user error is one
 * line on stderr (exit 1), never a stack trace.
 * @module
 */
import { InputError } from "../errors.ts";
import { nearestKey } from "../data/read/strict_json.ts";
import { COMMANDS } from "./options/all.ts";
import { type CommandSpec, helpText } from "./options/spec.ts";
import project from "../../deno.json" with { type: "json" };

type Command = (args: string[]) => Promise<void>;

/** The module that runs each command, loaded on first use (so `--help` loads none). */
const RUNNERS: Record<string, () => Promise<Command>> = {
  import: async () => (await import("./import.ts")).runImport,
  fit: async () => (await import("./fit.ts")).runFit,
  pca: async () => (await import("./pca.ts")).runPca,
  ge: async () => (await import("./ge.ts")).runGe,
  study: async () => (await import("./study.ts")).runStudy,
};

/** `deno task cli --help`: every command with its one-line job. */
export function commandList(commands: CommandSpec[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "usage: deno task cli <command> [options]   (deno task cli <command> --help for its options)",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.about}`),
    "",
    "  --version  the project's and Deno's versions",
  ].join("\n");
}

/** `--version`: the project version (deno.json) and the runtime's. */
export function versionText(): string {
  return `${project.name} ${project.version} (Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ` +
    `TypeScript ${Deno.version.typescript})`;
}

/** Run one command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(commandList());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    console.log(versionText());
    return 0;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    const near = nearestKey(name, COMMANDS.map((c) => c.name));
    console.error(
      `error: unknown command "${name}"${near ? `; did you mean "${near}"?` : ""}\n` +
        commandList(),
    );
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(helpText(spec));
    return 0;
  }
  try {
    await (await RUNNERS[name]())(rest);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const oneLine = message.split("\n")[0];
    console.error(e instanceof InputError ? `error: ${oneLine}` : `internal error: ${oneLine}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
