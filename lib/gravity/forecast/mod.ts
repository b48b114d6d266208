/**
 * Forecasts: out-of-time validation, naive rules, rolling origins, scenario projections of trade and K.
 * @module
 */
export * from "./fit.ts";
export * from "./k_projection.ts";
export * from "./naive.ts";
export * from "./run.ts";
export * from "./scenario.ts";
export * from "./validate.ts";
