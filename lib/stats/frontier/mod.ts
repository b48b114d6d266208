/**
 * Stochastic frontier analysis: cross-section, Battese-Coelli (1992) panel and (1995)
 * inefficiency-effects frontiers by maximum likelihood, with efficiencies and their intervals.
 * @module
 */
export * from "./types.ts";
export * from "./fit.ts";
export * from "./efficiency.ts";
export * from "./inference.ts";
export { conditionals, layout, logLikelihood, workspace } from "./likelihood.ts";
export type { Conditionals, ParameterLayout, Workspace } from "./likelihood.ts";
export { buildProblem } from "./problem.ts";
export type { BuiltProblem, FrontierProblem, Standardisation } from "./problem.ts";
