/**
 * The statistics core, independent of trade: distributions, seeded randomness, QR, covariances,
 * least squares (linear/), the model layer with fixed effects and PPML (model/), stochastic
 * frontiers (frontier/), a BFGS minimiser, PCA.
 * @module
 */
export * from "./types.ts";
export * from "./distributions.ts";
export * from "./qr.ts";
export * from "./vcov.ts";
export * from "./complete.ts";
export * from "./correlation.ts";
export * from "./formula.ts";
export * from "./pca.ts";
export * from "./linear/mod.ts";
export * from "./model/mod.ts";
export * from "./bfgs.ts";
export * from "./frontier/mod.ts";
