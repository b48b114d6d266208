/**
 * The study rendered: text, markdown and HTML (study.ts), report.html (report_page.ts), its figures
 * (figures.ts) and each section's tables (sections/); reads results, computes nothing.
 * @module
 */
export * from "./sections/mod.ts";
export * from "./study.ts";
export * from "./report_page.ts";
export * from "./figures.ts";
