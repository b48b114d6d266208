/**
 * Atomic writes: files renamed into place only when every one is complete.
 * @module
 */
export * from "./atomic.ts";
