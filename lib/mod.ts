/**
 * cbec-gravity: an extended trade gravity model study, end to end.
 *
 * - data: CSV reading, World Bank and other source readers, the tidy country-year panel;
 * - stats: least squares with full inference, PCA with KMO and Bartlett;
 * - gravity: the study (CBEC index, gravity regression, trade potential K);
 * - report: tables, figures (Observable Plot), notebook display helpers, report pages.
 * @module
 */
export * from "./errors.ts";
export * from "./data/mod.ts";
export * from "./stats/mod.ts";
export * from "./gravity/mod.ts";
export * from "./report/mod.ts";
export * from "./gravity/render/figures.ts";
export * from "./io/atomic.ts";
