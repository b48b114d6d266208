/**
 * Least squares: the Householder QR solver with refinement, `ols` with full inference, its JSON.
 * @module
 */
export * from "./lsq.ts";
export * from "./ols.ts";
export * from "./ols_json.ts";
