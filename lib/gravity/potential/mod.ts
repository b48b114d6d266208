/**
 * Trade potential K: its definitions and classes, intervals and class probabilities.
 * @module
 */
export * from "./k.ts";
export * from "./intervals.ts";
export * from "./study_intervals.ts";
