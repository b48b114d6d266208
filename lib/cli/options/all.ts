/**
 * Every command's option table, in the order `deno task cli --help` lists them.
 * @module
 */
import type { CommandSpec } from "./spec.ts";
import { FIT_COMMAND } from "./fit.ts";
import { GE_COMMAND } from "./ge.ts";
import { IMPORT_COMMAND } from "./import.ts";
import { PCA_COMMAND } from "./pca.ts";
import { STUDY_COMMAND } from "./study.ts";

/** Every command of `deno task cli`, in the order `--help` lists them. */
export const COMMANDS: CommandSpec[] = [
  STUDY_COMMAND,
  FIT_COMMAND,
  GE_COMMAND,
  PCA_COMMAND,
  IMPORT_COMMAND,
];
