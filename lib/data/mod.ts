/**
 * Data: CSV reading, World Bank and other source readers, the import pipeline and the panel.
 * @module
 */
export * from "./read/header.ts";
export * from "./read/strict_json.ts";
export * from "./import/keys.ts";
export * from "./read/csv.ts";
export * from "./read/numeric_csv.ts";
export * from "./sources/wdi.ts";
export * from "./sources/pages.ts";
export * from "./sources/geo.ts";
export * from "./import/interpolate.ts";
export * from "./panel.ts";
export * from "./import/build.ts";
export * from "./sources/macro.ts";
export * from "./read/xlsx.ts";
export * from "./sources/country_names.ts";
export * from "./sources/dots.ts";
export * from "./sources/comtrade.ts";
export * from "./sources/bilateral.ts";
export * from "./world.ts";
export * from "./import/world_build.ts";
export * from "./sources/cepii.ts";
