/**
 * cbec-gravity: an extended trade gravity model study, end to end.
 * @module
 */
export * from "./errors.ts";
export * from "./data/csv.ts";
export * from "./stats/types.ts";
export * from "./gravity/mod.ts";
export * from "./report/mod.ts";
export * from "./stats/mod.ts";
export * from "./report/regression_table.ts";
export * from "./report/pca_table.ts";
export * from "./data/mod.ts";
// Both report/ (a figure panel) and data/ (the tidy country-year panel) export `Panel`:
// the top level keeps report's and names the data panel `TidyPanel` (import lib/data/mod.ts for `Panel`).
export type { Panel } from "./report/mod.ts";
export type { Panel as TidyPanel } from "./data/mod.ts";
