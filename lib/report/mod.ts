/**
 * Reporting: tables (text, markdown, HTML, CSV), Plot figures as SVG strings, notebook display
 * helpers and a self-contained HTML report page.
 * @module
 */
export * from "./table.ts";
export * from "./dom.ts";
export * from "./figures/figures.ts";
export * from "./jupyter.ts";
export * from "./html.ts";
export * from "./regression_table.ts";
export * from "./pca_table.ts";
export * from "./figures/forecast_fan.ts";
export * from "./figures/k_intervals.ts";
export * from "./figures/labels.ts";
export * from "./models_table.ts";
export * from "./model_json.ts";
