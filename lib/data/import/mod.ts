/**
 * The importer: raw source files in, the tidy panel, world panel, flags and data README out.
 * @module
 */
export * from "./build.ts";
export * from "./config.ts";
export * from "./interpolate.ts";
export * from "./world_build.ts";
// Not re-exported: read_sources.ts, grid.ts, tidy_files.ts and readme.ts, the steps of
// buildImport, used by this folder's files only.
