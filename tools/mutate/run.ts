/**
 * `deno task mutate [lib/file.ts ...]`: StrykerJS mutation testing of lib/, one target file at a
 * time with concurrency 1, each against the tests of its folder (Stryker's `command` test runner
 * calling `deno test --no-check`). Stryker is a dev tool installed by `npm ci` into
 * tools/mutate/node_modules (git-ignored), never a runtime dependency.
 *
 * Stryker works in a sandbox copy of the repository under out/mutate/.stryker-tmp/ (never in
 * place: other test runs and your edits are unaffected). The tests that read the NIST data as
 * ../shared/data/nist-strd/ find a copy of it beside the sandbox (copied, not linked, so cleaning
 * the sandbox can never touch ../shared). This driver also checks that `git diff` of the target
 * is unchanged afterwards. Reports go to out/mutate/<file>.json and .html;
 * the score per file and the surviving mutants are printed (and written to out/mutate/summary.md).
 *
 * Without file arguments it runs every code file of lib/gravity and lib/stats (every folder under
 * them); `--stale` runs only those whose record is missing or was made on other code (record.ts
 * `codeHash`: a move or a rewritten import path keeps a record current, a change to the code
 * does not). `--relink` follows moved files: a record whose file is gone is given the current file
 * with the same code (renamed to that file's record name), and each record's survivor lines are
 * re-found in the current text. Takes roughly 0.2-4 s per mutant on one core.
 * `--survivors` re-tests only the lines where the last full run of a file left mutants alive
 * (after tests were added for them) and merges the verdicts into out/mutate/<file>.merged.json.
 * @module
 */

import {
  buildRecord,
  codeHash,
  type MutantJson,
  type MutationRecord,
  recordsMarkdown,
  relocate,
  replaceBetween,
  score,
} from "./record.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const RECORDS = `${ROOT}tests/mutation`;
const TOOL = `${ROOT}tools/mutate`;
const OUT = `${ROOT}out/mutate`;

/**
 * The tests that judge a target: its folder's tests (tests/gravity/ for lib/gravity/...), without
 * the CLI tests (their subprocesses run without --allow-env, which the mutant switch needs).
 */
