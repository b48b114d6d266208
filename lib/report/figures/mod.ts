/**
 * Observable Plot figures as SVG strings: indicators, PCA, regression, K, intervals, forecast fans, GE welfare bars.
 * @module
 */
export * from "./figures.ts";
export * from "./forecast_fan.ts";
export * from "./k_intervals.ts";
export * from "./labels.ts";
export * from "./welfare.ts";
