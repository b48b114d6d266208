/**
 * cbec-gravity: an extended trade gravity model study, end to end.
 * @module
 */
export * from "./errors.ts";
export * from "./data/csv.ts";
export * from "./stats/types.ts";
