/**
 * What every option table shares: the output formats and the `--format` option.
 * @module
 */
import type { OptionSpec } from "./spec.ts";

/** Output formats shared by fit, pca and study. */
export const FORMATS = ["text", "json", "markdown", "html"] as const;

/** The `--format` option with its values (default text). */
export const format = (values: readonly string[] = FORMATS): OptionSpec => ({
  name: "format",
  type: "string",
  values,
  default: "text",
  group: "output",
  help: "what to print on stdout",
});
