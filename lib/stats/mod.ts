/**
 * The statistics core, independent of trade: distributions, seeded randomness, QR, covariances
 * (from an estimator's R factor, or from a dense design), prediction intervals, a BFGS minimiser,
 * least squares (linear/), the model layer with fixed effects and PPML (model/), stochastic
 * frontiers (frontier/), PCA.
 * @module
 */
export * from "./types.ts";
export * from "./distributions.ts";
export * from "./qr.ts";
export * from "./vcov.ts";
export * from "./vcov_dense.ts";
export * from "./prediction.ts";
export * from "./random.ts";
export * from "./complete.ts";
export * from "./correlation.ts";
export * from "./formula.ts";
export * from "./pca.ts";
export * from "./linear/mod.ts";
export * from "./model/mod.ts";
export * from "./bfgs.ts";
export * from "./frontier/mod.ts";
