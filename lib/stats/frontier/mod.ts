/**
 * Stochastic frontier analysis: cross-section, Battese-Coelli (1992) panel and (1995)
 * inefficiency-effects frontiers by maximum likelihood, with efficiencies and their intervals.
 * @module
 */
export * from "./types.ts";
export { stochasticFrontier } from "./fit.ts";
export { pointEfficiency, truncatedNormalQuantile } from "./efficiency.ts";
export { mixedChiSquareCritical, mixedChiSquareP } from "./inference.ts";
