/**
 * Simulation: data drawn from each frontier model with known parameters (seeded, two sizes each)
 * are recovered within three of their standard errors, the standard errors shrink as the sample
 * grows, and the 90% Horrace-Schmidt efficiency intervals cover the true exp(-u) at about the
 * nominal rate.
 */
import assert from "node:assert/strict";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import type { FrontierOptions, FrontierResult } from "../../../lib/stats/frontier/types.ts";

/** Seeded uniforms and normals. */
function rng(seed: number) {
  const g = xoroshiro128plus(seed);
  const u = () => {
    let v = uniformFloat64(g);
    while (v === 0) v = uniformFloat64(g);
    return v;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  /** N+(mu, s^2) by rejection (fine for mu > -s). */
  const truncated = (mu: number, s: number) => {
    for (;;) {
      const d = mu + s * normal();
      if (d > 0) return d;
    }
  };
  return { u, normal, truncated };
}

interface Drawn {
  y: number[];
  x: { name: string; values: number[] }[];
  options: FrontierOptions;
  /** True u_it per row and the true parameters by name (FRONTIER's order). */
  u: number[];
  truth: Record<string, number>;
}

const SU = 0.4; // sigma_u; sigma_v is 0.2 (gamma 0.8) unless the model says otherwise

/** A model to draw from: mu (truncated normal), eta (time-varying), delta (effects), sigma_v. */
interface Model {
  mu?: number;
  eta?: number;
  delta?: [number, number];
  sv?: number;
}

/**
 * Draw a frontier sample: `units` units of `periods` rows (1 for a cross-section), a share of
 * rows dropped at random to unbalance panels, u from the model's distribution.
 */
function draw(
  seed: number,
  units: number,
  periods: number,
  model: Model,
): Drawn {
  const r = rng(seed);
  const SV = model.sv ?? 0.2;
  const y: number[] = [], x1: number[] = [], x2: number[] = [], z: number[] = [], u: number[] = [];
  const id: string[] = [], time: number[] = [];
  for (let i = 0; i < units; i++) {
    const ui = r.truncated(model.mu ?? 0, SU);
    for (let t = 1; t <= periods; t++) {
      if (periods > 1 && t < periods && r.u() < 0.15) continue; // unbalanced; T_i = periods
      const a = r.normal(), b = 2 * r.u(), zz = r.u();
      const uit = model.delta
        ? r.truncated(model.delta[0] + model.delta[1] * zz, SU)
        : ui * Math.exp(-(model.eta ?? 0) * (t - periods));
      y.push(1 + 0.5 * a + 0.3 * b + SV * r.normal() - uit);
      x1.push(a);
      x2.push(b);
      z.push(zz);
      u.push(uit);
      id.push(`u${i}`);
      time.push(t);
    }
  }
  const options: FrontierOptions = {
    ...(periods > 1 ? { panel: { id, time } } : {}),
    ...(model.mu !== undefined ? { inefficiency: "truncnormal" as const } : {}),
    ...(model.eta !== undefined ? { timeVarying: true } : {}),
    ...(model.delta ? { z: [{ name: "z", values: z }], zIntercept: true } : {}),
  };
  const sigmaSq = SV * SV + SU * SU;
  const truth: Record<string, number> = {
    "(Intercept)": 1,
    x1: 0.5,
    x2: 0.3,
    sigmaSq,
    gamma: SU * SU / sigmaSq,
  };
  if (model.mu !== undefined) truth.mu = model.mu;
  if (model.eta !== undefined) truth.eta = model.eta;
  if (model.delta) [truth["Z_(Intercept)"], truth["Z_z"]] = model.delta;
  return {
    y,
    x: [{ name: "x1", values: x1 }, { name: "x2", values: x2 }],
    options,
    u,
    truth,
  };
}

/** (estimate, SE) of every parameter by FRONTIER's name. */
function byName(r: FrontierResult): Record<string, { estimate: number; stdError: number }> {
  const out: Record<string, { estimate: number; stdError: number }> = {};
  for (const c of r.coefficients) out[c.term] = c;
  for (const c of r.inefficiency ?? []) out[`Z_${c.term}`] = c;
  out.sigmaSq = r.sigmaSq;
  out.gamma = r.gamma;
  if (r.mu) out.mu = r.mu;
  if (r.eta) out.eta = r.eta;
  return out;
}

// the truncated normal is drawn with sigma_v = 0.1: at sigma_v = 0.2 and 800 rows one draw in
// ten lands on the flat ridge in (sigmaSq, gamma, mu) and gamma's z reaches 4 (a known small
// sample weakness of that model, which the estimator reports as a warning)
const MODELS: [string, number, Model][] = [
  ["cross-section, half-normal", 1, {}],
  ["cross-section, truncated normal (mu = 0.3, sigma_v = 0.1)", 1, { mu: 0.3, sv: 0.1 }],
  ["BC92 panel, time-invariant, unbalanced", 6, {}],
  ["BC92 panel, time-varying (eta = 0.1), unbalanced", 6, { eta: 0.1 }],
  ["BC95 inefficiency effects (delta = 0.1, 0.4)", 1, { delta: [0.1, 0.4] }],
];

const REPS = 10;

for (const [name, periods, model] of MODELS) {
  Deno.test(`simulation: ${name}: ${REPS} draws at two sizes recover the truth, SEs and 90% coverage`, () => {
    // the truncated normal and the effects model need more rows before the asymptotics hold
    // (at 300 a draw of the truncated normal can send mu to minus infinity: a flat likelihood)
    const sizes = periods > 1
      ? [50, 200]
      : model.mu !== undefined || model.delta
      ? [800, 3200]
      : [300, 1200];
    const meanSe: number[][] = [];
    sizes.forEach((units, s) => {
      const z: Record<string, number[]> = {};
      const se: Record<string, number[]> = {};
      let covered = 0, rows = 0;
      for (let rep = 0; rep < REPS; rep++) {
        const d = draw(1000 * (s + 1) + 31 * rep + periods, units, periods, model);
        const r = stochasticFrontier(d.y, d.x, d.options);
        assert.equal(r.converged, true, `${units}: ${r.warnings}`);
        const est = byName(r);
        assert.deepEqual(Object.keys(est).sort(), Object.keys(d.truth).sort());
        for (const [k, truth] of Object.entries(d.truth)) {
          (z[k] ??= []).push((est[k].estimate - truth) / est[k].stdError);
          (se[k] ??= []).push(est[k].stdError);
        }
        r.efficiency.forEach((e, i) => {
          const te = Math.exp(-d.u[i]);
          if (te >= e.lower && te <= e.upper) covered++;
        });
        rows += r.n;
      }
      const rate = covered / rows;
      const summary = Object.entries(z).map(([k, v]) => {
        const mean = v.reduce((a, b) => a + b, 0) / REPS;
        const rms = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / REPS);
        // (estimate - truth) / SE is about N(0, 1): its mean over the draws is about
        // N(0, 1 / REPS) and its root mean square about 1 when the SEs are right
        assert.ok(Math.abs(mean) < 3 / Math.sqrt(REPS), `${units}: ${k} mean z ${mean}`);
        assert.ok(rms > 0.45 && rms < 1.6, `${units}: ${k} rms z ${rms}`);
        return `${k} ${mean.toFixed(2)}/${rms.toFixed(2)}`;
      });
      console.log(
        `  ${units} units x ${periods}: z mean/rms ${summary.join(", ")}; ` +
          `90% interval coverage ${(100 * rate).toFixed(1)}% of ${rows} rows`,
      );
      // the intervals take the estimated parameters as known: a little under 90% in small
      // samples, where every interval of a draw shares the same estimation error
      assert.ok(Math.abs(rate - 0.9) < (s === 0 ? 0.06 : 0.04), `coverage ${rate}`);
      meanSe.push(Object.keys(se).map((k) => se[k].reduce((a, b) => a + b, 0) / REPS));
    });
    meanSe[1].forEach((v, j) => assert.ok(v < meanSe[0][j], `SE ${j}: ${meanSe[0][j]} -> ${v}`));
  });
}
