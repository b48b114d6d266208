/**
 * Text, markdown and HTML of every study section, its figures and the report page; reads results, computes nothing.
 * @module
 */
export * from "./figures.ts";
export * from "./forecast.ts";
export * from "./sensitivity.ts";
export * from "./study.ts";
export * from "./world.ts";