export function testsFor(target: string): string[] {
  if (TESTS[target]) return TESTS[target];
  const dir = target.replace(/^lib\//, "tests/").replace(/\/[^/]+$/, "/");
  return [dir];
}

/** The forecast modules: each one's own tests, the forecast config's and the end-to-end ones (fast first). */
const FORECAST_TESTS = [
  "tests/gravity/forecast/validate_test.ts",
  "tests/gravity/forecast/naive_test.ts",
  "tests/gravity/forecast/fit_test.ts",
  "tests/gravity/forecast/scenario_test.ts",
  "tests/gravity/forecast/k_projection_test.ts",
  "tests/gravity/config/forecast_test.ts",
  "tests/gravity/forecast/run_test.ts",
  "tests/gravity/forecast/forecast_test.ts",
  "tests/gravity/forecast/scenario_k_definition_test.ts",
];

/**
 * The potential modules' own tests (closed forms, scipy's values and pinned draws; the config
 * parser's test came with them). The slow coverage acceptance tests of uncertainty_test.ts (6-18 s
 * each) and its simulation-vs-closed-form and residual-variance tests (1-2 s each) are left out:
 * without them the verdicts were the same (mut-gravity, when the modules were one uncertainty.ts:
 * the same 27 equivalent survivors, in 18 instead of 25 minutes).
 */
const POTENTIAL_TESTS = [
  "tests/gravity/potential/intervals_test.ts",
  "tests/gravity/potential/study_intervals_test.ts",
  "tests/gravity/config/uncertainty_test.ts",
];

/** The study config's own parts: every malformed field, the defaults, the unknown keys. */
const CONFIG_TESTS = [
  "tests/gravity/config/study_test.ts",
  "tests/gravity/config/nearest_key_test.ts",
];

/**
 * Leaves out the two tests of tests/gravity/render/study_test.ts that run a study ("formatting: text,
 * ..." and "text report fits ...", 0.2-0.4 s each), so the renderers that its formatStudy tests
 * also judge are judged on hand-built results only (deno's filter has no lookahead).
 */
const HAND_BUILT = "--filter='/^([^ft]|t[^e]|f[^o]|format[^t])/'";

/**
 * Leaves out ppml_test.ts's fits of real and fixture panels against statsmodels (1-5 s each:
 * "PPML = statsmodels ...", "PPML on the real ...", "PPML on a real ...", "least squares with
 * absorbed two-way FE ..."), keeping every other title of the PPML targets' test files (deno's
 * filter has no lookahead).
 */
const NO_SLOW_PPML =
  "--filter='/^([^Pl]|P[^P]|PPML[^ ]|PPML [^=o]|PPML o[^n]|PPML on[^ ]|PPML on [^ta]|least squares with absorbed F)/'";

/** The stochastic frontier's tests without the simulation study (8 s). */
const FRONTIER_TESTS = [
  "tests/stats/frontier/warnings_test.ts",
  "tests/stats/frontier/published_test.ts",
  "tests/stats/frontier/scipy_test.ts",
];

/** Targets judged by a narrower set of test files than their folder (faster, same verdicts). */
const TESTS: Record<string, string[]> = {
  "lib/stats/pca.ts": [
    "tests/stats/pca_test.ts",
    "tests/stats/pca_scores_test.ts",
    "tests/gravity/equation/cbec_index_test.ts",
  ],
  "lib/stats/correlation.ts": [
    "tests/stats/correlation_test.ts",
  ],
  "lib/stats/distributions.ts": [
    "tests/stats/distributions_test.ts",
    "tests/stats/distributions_edges_test.ts",
    // the normal functions of the stochastic frontier (mpmath and scipy values)
    "tests/stats/normal_test.ts",
    "tests/stats/linear/ols_test.ts",
    "tests/stats/pca_test.ts",
  ],
  "lib/stats/complete.ts": [
    "tests/stats/formula_complete_test.ts",
    "tests/stats/correlation_test.ts",
    "tests/stats/pca_test.ts",
    "tests/stats/linear/ols_test.ts",
  ],
  "lib/stats/formula.ts": [
    "tests/stats/formula_complete_test.ts",
    "tests/stats/linear/ols_test.ts",
  ],
  // mut-fc: validate_test.ts's interval-end test kills the interval-end mutants of validateCutoff
  "lib/gravity/forecast/validate.ts": FORECAST_TESTS,
  "lib/gravity/forecast/fit.ts": FORECAST_TESTS,
  "lib/gravity/forecast/naive.ts": FORECAST_TESTS,
  "lib/gravity/forecast/scenario.ts": FORECAST_TESTS,
  "lib/gravity/forecast/k_projection.ts": FORECAST_TESTS,
  "lib/gravity/config/forecast.ts": [
    ...FORECAST_TESTS,
    "tests/gravity/config/nearest_key_test.ts",
  ],
  "lib/gravity/forecast/run.ts": FORECAST_TESTS,
  // potential modules: their own tests without uncertainty_test.ts's slow ones (POTENTIAL_TESTS)
  "lib/gravity/potential/intervals.ts": POTENTIAL_TESTS,
  "lib/gravity/potential/study_intervals.ts": POTENTIAL_TESTS,
  // the dense covariances: numpy's and ols's values, the pieces by hand, and their callers'
  // closed-form checks (the PPML benchmark's coverage tests, 30 s, left out)
  "lib/stats/vcov_dense.ts": [
    "--filter='/^(olsCov|ppmlCov|two clusters|the pieces|chooseCov|PPML cov)/'",
    "tests/stats/vcov_dense_test.ts",
    "tests/gravity/potential/study_intervals_test.ts",
    "tests/gravity/world/benchmark_ppml_test.ts",
  ],
  // every seeded stream against independent code, and the K simulation's pinned residual draws
  "lib/stats/random.ts": ["tests/stats/random_test.ts", ...POTENTIAL_TESTS],
  "lib/stats/prediction.ts": [
    "tests/stats/prediction_test.ts",
    "tests/gravity/forecast/validate_test.ts",
    "tests/gravity/forecast/naive_test.ts",
    "tests/gravity/forecast/fit_test.ts",
    "tests/gravity/forecast/scenario_test.ts",
    "tests/gravity/forecast/k_projection_test.ts",
  ],
  // m-grav2: results_k_definitions_test.ts (12 s: two studies run end to end) left out of the
  // full runs; benchmark_test.ts checks the K definitions' use in the benchmark on small panels
  "lib/gravity/world/benchmark.ts": [
    "--filter='/^([^aP]|adding|PPML cov)/'",
    "tests/gravity/world/benchmark_test.ts",
    "tests/gravity/config/benchmark_test.ts",
    "tests/gravity/world/benchmark_ppml_test.ts",
  ],
  "lib/gravity/world/structural.ts": [
    "tests/gravity/world/structural_test.ts",
    "tests/gravity/config/structural_test.ts",
    "tests/gravity/world/structural_trusted_test.ts",
  ],
  // issue 23: the trusted-flow rule and the structural K under each K definition
  "lib/gravity/world/structural_flows.ts": [
    "tests/gravity/world/structural_trusted_test.ts",
    "tests/gravity/world/structural_test.ts",
  ],
  "lib/gravity/world/structural_k.ts": [
    "tests/gravity/world/structural_trusted_test.ts",
    "tests/gravity/world/structural_test.ts",
  ],
  // issue 23: one K definition for every estimator, its users' by-hand checks
  "lib/gravity/potential/definition.ts": [
    "tests/gravity/potential/k_definition_test.ts",
    "tests/gravity/potential/k_test.ts",
    "tests/gravity/world/structural_trusted_test.ts",
    "tests/gravity/render/sections/k_definition_notes_test.ts",
    "tests/gravity/forecast/scenario_k_definition_test.ts",
  ],
  // the stochastic frontier section (i-sfa): each file by its own tests; the world fit and the
  // study section against the pandas + numpy + scipy reference (frontier_expected.json), the
  // study section's reading on a hand-built world fit, the renderer on a hand-built section only
  // (the tests that run a study are left out by the filter)
  "lib/gravity/config/frontier.ts": [
    "tests/gravity/config/frontier_config_test.ts",
  ],
  "lib/gravity/world/frontier.ts": [
    "tests/gravity/world/frontier_test.ts",
  ],
  "lib/gravity/study/frontier.ts": [
    "tests/gravity/study/frontier_test.ts",
  ],
  "lib/gravity/render/sections/frontier.ts": [
    "--filter='/hand-built/'",
    "tests/gravity/render/sections/frontier_test.ts",
  ],
  "lib/report/figures/frontier.ts": [
    "tests/report/figures/frontier_figure_test.ts",
  ],
  "lib/gravity/study/sensitivity.ts": [
    "tests/gravity/study/sensitivity_test.ts",
  ],
  // china_world (mut-world): its own tests only (the CEPII code-table test reads no china_world code)
  "lib/gravity/world/china_world.ts": [
    "--filter='/^(China|reporterTrade|loadChina)/'",
    "tests/gravity/world/china_world_test.ts",
    "tests/gravity/world/china_world_load_test.ts",
  ],
  "lib/gravity/world/gravity_data.ts": [
    "tests/gravity/world/gravity_data_test.ts",
  ],
  // m-grav2: and the counterfactuals' world and solution, built then cached
  "lib/gravity/world/load.ts": [
    "--filter='/^([^aP]|adding|PPML cov)/'",
    "tests/gravity/world/load_test.ts",
    "tests/gravity/world/benchmark_ppml_test.ts",
    "tests/gravity/world/frontier_load_test.ts",
    "tests/gravity/world/counterfactual_load_test.ts",
  ],
  // world cache (mut-world)
  "lib/gravity/world/cache.ts": [
    "tests/gravity/world/cache_test.ts",
  ],
  // synthetic generators (mut-world): their documented properties
  "lib/gravity/synthetic/world.ts": ["tests/gravity/synthetic/world_test.ts"],
  "lib/gravity/synthetic/gravity.ts": [
    "tests/gravity/synthetic/gravity_test.ts",
  ],
  "lib/gravity/synthetic/forecast.ts": [
    "tests/gravity/synthetic/forecast_test.ts",
  ],
  // the PPML solver: ppmlIrls's and the steps' tests (statsmodels' paths and fits on small panels)
  // without ppml_test.ts's real-data fits (NO_SLOW_PPML)
  "lib/stats/model/ppml.ts": [
    NO_SLOW_PPML,
    "tests/stats/model/ppml_test.ts",
    "tests/stats/model/poisson_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/ppml_gamma_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // issue 19: the IRLS with fixed effects, its steps and the deviance (the sparse property test,
  // 3 s, compares with statsmodels on 18 panels)
  "lib/stats/model/ppml_fe.ts": [
    NO_SLOW_PPML,
    "tests/stats/model/ppml_test.ts",
    "tests/stats/model/ppml_steps_test.ts",
    "tests/stats/model/ppml_sparse_property_test.ts",
    "tests/report/model_work_test.ts",
  ],
  "lib/stats/model/ppml_steps.ts": [
    NO_SLOW_PPML,
    "tests/stats/model/ppml_steps_test.ts",
    "tests/stats/model/ppml_test.ts",
  ],
  "lib/stats/model/poisson.ts": [
    NO_SLOW_PPML,
    "tests/stats/model/poisson_test.ts",
    "tests/stats/model/ppml_test.ts",
    "tests/stats/model/ppml_steps_test.ts",
  ],
  // the conjugate-gradient demeaning: closed forms, dense answers and a reference CG
  "lib/stats/model/demean.ts": [
    "tests/stats/model/demean_test.ts",
    "tests/stats/model/fe_effects_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // their passes against dense formulas (one to three solved dimensions, groups of 1 and 4), then
  // the whole demeaning; ppml_sparse_property_test.ts (4 s, a timeout per slowed mutant) dropped
  "lib/stats/model/demean_kernels.ts": [
    "tests/stats/model/demean_kernels_test.ts",
    "tests/stats/model/demean_ends_test.ts",
    "tests/stats/model/demean_test.ts",
  ],
  "lib/stats/model/demean_ends.ts": [
    "tests/stats/model/demean_ends_test.ts",
    "tests/stats/model/demean_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s, real-data acceptance) dropped
  "lib/stats/model/fe.ts": [
    "tests/stats/model/fe_test.ts",
    "tests/stats/model/fe_effects_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
    "tests/stats/model/ppml_gamma_test.ts",
  ],
  // mut-ppml: ppml_test.ts (8 s) and ppml_gamma_test.ts dropped: the covariances they check are
  // checked by vcov_test.ts (closed forms) and fit_test.ts (statsmodels)
  "lib/stats/vcov.ts": [
    "tests/stats/vcov_test.ts",
    "tests/stats/vcov_dense_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) and ppml_gamma_test.ts dropped; separation_lp_test.ts holds the
  // linear-programming truth on 800 panels
  "lib/stats/model/separation.ts": [
    "tests/stats/model/separation_test.ts",
    "tests/stats/model/separation_lp_test.ts",
    "tests/stats/model/model_test.ts",
    "tests/report/model_work_test.ts",
    // the singletons counted and the columns passed on in place when nothing is dropped
    "tests/stats/model/estimate_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) dropped
  "lib/stats/model/estimate.ts": [
    "tests/stats/model/estimate_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
    "tests/stats/model/ppml_gamma_test.ts",
    "tests/stats/model/ppml_steps_test.ts",
    "tests/report/model_work_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) and ppml_gamma_test.ts dropped
  "lib/stats/linear/lsq.ts": [
    "tests/stats/linear/lsq_test.ts",
    "tests/stats/linear/ols_test.ts",
    "tests/stats/linear/nist_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) dropped
  "lib/stats/model/fit.ts": [
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/estimate_test.ts",
    "tests/stats/model/fe_effects_test.ts",
    "tests/stats/model/model_test.ts",
    "tests/stats/model/ppml_gamma_test.ts",
    "tests/report/model_work_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) and ppml_gamma_test.ts dropped
  "lib/stats/model/design.ts": [
    "tests/stats/model/design_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // mut-est: ppml_test.ts (6 s) and ppml_gamma_test.ts dropped
  "lib/stats/model/spec.ts": [
    "tests/stats/model/spec_test.ts",
    "tests/stats/model/design_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
  ],
  // the fit command's JSON: field by field from a hand-built result
  "lib/stats/linear/ols_json.ts": ["tests/stats/linear/ols_json_test.ts"],
  // the quasi-Newton minimiser: its own closed-form minima and the probes, iterations and
  // evaluations its rules give, worked by hand (the frontier fits it makes, 4.5 s a run under
  // load, left out: they killed no mutant these do not)
  "lib/stats/bfgs.ts": ["tests/stats/bfgs_test.ts"],
  // the stochastic frontier: published outputs (FRONTIER 4.1, R frontier), numpy + scipy, the
  // likelihood's gradient and integral, the warnings and bad input; the simulation study
  // (simulation_test.ts, 8 s) left out
  "lib/stats/frontier/efficiency.ts": [
    "tests/stats/frontier/efficiency_test.ts",
    ...FRONTIER_TESTS,
  ],
  // the report's derived numbers, names, options and warnings, then the fits against references
  "lib/stats/frontier/fit.ts": ["tests/stats/frontier/fit_test.ts", ...FRONTIER_TESTS],
  "lib/stats/frontier/inference.ts": [
    "tests/stats/frontier/inference_test.ts",
    ...FRONTIER_TESTS,
  ],
  "lib/stats/frontier/likelihood.ts": [
    "tests/stats/frontier/likelihood_test.ts",
    ...FRONTIER_TESTS,
  ],
  "lib/stats/frontier/problem.ts": [
    "tests/stats/frontier/problem_test.ts",
    ...FRONTIER_TESTS,
  ],
  // the grid start against numpy + scipy and FRONTIER 4.1's printed grid point
  "lib/stats/frontier/start.ts": ["tests/stats/frontier/start_test.ts"],
  "lib/stats/linear/ols.ts": [
    "tests/stats/linear/ols_test.ts",
    "tests/stats/linear/vif_test.ts",
    "tests/stats/linear/nist_test.ts",
  ],
  "lib/stats/qr.ts": [
    "tests/stats/qr_test.ts",
    "tests/stats/linear/ols_test.ts",
    "tests/stats/linear/nist_test.ts",
    "tests/stats/vcov_test.ts",
    "tests/stats/model/fit_test.ts",
    "tests/stats/model/model_test.ts",
    "tests/stats/model/ppml_gamma_test.ts",
  ],
  // study and config modules (mut-study): the slow property test of run_test.ts is filtered out
  "lib/gravity/study/run.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/study/run_sections_test.ts",
    "tests/gravity/study/run_test.ts",
    "tests/gravity/study/coverage_test.ts",
    "tests/gravity/study/regression_test.ts",
    "tests/gravity/study/potential_test.ts",
    "tests/gravity/study/differences_test.ts",
    "tests/gravity/study/boundaries_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
    "tests/gravity/study/sensitivity_test.ts",
    // the frontier and counterfactual sections as runGravityStudy wires them (given, fitted, off)
    "tests/gravity/study/frontier_test.ts",
    "tests/gravity/study/counterfactual_section_test.ts",
  ],
  // mut-study: the study's sections, each by its own tests and the end-to-end ones
  "lib/gravity/study/coverage.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/study/coverage_test.ts",
    "tests/gravity/study/run_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
  ],
  "lib/gravity/study/regression.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/study/regression_test.ts",
    "tests/gravity/study/run_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
  ],
  "lib/gravity/study/potential.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/study/potential_test.ts",
    "tests/gravity/study/run_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
  ],
  "lib/gravity/study/differences.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/study/differences_test.ts",
    "tests/gravity/study/run_test.ts",
  ],
  // m-grav1: the findings and their sentences (the real-data refit, the synthetic truth, the
  // hand-built sections), the counterfactual headline by its section's tests
  "lib/gravity/study/findings.ts": [
    "tests/gravity/study/findings_test.ts",
    "tests/gravity/study/counterfactual_section_test.ts",
  ],
  // m-grav1: the notebook display hook (one synthetic study rendered)
  "lib/gravity/notebook.ts": ["tests/gravity/notebook_test.ts"],
  // mut-study: the paper comparison
  "lib/gravity/study/paper.ts": [
    "--filter='/^(load|comp|the paper|paper comp|describe)/'",
    "tests/gravity/study/paper_describe_test.ts",
    "tests/gravity/study/paper_test.ts",
    "tests/gravity/study/boundaries_test.ts",
  ],
  // mut-study: the config parser (composing the section parsers) and its checks against the panel
  "lib/gravity/config/study.ts": [
    ...CONFIG_TESTS,
    "tests/gravity/config/config_sections_test.ts",
    "tests/data/read/strict_json_test.ts",
    // m-grav1: the frontier and counterfactual sections as parseStudyConfig wires them
    "tests/gravity/config/frontier_config_test.ts",
    "tests/gravity/config/counterfactual_config_test.ts",
  ],
  // the study's own blocks, each with its parser
  "lib/gravity/config/terms.ts": CONFIG_TESTS,
  "lib/gravity/config/cbec.ts": CONFIG_TESTS,
  "lib/gravity/config/potential.ts": CONFIG_TESTS,
  // the field reader every section shares (its own tests, then the sections')
  "lib/gravity/config/fields.ts": [
    "tests/gravity/config/fields_test.ts",
    ...CONFIG_TESTS,
    "tests/gravity/config/config_sections_test.ts",
    "tests/gravity/config/forecast_test.ts",
  ],
  // the sections: their parsers' tests (beside the code they configure) and the config tests
  "lib/gravity/config/uncertainty.ts": [
    "--filter='/^(parseUncertaintyConfig|uncertainty config|nearest key|config sections)/'",
    "tests/gravity/config/uncertainty_test.ts",
    "tests/gravity/potential/uncertainty_test.ts",
    "tests/gravity/config/nearest_key_test.ts",
    "tests/gravity/config/config_sections_test.ts",
  ],
  "lib/gravity/config/benchmark.ts": [
    "--filter='/^(parseBenchmarkConfig|nearest key|config sections)/'",
    "tests/gravity/world/benchmark_test.ts",
    "tests/gravity/config/benchmark_test.ts",
    "tests/gravity/config/nearest_key_test.ts",
    "tests/gravity/config/config_sections_test.ts",
  ],
  "lib/gravity/config/structural.ts": [
    "--filter='/^(parseStructuralConfig|structural config|structural.partnerExports|the untrusted|nearest key|config sections)/'",
    "tests/gravity/world/structural_test.ts",
    "tests/gravity/config/structural_test.ts",
    "tests/gravity/config/structural_untrusted_test.ts",
    "tests/gravity/config/nearest_key_test.ts",
    "tests/gravity/config/config_sections_test.ts",
  ],
  "lib/gravity/config/sensitivity.ts": [
    "tests/gravity/config/config_sections_test.ts",
    "tests/gravity/config/nearest_key_test.ts",
  ],
  // the counterfactual section (i-ge): each file by its own tests; the world matrix and the
  // scenarios against the pandas + numpy recomputation (study_expected.json)
  "lib/gravity/config/counterfactual.ts": [
    "tests/gravity/config/counterfactual_config_test.ts",
  ],
  // m-grav2: the real-data comparison with pandas + numpy ("counterfactual on the 2019 world",
  // 12 s: it loads the world panel and solves every scenario) is left out of the full runs; the
  // small worlds of the other tests judge each mutant in about a second
  "lib/gravity/world/ge_world.ts": [
    "--filter='/^(buildGeBaseline|counterfactual:|scenarioPairs|loadBenchmarkWorld)/'",
    "tests/gravity/world/ge_world_test.ts",
    "tests/gravity/world/counterfactual_test.ts",
    "tests/gravity/world/counterfactual_load_test.ts",
  ],
  "lib/gravity/world/counterfactual.ts": [
    "--filter='/^(counterfactual:|scenarioPairs|study:)/'",
    "tests/gravity/world/counterfactual_test.ts",
    "tests/gravity/study/counterfactual_section_test.ts",
  ],
  "lib/gravity/render/sections/counterfactual.ts": [
    "tests/gravity/render/sections/counterfactual_test.ts",
  ],
  // mut-study: the synthetic generator (run_test.ts without its slow property test)
  "lib/gravity/synthetic/study.ts": [
    "--filter='/^([^p]|pa)/'",
    "tests/gravity/synthetic/study_test.ts",
    "tests/gravity/study/run_test.ts",
  ],
  // mut-study: the CBEC index (PCA composite), with the independent sklearn truth
  "lib/gravity/equation/cbec_index.ts": [
    "tests/gravity/equation/cbec_index_test.ts",
    "tests/gravity/study/boundaries_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
  ],
  // mut-study: K and the design terms (run_test.ts without its slow property test)
  "lib/gravity/potential/k.ts": [
    "--filter='/^([^p]|p[^r])/'",
    "tests/gravity/potential/k_test.ts",
    "tests/gravity/equation/terms_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
    "tests/gravity/study/run_test.ts",
  ],
  "lib/gravity/equation/terms.ts": [
    "--filter='/^([^p]|p[^r])/'",
    "tests/gravity/potential/k_test.ts",
    "tests/gravity/equation/terms_test.ts",
    "tests/gravity/study/independent_truth_test.ts",
    "tests/gravity/study/run_test.ts",
  ],
  // mut-study: the sensitivity table's formatting
  "lib/gravity/render/sections/sensitivity.ts": [
    "tests/gravity/render/sections/sensitivity_test.ts",
    "tests/gravity/study/sensitivity_test.ts",
  ],
  // renderers (mut-fmt): hand-built results (tests/gravity/render/hand_results.ts), no study run,
  // each by its own test file and the tests of the renderers that call it
  "lib/gravity/render/figures.ts": [
    "tests/gravity/render/figures_test.ts",
  ],
  "lib/gravity/render/report_page.ts": [
    "tests/gravity/render/report_page_test.ts",
    "tests/gravity/render/figures_test.ts",
  ],
  // m-grav2: and the terminal summary's tests (formatSummary is here)
  "lib/gravity/render/study.ts": [
    "tests/gravity/render/study_test.ts",
    "tests/gravity/render/summary_test.ts",
  ],
  "lib/gravity/render/sections/coverage.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/coverage_test.ts",
    "tests/gravity/render/study_test.ts",
  ],
  "lib/gravity/render/sections/pca.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/pca_test.ts",
    "tests/gravity/render/study_test.ts",
  ],
  "lib/gravity/render/sections/regression.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/regression_test.ts",
    "tests/gravity/render/study_test.ts",
  ],
  "lib/gravity/render/sections/potential.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/potential_test.ts",
    "tests/gravity/render/study_test.ts",
  ],
  "lib/gravity/render/sections/comparison.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/comparison_test.ts",
    "tests/gravity/render/report_page_test.ts",
    "tests/gravity/render/study_test.ts",
  ],
  "lib/gravity/render/sections/world.ts": [
    "tests/gravity/render/sections/world_test.ts",
    "tests/gravity/render/sections/potential_test.ts",
    "tests/gravity/render/sections/k_definition_notes_test.ts",
  ],
  // m-grav2: Table 3c and the structural flag note, by the tests that read them
  "lib/gravity/render/sections/structural.ts": [
    "tests/gravity/render/sections/k_definition_notes_test.ts",
    "tests/gravity/render/sections/world_test.ts",
    "tests/gravity/render/sections/potential_test.ts",
  ],
  "lib/gravity/render/sections/forecast.ts": [
    "tests/gravity/render/sections/forecast_test.ts",
    "tests/gravity/render/sections/k_definition_notes_test.ts",
  ],
  "lib/gravity/render/sections/formatters.ts": [
    HAND_BUILT,
    "tests/gravity/render/sections/formatters_test.ts",
    "tests/gravity/render/sections/coverage_test.ts",
    "tests/gravity/render/sections/pca_test.ts",
    "tests/gravity/render/sections/regression_test.ts",
    "tests/gravity/render/sections/potential_test.ts",
    "tests/gravity/render/sections/world_test.ts",
    "tests/gravity/render/sections/forecast_test.ts",
    "tests/gravity/render/study_test.ts",
    "tests/gravity/render/report_page_test.ts",
    "tests/gravity/render/sections/sensitivity_test.ts",
    "tests/gravity/render/sections/k_definition_notes_test.ts",
  ],
};

