/**
 * The study end to end: run, the result's types, the paper comparison, the sensitivity table.
 * @module
 */
export * from "./paper.ts";
export * from "./run.ts";
export * from "./sensitivity.ts";
export * from "./types.ts";
