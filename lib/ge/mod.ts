/**
 * General-equilibrium counterfactuals: exact hat algebra and the book's GEPPML (a replication mode).
 * @module
 */
export * from "./types.ts";
export * from "./options.ts";
export * from "./matrix.ts";
export * from "./costs.ts";
export * from "./conditional.ts";
export * from "./equilibrium.ts";
export * from "./exact.ts";
export * from "./book.ts";