async function run(cmd: string, args: string[], cwd = ROOT): Promise<number> {
  const p = new Deno.Command(cmd, {
    args,
    cwd,
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  return (await p.status).code;
}

async function gitDiff(file: string): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["diff", "--", file],
    cwd: ROOT,
  }).output();
  return new TextDecoder().decode(out.stdout);
}

/** Key of a mutant that survives a rerun (same place, same mutation). */
const mutantKey = (m: MutantJson) => {
  const { start, end } = m.location;
  return `${start.line}:${start.column}-${end.line}:${end.column}|${m.mutatorName}|` +
    (m.replacement ?? "");
};

/** out/mutate/<base>.json and tests/mutation/<base>.json: lib/gravity/x.ts -> gravity_x. */
export const reportBase = (target: string) =>
  target.replace(/^lib\//, "").replace(/\.ts$/, "").replaceAll("/", "_");

async function mutateOne(
  target: string,
  survivorsOnly: boolean,
): Promise<string> {
  const name = reportBase(target);
  // --survivors: re-test only the lines where the last full run left mutants alive (tests are
  // only ever added, so its killed mutants stay killed), then merge the verdicts
  let previous: MutantJson[] | null = null;
  let mutate = [target];
  if (survivorsOnly) {
    previous = readMutants(`${OUT}/${name}.json`);
    // the whole line span of each survivor (a multi-line mutant, e.g. a block replaced by {},
    // lies inside a range only if the range covers all its lines)
    const lines = [
      ...new Set(
        previous.filter((m) => m.status === "Survived" || m.status === "NoCoverage")
          .map((m) => `${m.location.start.line}-${m.location.end.line}`),
      ),
    ];
    if (lines.length === 0) return summarise(target, previous, 0);
    mutate = lines.map((l) => `${target}:${l}`);
  }
  const reportName = survivorsOnly ? `${name}.rerun` : name;
  const before = await gitDiff(target);
  const tests = testsFor(target);
  const config = {
    mutate,
    testRunner: "command",
    commandRunner: {
      command: "NO_COLOR=1 deno test --no-check --fail-fast --allow-read --allow-write=out " +
        `--allow-run --allow-env ${tests.join(" ")}`,
    },
    inPlace: false,
    disableTypeChecks: false,
    concurrency: 1,
    coverageAnalysis: "off",
    timeoutMS: 10000,
    reporters: ["clear-text", "progress-append-only", "json", "html"],
    jsonReporter: { fileName: `out/mutate/${reportName}.json` },
    htmlReporter: { fileName: `out/mutate/${reportName}.html` },
    clearTextReporter: {
      allowColor: false,
      logTests: false,
      reportScoreTable: true,
    },
    tempDirName: "out/mutate/.stryker-tmp",
    cleanTempDir: true,
    symlinkNodeModules: false,
    ignorePatterns: ["out", "notebooks", "bench", "tools", ".git"],
  };
  await Deno.mkdir(OUT, { recursive: true });
  const cfgPath = `${OUT}/${reportName}.stryker.conf.json`;
  await Deno.writeTextFile(cfgPath, JSON.stringify(config, null, 2));
  await copySharedData();
  const blob = await gitBlob(target);
  const code = await codeHash(await Deno.readTextFile(`${ROOT}${target}`));
  const t0 = performance.now();
  console.error(`mutate: ${target} against ${tests.join(" ")}`);
  const exit = await run(`${TOOL}/node_modules/.bin/stryker`, ["run", cfgPath]);
  const seconds = (performance.now() - t0) / 1000;
  if ((await gitDiff(target)) !== before) {
    throw new Error(
      `${target} was left mutated: restore it with git checkout -- ${target}`,
    );
  }
  if (exit !== 0) return `| ${target} | stryker exited with ${exit} | | | | |`;
  let mutants = readMutants(`${OUT}/${reportName}.json`);
  const full = !previous;
  if (previous) {
    const now = new Map(mutants.map((m) => [mutantKey(m), m]));
    mutants = previous.map((m) => now.get(mutantKey(m)) ?? m);
    await Deno.writeTextFile(
      `${OUT}/${name}.merged.json`,
      JSON.stringify(mutants),
    );
  }
  await writeRecord(
    target,
    name,
    { blob, code },
    tests,
    mutants,
    full ? seconds : null,
  );
  return summarise(target, mutants, seconds);
}

/**
 * The tests read ../shared/data/ (NIST, the raw trade and geography files) relative to the
 * repository; in the sandbox (out/mutate/.stryker-tmp/X/) that is out/mutate/.stryker-tmp/shared.
 * It is a copy (about 60 MB, made once), never a link, so cleaning the sandbox cannot touch
 * ../shared.
 */
async function copySharedData() {
  const dest = `${OUT}/.stryker-tmp/shared/data`;
  try {
    await Deno.stat(`${dest}/.complete`);
    return;
  } catch { /* not there yet */ }
  await Deno.mkdir(dest, { recursive: true });
  for (const dir of ["nist-strd", "raw"]) {
    if (await run("cp", ["-r", `${ROOT}../shared/data/${dir}`, dest]) !== 0) {
      throw new Error(`could not copy ../shared/data/${dir} into the sandbox`);
    }
  }
  await Deno.writeTextFile(`${dest}/.complete`, "");
}

async function gitBlob(file: string): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["hash-object", file],
    cwd: ROOT,
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

function readRecord(name: string): MutationRecord | null {
  try {
    return JSON.parse(Deno.readTextFileSync(`${RECORDS}/${name}.json`));
  } catch {
    return null;
  }
}

/** Writes tests/mutation/<name>.json, keeping the reasons of the last record's survivors. */
async function writeRecord(
  target: string,
  name: string,
  version: { blob: string; code: string },
  tests: string[],
  mutants: MutantJson[],
  seconds: number | null,
) {
  const previous = readRecord(name);
  const record = buildRecord({
    file: target,
    ...version,
    date: new Date().toISOString().slice(0, 10),
    minutes: seconds === null ? previous?.minutes ?? 0 : Math.round(seconds / 6) / 10,
    tests,
    mutants,
    sourceText: await Deno.readTextFile(`${ROOT}${target}`),
    previous,
  });
  await Deno.mkdir(RECORDS, { recursive: true });
  await Deno.writeTextFile(
    `${RECORDS}/${name}.json`,
    JSON.stringify(record, null, 2) + "\n",
  );
}

/** lib/gravity and lib/stats files that hold code (not types.ts, mod.ts), every folder. */
function scoredFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(`${ROOT}${dir}`)) {
      if (e.isDirectory) walk(`${dir}/${e.name}`);
      else if (
        e.name.endsWith(".ts") && !["types.ts", "mod.ts"].includes(e.name)
      ) {
        files.push(`${dir}/${e.name}`);
      }
    }
  };
  for (const dir of ["lib/gravity", "lib/stats"]) walk(dir);
  return files.sort();
}

