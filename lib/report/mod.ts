/**
 * Presentation primitives, independent of the study: tables (text, markdown, HTML, CSV, LaTeX,
 * Excel workbooks), Plot figures as SVG strings (figures/), notebook display helpers and a
 * self-contained HTML page.
 * @module
 */
export * from "./table.ts";
export * from "./latex.ts";
export * from "./xlsx.ts";
export * from "./dom.ts";
export * from "./escape.ts";
export * from "./jupyter.ts";
export * from "./html.ts";
export * from "./regression_table.ts";
export * from "./pca_table.ts";
export * from "./models_table.ts";
export * from "./model_json.ts";
export * from "./frontier_table.ts";
export * from "./ge_table.ts";
export * from "./figures/mod.ts";
