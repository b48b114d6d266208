/**
 * The command-line entry point: `deno task cli <command> [flags]`.
 * Every user error is printed as one line on stderr (exit 1), never a stack trace.
 * @module
 */
import { InputError } from "../errors.ts";

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, { about: string; load: () => Promise<Command> }> = {
  import: {
    about: "build data/ (the tidy panel) from the raw source files",
    load: async () => (await import("./import.ts")).runImport,
  },
  fit: {
    about: "least squares with full inference on any CSV",
    load: async () => (await import("./fit.ts")).runFit,
  },
  pca: {
    about: "principal components (with KMO and Bartlett) on any CSV",
    load: async () => (await import("./pca.ts")).runPca,
  },
  ge: {
    about: "general-equilibrium counterfactual: trade and real income after a trade-cost change",
    load: async () => (await import("./ge.ts")).runGe,
  },
  study: {
    about: "the whole study: CBEC index, gravity regression, trade potential",
    load: async () => (await import("./study.ts")).runStudy,
  },
};

function usage(): string {
  return [
    "usage: deno task cli <command> [flags]",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`),
  ].join("\n");
}

/** Run one command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`error: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    await (await command.load())(rest);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const oneLine = message.split("\n")[0];
    console.error(e instanceof InputError ? `error: ${oneLine}` : `internal error: ${oneLine}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