/** Every committed record. */
function allRecords(): MutationRecord[] {
  const records: MutationRecord[] = [];
  for (const e of Deno.readDirSync(RECORDS)) {
    if (e.name.endsWith(".json")) {
      records.push(JSON.parse(Deno.readTextFileSync(`${RECORDS}/${e.name}`)));
    }
  }
  return records;
}

/** The code hash of every scored file now. */
async function currentCode(files: string[]): Promise<Record<string, string>> {
  const code: Record<string, string> = {};
  for (const f of files) {
    code[f] = await codeHash(await Deno.readTextFile(`${ROOT}${f}`));
  }
  return code;
}

/**
 * `--relink`: records follow moved files. A record whose file is gone takes the current file
 * with the same code; a record without a code hash gets the hash of its blob; every record is
 * stored under its file's record name, with its survivor lines re-found in the current text.
 */
async function relink() {
  const files = scoredFiles();
  const code = await currentCode(files);
  const byCode = new Map(Object.entries(code).map(([f, c]) => [c, f]));
  for (const e of [...Deno.readDirSync(RECORDS)]) {
    if (!e.name.endsWith(".json")) continue;
    const r: MutationRecord = JSON.parse(
      Deno.readTextFileSync(`${RECORDS}/${e.name}`),
    );
    if (!r.code) {
      const out = await new Deno.Command("git", {
        args: ["cat-file", "-p", r.blob],
        cwd: ROOT,
      })
        .output();
      r.code = await codeHash(new TextDecoder().decode(out.stdout));
    }
    if (!(r.file in code) && byCode.has(r.code)) r.file = byCode.get(r.code)!;
    if (code[r.file] === r.code) {
      r.survivors = relocate(
        r.survivors,
        await Deno.readTextFile(`${ROOT}${r.file}`),
      );
    }
    const name = `${reportBase(r.file)}.json`;
    await Deno.writeTextFile(
      `${RECORDS}/${name}`,
      JSON.stringify(r, null, 2) + "\n",
    );
    if (name !== e.name) await Deno.remove(`${RECORDS}/${e.name}`);
    console.log(
      `${e.name} -> ${name}: ${code[r.file] === r.code ? "current" : "stale"}`,
    );
  }
}

