/**
 * Generic readers: CSV (streaming and numeric), xlsx, strict JSON, header checks; one-line errors.
 * @module
 */
export * from "./csv.ts";
export * from "./header.ts";
export * from "./numeric_csv.ts";
export * from "./strict_json.ts";
export * from "./xlsx.ts";
