/**
 * The world around China: the China world panel, the world benchmark of K, the structural K, their loader and cache.
 * @module
 */
export * from "./benchmark.ts";
export * from "./cache.ts";
export * from "./china_world.ts";
export * from "./frontier.ts";
export * from "./counterfactual.ts";
export * from "./ge_world.ts";
export * from "./gravity_data.ts";
export * from "./load.ts";
export * from "./structural.ts";
export * from "./structural_flows.ts";
export * from "./structural_k.ts";