/** `--table`: the table and equivalents from tests/mutation/*.json into tests/README.md. */
async function writeTable() {
  const records = allRecords();
  const files = scoredFiles();
  const code = await currentCode(files);
  const have = new Set(records.map((r) => r.file));
  const body = recordsMarkdown(
    records,
    code,
    files.filter((f) => !have.has(f)),
  );
  const path = `${ROOT}tests/README.md`;
  await Deno.writeTextFile(
    path,
    replaceBetween(await Deno.readTextFile(path), body),
  );
  // --config: given a file path alone, deno fmt does not apply deno.json's lineWidth
  await run("deno", ["fmt", "--quiet", "--config", `${ROOT}deno.json`, path]);
  const stale = records.filter((r) => code[r.file] !== undefined && code[r.file] !== r.code);
  const low = records.filter((r) => r.score < 85);
  const untriaged = records.reduce(
    (a, r) => a + r.survivors.filter((s) => !s.reason).length,
    0,
  );
  console.log(
    `tests/README.md: ${records.length} records, ${files.length - have.size} files not run, ` +
      `${stale.length} stale, ${low.length} below 85%, ${untriaged} survivors not triaged`,
  );
}

function readMutants(path: string): MutantJson[] {
  const report = JSON.parse(Deno.readTextFileSync(path));
  return Object.values(
    report.files as Record<string, { mutants: MutantJson[] }>,
  )
    .flatMap((f) => f.mutants);
}

