/**
 * The option table of `deno task cli pca`.
 * @module
 */
import type { CommandSpec } from "./spec.ts";
import { format, SYNTHETIC } from "./shared.ts";

/** `deno task cli pca`. */
export const PCA_COMMAND: CommandSpec = {
  name: "pca",
  invoke: "deno task cli pca",
  about: "principal components with KMO and Bartlett's test on any CSV",
  description: [
    "Rows with a missing value in any listed column are left out (and counted).",
  ],
  options: [
    {
      name: "data",
      type: "string",
      arg: "FILE.csv",
      required: true,
      group: "data",
      help: "the CSV file",
    },
    {
      name: "columns",
      type: "string",
      arg: "COL,COL[,COL...]",
      required: true,
      group: "model",
      help: "the variables, comma-separated",
    },
    {
      name: "no-scale",
      type: "boolean",
      group: "model",
      help: "use the covariance matrix instead of the correlation matrix",
    },
    format(),
  ],
  examples: [
    {
      args: ["cli", "pca", "--data", SYNTHETIC, "--columns", "trade,dist,cntg,rta"],
      about: "components of four columns of the synthetic panel",
    },
  ],
};
