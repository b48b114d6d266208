/**
 * The option table of `deno task cli ge`: general-equilibrium counterfactuals.
 * @module
 */
import type { CommandSpec } from "./spec.ts";
import { format } from "./shared.ts";

/** The example worlds of `ge` (tests/fixtures/ge/make_examples.ts writes them from ../shared). */
const GE_DATA = "tests/fixtures/ge/";

/** `deno task cli ge`. */
export const GE_COMMAND: CommandSpec = {
  name: "ge",
  invoke: "deno task cli ge",
  about: "general-equilibrium counterfactual: trade and real income after a trade-cost change",
  description: [
    "The data: one row per exporter-importer pair of one year, domestic flows (i = i) included.",
    "The change in trade costs is --partial COL (ln change per pair, as ge_gravity's beta), or",
    "--x TERMS with --counterfactual: a PPML with exporter and importer effects (or --fe) is",
    "fitted and the terms are set to their new values. --method exact solves the equilibrium in",
    "changes (ge_gravity's hat algebra); --method book replicates the GEPPML do-files of Yotov",
    "et al. (2016), a replication mode.",
  ],
  options: [
    {
      name: "data",
      type: "string",
      arg: "FILE.csv",
      required: true,
      group: "data",
      help: "the pairs of one year, domestic flows included",
    },
    {
      name: "exporter",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of exporter codes",
    },
    {
      name: "importer",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of importer codes",
    },
    {
      name: "y",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of baseline flows (>= 0; every domestic flow > 0)",
    },
    {
      name: "partial",
      type: "string",
      arg: "COL",
      group: "model",
      help: "the column of partial effects: ln change in trade costs x (-theta) per pair",
    },
    {
      name: "x",
      type: "string",
      arg: "TERM[,TERM...]",
      group: "model",
      help: "the regressors of the trade-cost PPML (COL or ln(COL))",
    },
    {
      name: "fe",
      type: "string",
      arg: "DIM[,DIM...]",
      group: "model",
      help: "the fixed effects of that PPML (default: the exporter and importer columns)",
    },
    {
      name: "counterfactual",
      type: "string",
      arg: "TERM=VALUE|TERM=COLUMN[,...]",
      group: "model",
      help: "the terms' new values: one number for every pair, or a column pair by pair",
    },
    {
      name: "theta",
      type: "string",
      arg: "T",
      group: "model",
      help: "the trade elasticity theta > 0 (or give --sigma)",
    },
    {
      name: "sigma",
      type: "string",
      arg: "S",
      group: "model",
      help: "the elasticity of substitution sigma > 1 (theta = sigma - 1)",
    },
    {
      name: "deficits",
      type: "string",
      values: ["additive", "multiplicative"],
      default: "additive (book: multiplicative)",
      group: "model",
      help: "trade deficits held fixed in levels, or as a share of output",
    },
    {
      name: "reference",
      type: "string",
      arg: "ISO3",
      group: "model",
      help: "the country whose consumer price index is the numeraire (default: world output; " +
        "book: required)",
    },
    {
      name: "method",
      type: "string",
      values: ["exact", "book"],
      default: "exact",
      group: "model",
      help: "the exact equilibrium in changes, or the book's GEPPML loop (replication mode)",
    },
    format(["text", "markdown", "html", "csv", "json"]),
  ],
  examples: [
    {
      args: [
        "cli",
        "ge",
        "--data",
        `${GE_DATA}eu_2000.csv`,
        "--exporter",
        "exporter",
        "--importer",
        "importer",
        "--y",
        "trade",
        "--partial",
        "eu_effect",
        "--theta",
        "4",
      ],
      about: "ge_gravity's example: the EU enlargements' trade-cost cut on the 2000 world, " +
        "welfare per country",
    },
    {
      args: [
        "cli",
        "ge",
        "--data",
        `${GE_DATA}border_2006.csv`,
        "--exporter",
        "exporter",
        "--importer",
        "importer",
        "--y",
        "trade",
        "--x",
        "ln(DIST),CNTG,INTL_BRDR",
        "--counterfactual",
        "INTL_BRDR=0",
        "--sigma",
        "7",
        "--reference",
        "DEU",
        "--method",
        "book",
      ],
      about: "the book's 'trade without borders' (2006, 69 countries) as its do-file runs it",
    },
  ],
};
