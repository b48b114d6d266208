/**
 * cbec-gravity: an extended trade gravity model study, end to end.
 *
 * - data: generic readers, one reader per source, the importer, the tidy panel and world panel;
 * - stats: least squares with full inference, the model layer (fixed effects, PPML), PCA;
 * - ge: general-equilibrium counterfactuals (exact hat algebra; the book's GEPPML);
 * - gravity: the study (CBEC index, gravity regression, trade potential K);
 * - report: tables, figures (Observable Plot), notebook display helpers, report pages.
 * @module
 */
export * from "./errors.ts";
export * from "./data/mod.ts";
export * from "./stats/mod.ts";
export * from "./ge/mod.ts";
export * from "./gravity/mod.ts";
export * from "./report/mod.ts";
export * from "./io/mod.ts";
