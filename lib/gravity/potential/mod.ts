/**
 * Trade potential K: its definitions (one for every estimator) and classes, intervals and class
 * probabilities.
 * @module
 */
export * from "./definition.ts";
export * from "./k.ts";
export * from "./intervals.ts";
export * from "./study_intervals.ts";