function summarise(
  target: string,
  mutants: MutantJson[],
  seconds: number,
): string {
  const s = score(mutants);
  const survivors = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .map((m) =>
      `  - ${target}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}` +
      ` -> ${JSON.stringify(m.replacement ?? "").slice(0, 80)}`
    );
  const row =
    `| ${target} | ${s.score.toFixed(1)}% | ${s.killed} | ${s.survived} | ${s.errors} | ` +
    `${Math.round(seconds)} s |`;
  return [row, ...survivors].join("\n");
}

if (import.meta.main) {
  if (Deno.args.includes("--table")) {
    await writeTable();
    Deno.exit(0);
  }
  if (Deno.args.includes("--relink")) {
    await relink();
    Deno.exit(0);
  }
  try {
    await Deno.stat(`${TOOL}/node_modules/.bin/stryker`);
  } catch {
    console.error("mutate: installing StrykerJS (npm ci in tools/mutate)");
    if (await run("npm", ["ci", "--no-audit", "--no-fund"], TOOL) !== 0) {
      Deno.exit(1);
    }
  }
  if (Deno.args.includes("--record")) {
    // the record of the last report of each target (e.g. after a run by an older driver)
    for (const t of Deno.args.filter((a) => !a.startsWith("--"))) {
      const name = reportBase(t);
      const mutants = readMutants(`${OUT}/${name}.json`);
      const version = {
        blob: await gitBlob(t),
        code: await codeHash(await Deno.readTextFile(`${ROOT}${t}`)),
      };
      await writeRecord(t, name, version, testsFor(t), mutants, null);
      console.log(summarise(t, mutants, 0));
    }
    Deno.exit(0);
  }
  const survivorsOnly = Deno.args.includes("--survivors");
  const args = Deno.args.filter((a) => !a.startsWith("--"));
  let targets = args.length ? args : scoredFiles();
  if (Deno.args.includes("--stale")) {
    const stale: string[] = [];
    for (const t of targets) {
      const code = await codeHash(await Deno.readTextFile(`${ROOT}${t}`));
      if (readRecord(reportBase(t))?.code !== code) stale.push(t);
    }
    console.error(
      `mutate: ${stale.length} of ${targets.length} files stale or not run`,
    );
    targets = stale;
  }
  const lines = [
    "| file | score | killed | survived | errors | time |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const t of targets) {
    const block = await mutateOne(t, survivorsOnly);
    lines.push(block);
    console.log(block);
  }
  await Deno.writeTextFile(`${OUT}/summary.md`, lines.join("\n") + "\n");
  console.log(lines.filter((l) => l.startsWith("|")).join("\n"));
}
