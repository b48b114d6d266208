/**
 * The tables of each study section (coverage, PCA, regression, K, the paper comparison, the world
 * benchmark, structural K, frontier, forecast, sensitivity) and the small formatters they share.
 * @module
 */
export * from "./comparison.ts";
export * from "./counterfactual.ts";
export * from "./coverage.ts";
export * from "./forecast.ts";
export * from "./formatters.ts";
export * from "./frontier.ts";
export * from "./pca.ts";
export * from "./potential.ts";
export * from "./regression.ts";
export * from "./sensitivity.ts";
export * from "./structural.ts";
export * from "./world.ts";
