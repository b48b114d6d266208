/**
 * What the frontier fit reports besides its estimates: the derived parameters (lambda and its
 * delta-method standard error, sigma_u^2, sigma_v^2) worked from gamma and sigmaSq, the LR test's
 * degrees of freedom with scipy's mixed chi-square critical values (scipy_expected.json), the
 * model's name and description, the parameter names, user starting values (which come back
 * unchanged with no iterations), bad options, the Newton polish after an iteration limit, and the
 * warnings' words with the numbers they quote.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";
import { formulaData, front41, rice } from "./data.ts";

const SCIPY = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/frontier/scipy_expected.json", import.meta.url),
  ),
);
/** scipy's 5% critical values of 1/2 chi2(q - 1) + 1/2 chi2(q), by q. */
const CRITICAL5 = new Map<number, number>(SCIPY.mixedChiSquare.critical5);

const d41 = front41(), dr = rice();

Deno.test("frontier EG1: lambda, its delta-method SE, sigma_u^2 and sigma_v^2 from gamma and sigmaSq", () => {
  const r = stochasticFrontier(d41.y, d41.x);
  const g = r.gamma.estimate, s2 = r.sigmaSq.estimate;
  const lam = Math.sqrt(g / (1 - g));
  // d lambda / d gamma = 1 / (2 lambda (1 - gamma)^2)
  const lamSe = r.gamma.stdError / (2 * lam * (1 - g) ** 2);
  const close = (a: number, b: number) =>
    assert.ok(Math.abs(a - b) < 1e-12 * Math.abs(b), `${a} ${b}`);
  close(r.lambda.estimate, lam);
  close(r.lambda.stdError, lamSe);
  close(r.sigmaUSq, g * s2);
  close(r.sigmaVSq, (1 - g) * s2);
  // and gamma, sigmaSq themselves are scipy's maximum (make_scipy_fixture.py)
  assert.ok(Math.abs(g / SCIPY.eg1.estimates[4] - 1) < 1e-6);
  assert.ok(Math.abs(s2 / SCIPY.eg1.estimates[3] - 1) < 1e-6);
  assert.equal(r.efficiencyMethod, "bc");
  assert.equal(r.efficiencyLevel, 0.9);
  assert.equal(r.level, 0.95);
  assert.equal(r.n, 60);
});

/** Each model's name, description, parameters and LR degrees of freedom (no iterations needed). */
const MODELS: [string, FrontierOptions, {
  model: string;
  description: string;
  parameters: string[];
  df: number;
}][] = [
  ["cross-section, truncated normal", { inefficiency: "truncnormal" }, {
    model: "cross-section",
    description: "Cross-section stochastic frontier, truncated normal u ~ N+(mu, sigma_u^2)",
    parameters: ["(Intercept)", "lAREA", "lLABOR", "lNPK", "sigmaSq", "gamma", "mu"],
    df: 2,
  }],
  ["panel, time-invariant", { panel: dr.panel }, {
    model: "bc92",
    description: "Error-components panel frontier (Battese and Coelli 1992), half-normal u, " +
      "time-invariant u_i",
    parameters: ["(Intercept)", "lAREA", "lLABOR", "lNPK", "sigmaSq", "gamma"],
    df: 1,
  }],
  ["panel, time-varying", { panel: dr.panel, timeVarying: true }, {
    model: "bc92",
    description: "Error-components panel frontier (Battese and Coelli 1992), half-normal u, " +
      "time-varying u_it = exp(-eta (t - T_i)) u_i (T_i: each unit's last period)",
    parameters: ["(Intercept)", "lAREA", "lLABOR", "lNPK", "sigmaSq", "gamma", "eta"],
    df: 2,
  }],
  ["panel, truncated normal, time-varying from the panel's last period", {
    panel: dr.panel,
    timeVarying: true,
    inefficiency: "truncnormal",
    timeReference: "panel",
  }, {
    model: "bc92",
    description: "Error-components panel frontier (Battese and Coelli 1992), truncated normal " +
      "u ~ N+(mu, sigma_u^2), time-varying u_it = exp(-eta (t - T_i)) u_i (T_i: the panel's " +
      "last period)",
    parameters: ["(Intercept)", "lAREA", "lLABOR", "lNPK", "sigmaSq", "gamma", "mu", "eta"],
    df: 3,
  }],
  ["inefficiency effects", { z: dr.z }, {
    model: "bc95",
    description: "Inefficiency-effects frontier (Battese and Coelli 1995): u_it ~ " +
      "N+(z_it'delta, sigma_u^2), independent over observations",
    parameters: [
      "(Intercept)",
      "lAREA",
      "lLABOR",
      "lNPK",
      "Z_EDYRS",
      "Z_BANRAT",
      "sigmaSq",
      "gamma",
    ],
    df: 3,
  }],
  ["inefficiency effects on a panel", { z: dr.z, panel: dr.panel }, {
    model: "bc95",
    description: "Inefficiency-effects frontier (Battese and Coelli 1995): u_it ~ " +
      "N+(z_it'delta, sigma_u^2), independent over observations",
    parameters: [
      "(Intercept)",
      "lAREA",
      "lLABOR",
      "lNPK",
      "Z_EDYRS",
      "Z_BANRAT",
      "sigmaSq",
      "gamma",
    ],
    df: 3,
  }],
];

