/**
 * Text, markdown and HTML of every study section, its figures and the report page; reads results, computes nothing.
 * @module
 */
export * from "./comparison.ts";
export * from "./coverage.ts";
export * from "./figures.ts";
export * from "./forecast.ts";
export * from "./formatters.ts";
export * from "./pca.ts";
export * from "./potential.ts";
export * from "./regression.ts";
export * from "./report_page.ts";
export * from "./sensitivity.ts";
export * from "./study.ts";
export * from "./world.ts";
export * from "./sections/counterfactual.ts";
