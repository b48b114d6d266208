/**
 * What every option table shares: the output formats, the `--format` option and the examples'
 * synthetic panel.
 * @module
 */
import type { OptionSpec } from "./spec.ts";

/** The synthetic gravity panel the fit and pca examples use (2,400 flows, known coefficients). */
export const SYNTHETIC = "tests/fixtures/stats/gravity_synthetic.csv";

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