for (const [what, options, want] of MODELS) {
  Deno.test(`frontier ${what}: model, description, parameters and the LR test's df`, () => {
    const r = stochasticFrontier(dr.y, dr.x, { ...options, maxIterations: 0 });
    assert.equal(r.model, want.model);
    assert.equal(r.description, want.description);
    assert.deepEqual(r.parameters, want.parameters);
    assert.equal(
      r.inefficiencyDistribution,
      options.inefficiency === "truncnormal" ? "truncnormal" : "halfnormal",
    );
    assert.equal(r.timeVarying, options.timeVarying === true);
    assert.equal("mu" in r, want.parameters.includes("mu"));
    assert.equal("eta" in r, want.parameters.includes("eta"));
    assert.equal(r.lrTest.df, want.df);
    assert.equal(
      r.lrTest.distribution,
      `mixed chi-square 1/2 chi2(${want.df - 1}) + 1/2 chi2(${want.df})`,
    );
    assert.ok(Math.abs(r.lrTest.criticalValue5 / CRITICAL5.get(want.df)! - 1) < 1e-10);
    if (options.z) assert.deepEqual(r.inefficiency!.map((c) => c.term), ["EDYRS", "BANRAT"]);
    else assert.equal("inefficiency" in r, false);
  });
}

Deno.test("frontier: user starting values come back unchanged with no iterations", () => {
  // every parameter kind: intercept, slopes (scaled and centred inside), z terms (scaled
  // inside), sigmaSq, gamma, and mu with eta on a panel
  const withZ = [-0.5, 0.4, 0.3, 0.2, -0.05, 0.3, 0.2, 0.6];
  const rz = stochasticFrontier(dr.y, dr.x, { z: dr.z, start: withZ, maxIterations: 0 });
  const got = [
    ...rz.coefficients.map((c) => c.estimate),
    ...rz.inefficiency!.map((c) => c.estimate),
    rz.sigmaSq.estimate,
    rz.gamma.estimate,
  ];
  got.forEach((v, i) => assert.ok(Math.abs(v - withZ[i]) < 1e-12, `${i}: ${v}`));
  const tv = [-0.7, 0.45, 0.3, 0.2, 0.15, 0.45, -0.2, 0.05];
  const rt = stochasticFrontier(dr.y, dr.x, {
    panel: dr.panel,
    timeVarying: true,
    inefficiency: "truncnormal",
    start: tv,
    maxIterations: 0,
  });
  const got2 = [
    ...rt.coefficients.map((c) => c.estimate),
    rt.sigmaSq.estimate,
    rt.gamma.estimate,
    rt.mu!.estimate,
    rt.eta!.estimate,
  ];
  got2.forEach((v, i) => assert.ok(Math.abs(v - tv[i]) < 1e-12, `${i}: ${v}`));
});

const BAD_OPTIONS: [string, FrontierOptions, string][] = [
  [
    "a start of the wrong length",
    { start: [0.5, 0.3, 0.5, 0.2] },
    "start: 4 value(s) given, the model has 5 parameters",
  ],
  [
    "sigmaSq 0",
    { start: [0.5, 0.3, 0.5, 0, 0.8] },
    "start: sigmaSq must be > 0 and gamma strictly between 0 and 1",
  ],
  [
    "gamma 0",
    { start: [0.5, 0.3, 0.5, 0.2, 0] },
    "start: sigmaSq must be > 0 and gamma strictly between 0 and 1",
  ],
  [
    "gamma 1",
    { start: [0.5, 0.3, 0.5, 0.2, 1] },
    "start: sigmaSq must be > 0 and gamma strictly between 0 and 1",
  ],
  ["level 0", { level: 0 }, "level must be between 0 and 1, got 0"],
  ["level 1", { level: 1 }, "level must be between 0 and 1, got 1"],
  [
    "efficiencyLevel 1.5",
    { efficiencyLevel: 1.5 },
    "efficiencyLevel must be between 0 and 1, got 1.5",
  ],
];

for (const [what, options, message] of BAD_OPTIONS) {
  Deno.test(`frontier bad option: ${what}`, () => {
    assert.throws(() => stochasticFrontier(d41.y, d41.x, options), (e) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, message);
      return true;
    });
  });
}

Deno.test("frontier: after an iteration limit the Newton polish finishes the maximisation", () => {
  // EG1 converges in 3 BFGS iterations; stopped after 2, the polish takes over and reaches the
  // same maximum (scipy's), its steps added to the count: more than 2 iterations, and at least
  // the evaluations of the Hessian by differences (1 + 2p), two line-search probes and the
  // polish's Hessian (2p) and probe
  const r = stochasticFrontier(d41.y, d41.x, { maxIterations: 2 });
  assert.equal(r.converged, true);
  assert.deepEqual(r.warnings, []);
  assert.ok(r.iterations > 2, `${r.iterations}`);
  assert.ok(r.evaluations >= 1 + 10 + 2 + 10 + 1, `${r.evaluations}`);
  [...r.coefficients.map((c) => c.estimate), r.sigmaSq.estimate, r.gamma.estimate]
    .forEach((v, i) => assert.ok(Math.abs(v / SCIPY.eg1.estimates[i] - 1) < 1e-6, `${i}`));
});

