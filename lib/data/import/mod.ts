/**
 * The importer: raw source files in, the tidy panel, world panel, flags and data README out.
 * @module
 */
export * from "./build.ts";
export * from "./interpolate.ts";
export * from "./keys.ts";
export * from "./world_build.ts";
