/**
 * The study config: one parser per section beside its type, composed by study.ts; one-line errors.
 * @module
 */
export * from "./benchmark.ts";
export * from "./forecast.ts";
export * from "./sensitivity.ts";
export * from "./structural.ts";
export * from "./study.ts";
export * from "./uncertainty.ts";
