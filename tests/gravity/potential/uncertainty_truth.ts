/**
 * The covariances and K intervals numpy and scipy give for the small design of the potential tests.
 */

// python3 tests/fixtures/mutants/uncertainty_truth.py
export const TRUTH = {
  classical: [[0.0525, -0.0225], [-0.0225, 0.015]],
  hc1: [[0.0252, -0.0068], [-0.0068, 0.0062]],
  cr1_3: [[0.031050000000000008, -0.008325000000000004], [
    -0.008325000000000004,
    0.0029250000000000014,
  ]],
  interval_normal: [
    0.7930487490177124,
    1.3805623893608314,
    0.0022383138394376336,
    0.9353457147881155,
    0.06241597137244692,
  ],
  interval_t5: [
    0.7274391036883564,
    1.5050789410030938,
    0.018070888619363654,
    0.8892184446159799,
    0.09271066676465645,
  ],
};
