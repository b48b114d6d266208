/**
 * The gravity equation's terms from the panel (formation, design rows) and the CBEC index by PCA.
 * @module
 */
export * from "./cbec_index.ts";
export * from "./terms.ts";