Deno.test("frontier warnings quote the skewness and gamma at its bounds", () => {
  // scipy.stats.skew of the OLS residuals: 0.15534 (start_expected.json)
  const wrong = formulaData(200, 0.2, true);
  const r = stochasticFrontier(wrong.y, wrong.x);
  assert.equal(
    r.warnings[0],
    "the OLS residuals are skewed the wrong way for a frontier (skewness 0.155 > 0): the data " +
      "show no one-sided shortfall, and the ML estimate of gamma goes to 0 (Waldman 1982)",
  );
  assert.equal(
    r.warnings[1],
    `gamma is at its lower bound 0 (${r.gamma.estimate.toExponential(2)}): no inefficiency ` +
      "is found, the frontier is the OLS line and the efficiencies are all about 1",
  );
  const sharp = formulaData(200, 0.002, false);
  const s = stochasticFrontier(sharp.y, sharp.x);
  assert.ok(s.gamma.estimate > 1 - 1e-4);
  assert.ok(
    s.warnings.includes(
      `gamma is at its upper bound 1 (1 - ${(1 - s.gamma.estimate).toExponential(2)}): the ` +
        "noise variance is about 0, every deviation below the frontier is read as inefficiency, " +
        "and the standard errors there are not reliable",
    ),
    `${s.warnings}`,
  );
});

Deno.test("frontier warnings: residuals with no skew at all are not called wrongly skewed", () => {
  // y = +-1 in pairs at x = -1 and at x = 1: OLS is y = 0, the residuals +-1, m3 = 0 exactly
  const x = [-1, -1, -1, -1, 1, 1, 1, 1], y = [1, -1, 1, -1, 1, -1, 1, -1];
  const r = stochasticFrontier(y, [{ name: "x", values: x }]);
  assert.equal(r.ols.skewness, 0);
  assert.equal(r.warnings.some((w) => /skewed the wrong way/.test(w)), false);
});

Deno.test("frontier warnings: mu's drift quoted in sigma_u, and an unfinished optimizer", () => {
  const r = stochasticFrontier(dr.y, dr.x, { inefficiency: "truncnormal", maxIterations: 20 });
  const mu = r.mu!.estimate;
  const ratio = mu / Math.sqrt(r.sigmaUSq);
  assert.equal(r.converged, false);
  assert.equal(r.warnings[0], "the optimizer stopped before convergence: Newton polish stalled");
  assert.equal(
    r.warnings[1],
    `mu drifts toward minus infinity (mu = ${mu.toPrecision(4)}, ${ratio.toFixed(1)} sigma_u): ` +
      "the truncated normal has turned into an exponential-like tail and the likelihood is flat " +
      "in mu, sigmaSq and gamma; the half-normal model is the better choice",
  );
});

Deno.test("frontier warnings: the ridge names the pair and their correlation", () => {
  const r = stochasticFrontier(dr.y, dr.x, { panel: dr.panel, inefficiency: "truncnormal" });
  const c = r.covariance, [i, j] = [4, 5]; // sigmaSq, gamma
  const corr = c[j][i] / Math.sqrt(c[i][i] * c[j][j]);
  assert.deepEqual(r.warnings, [
    `the likelihood is nearly flat along a ridge: the estimates of sigmaSq and gamma are ` +
    `correlated at ${corr.toFixed(4)}, so the data pin down little beyond one combination of ` +
    `them and their separate values and standard errors are fragile`,
  ]);
});

Deno.test("frontier warnings: Waldman's wrong skew is a cross-section result, not said of panels or z models", () => {
  // the wrongly skewed data (OLS skewness 0.155) as a panel of 20 units x 10 periods, and with
  // an inefficiency effect z = x^2
  const d = formulaData(200, 0.2, true);
  const panel = {
    id: d.y.map((_, i) => String(i % 20)),
    time: d.y.map((_, i) => Math.floor(i / 20)),
  };
  const p = stochasticFrontier(d.y, d.x, { panel });
  assert.ok(Math.abs(p.ols.skewness - 0.15533917403010408) < 1e-12);
  assert.equal(p.warnings.some((w) => /skewed the wrong way/.test(w)), false, `${p.warnings}`);
  // gamma goes to 0 here too, and the Hessian there is not negative definite: both said
  assert.ok(p.warnings.some((w) => /^gamma is at its lower bound 0/.test(w)), `${p.warnings}`);
  assert.ok(
    p.warnings.some((w) => /^the Hessian of the log-likelihood is not negative definite/.test(w)),
    `${p.warnings}`,
  );
  const z = stochasticFrontier(d.y, d.x, {
    z: [{ name: "z", values: d.x[0].values.map((v) => v * v) }],
  });
  assert.equal(z.warnings.some((w) => /skewed the wrong way/.test(w)), false, `${z.warnings}`);
});
