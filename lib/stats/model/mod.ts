/**
 * The model layer: specification, design, absorbed fixed effects, OLS and PPML estimators, separation, fit and predict.
 * @module
 */
export * from "./design.ts";
export * from "./estimate.ts";
export * from "./fe.ts";
export * from "./fit.ts";
export * from "./ppml.ts";
export * from "./separation.ts";
export * from "./spec.ts";
