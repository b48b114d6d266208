/**
 * The extended gravity study: config, term formation, CBEC index by PCA, trade potential K,
 * synthetic panels with known truth, the paper side by side, and formatting.
 * @module
 */
export * from "./types.ts";
export * from "./config/study.ts";
export * from "./equation/terms.ts";
export * from "./equation/cbec_index.ts";
export * from "./potential/k.ts";
export * from "./study/paper.ts";
export * from "./study/run.ts";
export * from "./synthetic/study.ts";
export * from "./render/study.ts";
export * from "./config/forecast.ts";
export * from "./forecast/fit.ts";
export * from "./forecast/naive.ts";
export * from "./forecast/validate.ts";
export * from "./forecast/scenario.ts";
export * from "./forecast/run.ts";
export * from "./render/forecast.ts";
export * from "./synthetic/forecast.ts";
export * from "./forecast/k_projection.ts";
export * from "./potential/uncertainty.ts";
export * from "./world/china_world.ts";
export * from "./world/benchmark.ts";
export * from "./world/load.ts";
export * from "./render/world.ts";
export * from "./study/sensitivity.ts";
export * from "./render/sensitivity.ts";
export * from "./synthetic/world.ts";
export * from "./world/gravity_data.ts";
export * from "./synthetic/gravity.ts";
