/**
 * The study end to end: run, the result's types, coverage, regression, K, the paper comparison,
 * why the results differ, the sensitivity table, what the study found.
 * @module
 */
export * from "./coverage.ts";
export * from "./differences.ts";
export * from "./findings.ts";
export * from "./frontier.ts";
export * from "./paper.ts";
export * from "./potential.ts";
export * from "./regression.ts";
export * from "./run.ts";
export * from "./sensitivity.ts";
export * from "./types.ts";
