/**
 * The extended gravity study: config, term formation, CBEC index by PCA, trade potential K,
 * synthetic panels with known truth, the paper side by side, and formatting.
 * @module
 */
export * from "./types.ts";
export * from "./config.ts";
export * from "./terms.ts";
export * from "./cbec_index.ts";
export * from "./potential.ts";
export * from "./compare.ts";
export * from "./study.ts";
export * from "./synthetic.ts";
export * from "./format.ts";
export * from "./forecast_config.ts";
export * from "./forecast_fit.ts";
export * from "./forecast_naive.ts";
export * from "./forecast.ts";
export * from "./forecast_scenario.ts";
export * from "./forecast_study.ts";
export * from "./forecast_format.ts";
export * from "./synthetic_forecast.ts";
export * from "./forecast_uncertainty.ts";
export * from "./uncertainty.ts";
export * from "./china_world.ts";
export * from "./benchmark.ts";
export * from "./benchmark_io.ts";
export * from "./format_benchmark.ts";
export * from "./sensitivity.ts";
export * from "./sensitivity_table.ts";
export * from "./synthetic_world.ts";
export * from "./world_gravity.ts";
export * from "./synthetic_gravity.ts";
