/**
 * The study config: one parser per section beside its type, on one shared field reader
 * (fields.ts), composed by study.ts; one-line errors.
 * @module
 */
export * from "./benchmark.ts";
export * from "./cbec.ts";
export * from "./fields.ts";
export * from "./forecast.ts";
export * from "./frontier.ts";
export * from "./potential.ts";
export * from "./sensitivity.ts";
export * from "./structural.ts";
export * from "./study.ts";
export * from "./terms.ts";
export * from "./uncertainty.ts";
export * from "./counterfactual.ts";
