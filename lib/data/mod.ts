/**
 * Data: CSV reading, World Bank and other source readers, the import pipeline and the panel.
 * @module
 */
export * from "./header.ts";
export * from "./strict_json.ts";
export * from "./import_keys.ts";
export * from "./csv.ts";
export * from "./numeric_csv.ts";
export * from "./wdi.ts";
export * from "./sources.ts";
export * from "./geo.ts";
export * from "./interpolate.ts";
export * from "./panel.ts";
export * from "./import.ts";
export * from "./macro.ts";
export * from "./xlsx.ts";
export * from "./country_names.ts";
export * from "./dots.ts";
export * from "./comtrade.ts";
export * from "./bilateral.ts";
export * from "./world.ts";
export * from "./world_build.ts";
export * from "./cepii.ts";
