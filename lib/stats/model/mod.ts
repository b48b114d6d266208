/**
 * The model layer: specification, design, absorbed fixed effects, OLS and PPML estimators, separation, fit and predict.
 * @module
 */
export * from "./demean.ts";
export * from "./demean_ends.ts";
export * from "./demean_kernels.ts";
export * from "./design.ts";
export * from "./estimate.ts";
export * from "./fe.ts";
export * from "./fit.ts";
export * from "./poisson.ts";
export * from "./ppml.ts";
export * from "./ppml_fe.ts";
export * from "./ppml_steps.ts";
export * from "./separation.ts";
export * from "./spec.ts";
