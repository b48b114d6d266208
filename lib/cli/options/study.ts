/**
 * The option table of `deno task study`.
 * @module
 */
import type { CommandSpec } from "./spec.ts";
import { format } from "./shared.ts";

/** `deno task study` (also `deno task cli study`). */
export const STUDY_COMMAND: CommandSpec = {
  name: "study",
  invoke: "deno task study",
  about: "the whole study: Tables 1-3 beside the paper's, trade potential K, benchmark, forecasts",
  description: [
    "Reads the config, the tidy panel in data/ and the paper's tables; prints what we found",
    "(--full: every table) and writes results.json, table2.csv, table3.csv, tables.md,",
    "tables.tex (LaTeX), tables.xlsx (Excel), figures/*.svg and report.html.",
  ],
  options: [
    {
      name: "config",
      type: "string",
      arg: "FILE",
      default: "data/study.config.json",
      group: "data",
      help: "the study config (partners, years, terms, K thresholds, sections)",
    },
    format(["text", "markdown", "json", "html", "latex"]),
    {
      name: "full",
      type: "boolean",
      group: "output",
      help: "print every table (text), not the one-screen summary",
    },
    {
      name: "out",
      type: "string",
      arg: "DIR",
      default: "out/study",
      group: "output",
      help: "where the files are written (the task may write below out/ only)",
    },
  ],
  examples: [
    { args: ["study"], about: "the study on the bundled data: what we found, on one screen" },
    { args: ["study", "--full"], about: "every table in the terminal" },
    {
      args: [
        "study",
        "--config",
        "data/study.eq1.config.json",
        "--format",
        "markdown",
        "--out",
        "out/study-eq1",
      ],
      about: "the classic equation (1), as markdown, files in out/study-eq1/",
    },
    {
      args: ["study", "--format", "json", "--out", "out/study-json"],
      about: "the result as JSON on stdout, files in out/study-json/",
    },
  ],
};
