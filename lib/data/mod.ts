/**
 * Data: generic readers (read/), one reader per source (sources/), the importer that writes the
 * tidy files (import/), and the loaders of those files (panel.ts, world.ts).
 * @module
 */
export * from "./panel.ts";
export * from "./world.ts";
export * from "./read/mod.ts";
export * from "./sources/mod.ts";
export * from "./import/mod.ts";
