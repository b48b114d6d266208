/**
 * The statistics core: least squares with full inference, PCA, terms, distributions.
 * @module
 */
export * from "./types.ts";
export * from "./ols.ts";
export * from "./pca.ts";
export * from "./complete.ts";
export * from "./correlation.ts";
export * from "./terms.ts";
export * from "./distributions.ts";
export * from "./qr.ts";
