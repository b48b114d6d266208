/**
 * Observable Plot figures as SVG strings, a file per family (indicators, PCA, regression, K,
 * intervals, forecast fans, GE welfare bars).
 * @module
 */
export * from "./style.ts";
export * from "./indicators.ts";
export * from "./pca.ts";
export * from "./regression.ts";
export * from "./potential.ts";
export * from "./k_intervals.ts";
export * from "./forecast_fan.ts";
export * from "./labels.ts";
export * from "./welfare.ts";
export * from "./frontier.ts";
