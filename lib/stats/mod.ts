/**
 * The statistics core: least squares with full inference, PCA, terms, distributions.
 * @module
 */
export * from "./types.ts";
export * from "./linear/ols.ts";
export * from "./pca.ts";
export * from "./complete.ts";
export * from "./correlation.ts";
export * from "./formula.ts";
export * from "./distributions.ts";
export * from "./qr.ts";
export * from "./linear/lsq.ts";
export * from "./vcov.ts";
export * from "./model/spec.ts";
export * from "./model/design.ts";
export * from "./model/fe.ts";
export * from "./model/estimate.ts";
export * from "./model/ppml.ts";
export * from "./model/separation.ts";
export * from "./model/fit.ts";
