/**
 * The option tables of the commands (one file each) and what reads them: the parser, `--help` and
 * the README's command table (spec.ts); all.ts lists them.
 * @module
 */
export * from "./spec.ts";
export * from "./shared.ts";
export * from "./fit.ts";
export * from "./ge.ts";
export * from "./pca.ts";
export * from "./study.ts";
export * from "./import.ts";
export * from "./all.ts";
