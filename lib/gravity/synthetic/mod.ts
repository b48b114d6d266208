/**
 * Synthetic panels with known truth, for tests, notebooks and benchmarks.
 * @module
 */
export * from "./forecast.ts";
export * from "./gravity.ts";
export * from "./study.ts";
export * from "./world.ts";
