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
export * from "./lsq.ts";
export * from "./inference.ts";
export * from "./spec.ts";
export * from "./design.ts";
export * from "./fe.ts";
export * from "./estimate.ts";
export * from "./ppml.ts";
export * from "./separation.ts";
export * from "./model.ts";
