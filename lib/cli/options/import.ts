/**
 * The option table of `deno task import`.
 * @module
 */
import type { CommandSpec } from "./spec.ts";

/** `deno task import` (also `deno task cli import`). */
export const IMPORT_COMMAND: CommandSpec = {
  name: "import",
  invoke: "deno task import",
  about: "build the tidy panel, the world panel and the selection logs from the raw source files",
  description: [
    "Reads the raw files the import config names (../shared/data/raw); writes the outputs",
    "atomically (all or nothing). The same inputs give byte-identical outputs.",
  ],
  options: [
    {
      name: "config",
      type: "string",
      arg: "FILE",
      default: "data/import.config.json",
      group: "data",
      help: "the import config (countries, years, variables, sources, rules)",
    },
    {
      name: "out",
      type: "string",
      arg: "DIR",
      default: "data",
      group: "output",
      help: "where the tidy files are written",
    },
  ],
  examples: [
    {
      args: [
        "import",
        "--config",
        "tests/fixtures/data/import.config.json",
        "--out",
        "out/import-example",
      ],
      about: "a two-country import (CHN, KAZ) into out/import-example/",
    },
  ],
};
