/**
 * The `book` method: the GEPPML procedure exactly as the do-files of Yotov, Piermartini, Monteiro
 * and Larch (2016, "An Advanced Guide to Trade Policy Analysis", Chapter 2) run it, so that a
 * teacher can reproduce the book's tables. A replication mode: its loop stops on a loose rule and,
 * even run to its own convergence, settles a little off the equilibrium (the gap is second order
 * in the cost change); `exact` is the method to use for answers.
 *
 * Steps (pachadotdev/tradepolicy, 00-application-files/Chapter2/Applications/1_TradeWithoutBorder/
 * TradeWithoutBorder.do; every PPML has exporter and importer fixed effects, the reference
 * country's importer effect set to 0):
 *  1. baseline PPML with ln t_BLN as an offset: exp(pi), exp(chi), fitted flows; Y, E (data),
 *     E_R = E of the reference, phi = E / Y; OMR = Y E_R / exp(pi), IMR = E / (exp(chi) E_R).
 *  2. conditional GE: PPML with ln t_CFL as the offset.
 *  3. full endowment loop, s = 3, 4, ...: trade(s-1) = fit(s-2) x p_i(s-2) x p_j(s-2) /
 *     (dOMR_i(s-2) x dIMR_j(s-2)); PPML of it (offset ln t_CFL); Y(s-1) = row sums of the fit,
 *     E(s-1) = phi Y(s-1); p(s-1) = ((exp pi(s-1) / exp pi(s-2)) / (E_R(s-1) / E_R(s-2)))^(1/(1-sigma));
 *     OMR, IMR and their changes; stop when the sample sd and |max| (not max |.|) of
 *     p(s-2) - p(s-3) over the N x N rows are both <= the tolerance (0.01 in the do-file; the first
 *     pass compares with p(0) = 0).
 *  4. from the last fit S: p_FULL = ((exp pi(S) / exp pi(0)) / (E_R(S) / E_R(0)))^(1/(1-sigma));
 *     Y_FULL = p_FULL Y; E_FULL = phi Y_FULL; OMR_FULL = Y_FULL E_R(S) / exp pi(S);
 *     IMR_FULL = E(S) / (exp chi(S) E_R(S)); X_FULL = Y_FULL E_FULL t_CFL / (IMR_FULL OMR_FULL).
 * Reported changes: resistances as indexes (OMR^(1/(1-sigma))), real GDP Y / IMR^(1/(1-sigma)),
 * welfare = real GDP after / before (expenditure is phi times output), exports = international
 * flows against the baseline PPML's fitted flows.
 * @module
 */
import { InputError } from "../errors.ts";
import { fitModel } from "../stats/model/fit.ts";
import { geFlowList, offDiagonalSum, percentChange } from "./exact.ts";
import { type Elasticity, referenceIndex, resolveTheta } from "./options.ts";
import type { BookIteration, GeCountry, GeResult, GeWorld } from "./types.ts";

/** The world and its trade costs in logs (row-major N x N): ln t = the gravity index X b. */
export interface BookWorld extends GeWorld {
  lnCostBaseline: Float64Array;
  lnCostCounterfactual: Float64Array;
}

/** Options of {@link geBook}. */
export interface BookOptions extends Elasticity {
  /** The country whose importer fixed effect is 0 (the book uses DEU). Required. */
  reference: string;
  /** The do-file's stopping rule on the sd and max of the price-change difference (default 0.01). */
  tolerance?: number;
  /** Passes of the loop before stopping unconverged (default 100). */
  maxIterations?: number;
  /** Convergence tolerance of each PPML (relative deviance change; default 1e-12). */
  ppmlTolerance?: number;
  /** One line per PPML and per pass (the CLI prints them on stderr). */
  progress?: (line: string) => void;
}

/** One PPML with exporter and importer fixed effects and an offset. */
interface FeFit {
  /** exp(pi_i), exp(chi_j) with chi of the reference = 0; fitted flows (row-major). */
  expPi: Float64Array;
  expChi: Float64Array;
  fit: Float64Array;
}

/** PPML of y on exporter and importer effects with the offset; every pair predicted. */
function ppmlFe(
  world: GeWorld,
  y: Float64Array,
  offset: Float64Array,
  ref: number,
  tolerance: number,
): FeFit {
  const N = world.countries.length;
  const exporter: string[] = [], importer: string[] = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      exporter.push(world.countries[i]);
      importer.push(world.countries[j]);
    }
  }
  const r = fitModel(
    {
      dependent: "y",
      terms: [],
      fe: ["exporter", "importer"],
      estimator: "ppml",
      offset: "offset",
      tolerance,
    },
    { file: "GE (book)", columns: { y, offset }, labels: { exporter, importer } },
  );
  const [fx, fm] = r.model.fe;
  const c = fm.effects[world.countries[ref]];
  const pi = world.countries.map((k) => fx.effects[k] + c);
  const chi = world.countries.map((k) => fm.effects[k] - c);
  if (pi.some((v) => !Number.isFinite(v)) || chi.some((v) => !Number.isFinite(v))) {
    throw new InputError(
      `book GE: a country's fixed effect could not be estimated (all its flows are 0?)`,
    );
  }
  const fit = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) fit[i * N + j] = Math.exp(pi[i] + chi[j] + offset[i * N + j]);
  }
  return { expPi: Float64Array.from(pi, Math.exp), expChi: Float64Array.from(chi, Math.exp), fit };
}

const rowSums = (m: Float64Array, N: number) => {
  const s = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) s[i] += m[i * N + j];
  return s;
};
const colSums = (m: Float64Array, N: number) => {
  const s = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) s[j] += m[i * N + j];
  return s;
};

/** Stata's `summarize` of a per-exporter value repeated over the N x N rows. */
function summarize(iteration: number, d: Float64Array): BookIteration {
  const N = d.length, n = N * N;
  let mean = 0;
  for (const v of d) mean += v;
  mean /= N; // every country has N rows: the row mean is the country mean
  let ss = 0;
  for (const v of d) ss += N * (v - mean) ** 2;
  return { iteration, mean, sd: Math.sqrt(ss / (n - 1)), min: Math.min(...d), max: Math.max(...d) };
}

/** The state the do-file carries for pass s (its variables with suffix s). */
interface Pass {
  fit: Float64Array;
  expPi: Float64Array;
  expChi: Float64Array;
  Y: Float64Array;
  E: Float64Array;
  ER: number;
  price: Float64Array;
  omr: Float64Array;
  imr: Float64Array;
  dOmr: Float64Array;
  dImr: Float64Array;
}

/** What every step of the procedure reads. */
interface Setup {
  world: BookWorld;
  N: number;
  ref: number;
  /** 1 / (1 - sigma). */
  inv: number;
  phi: Float64Array;
  ppmlTol: number;
  say: (line: string) => void;
}

const omrOf = (y: Float64Array, er: number, ep: Float64Array) => y.map((v, i) => (v * er) / ep[i]);
const imrOf = (e: Float64Array, er: number, ec: Float64Array) => e.map((v, j) => v / (ec[j] * er));

/** A pass from a fit: outputs, expenditures and resistances as the do-file builds them. */
function passOf(c: Setup, f: FeFit, Y: Float64Array, E: Float64Array, ER: number): Pass {
  const ones = new Float64Array(c.N).fill(1);
  return {
    fit: f.fit,
    expPi: f.expPi,
    expChi: f.expChi,
    Y,
    E,
    ER,
    price: new Float64Array(c.N),
    omr: omrOf(Y, ER, f.expPi),
    imr: imrOf(E, ER, f.expChi),
    dOmr: ones,
    dImr: ones,
  };
}

/** One pass of the full-endowment loop: pass s - 1 from passes s - 2 (and its changes). */
function nextPass(c: Setup, p2: Pass): Pass {
  const { N, phi, inv } = c;
  const trade = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      trade[i * N + j] = (p2.fit[i * N + j] * p2.price[i] * p2.price[j]) /
        (p2.dOmr[i] * p2.dImr[j]);
    }
  }
  const f = ppmlFe(c.world, trade, c.world.lnCostCounterfactual, c.ref, c.ppmlTol);
  const Ys = rowSums(f.fit, N);
  const Es = Ys.map((v, j) => phi[j] * v);
  const p = passOf(c, f, Ys, Es, Es[c.ref]);
  p.price = f.expPi.map((v, i) => (v / p2.expPi[i] / (p.ER / p2.ER)) ** inv);
  p.dOmr = p.omr.map((v, i) => v / p2.omr[i]);
  p.dImr = p.imr.map((v, j) => v / p2.imr[j]);
  return p;
}

/** The loop: passes until the stopping rule holds (or the limit); the last pass and the log. */
function fullEndowmentLoop(c: Setup, first: Pass[], tol: number, maxIter: number) {
  const pass = [...first];
  const loop: BookIteration[] = [];
  let s = 3, converged = false;
  while (loop.length < maxIter) {
    const p2 = pass[s - 2], p3 = pass[s - 3];
    pass[s - 1] = nextPass(c, p2);
    const it = summarize(s - 2, p2.price.map((v, i) => v - p3.price[i]));
    loop.push(it);
    c.say(
      `book GE pass ${it.iteration}: sd ${it.sd.toExponential(3)}, max ${it.max.toExponential(3)}`,
    );
    s++;
    if (!(it.sd > tol) && !(Math.abs(it.max) > tol)) {
      converged = true;
      break;
    }
  }
  return { last: pass[s - 2], loop, converged };
}

/** The reported changes from the baseline, the conditional fit and the loop's last pass. */
function bookResults(c: Setup, base: Pass, cdl: FeFit, S: Pass) {
  const { world, N, inv, phi } = c;
  const Y = base.Y;
  const pFull = S.expPi.map((v, i) => (v / base.expPi[i] / (S.ER / base.ER)) ** inv);
  const yFull = pFull.map((v, i) => v * Y[i]);
  const eFull = yFull.map((v, j) => phi[j] * v);
  const omrFull = omrOf(yFull, S.ER, S.expPi);
  const imrFull = imrOf(S.E, S.ER, S.expChi);
  const xFull = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      xFull[i * N + j] = (yFull[i] * eFull[j] * Math.exp(world.lnCostCounterfactual[i * N + j])) /
        (imrFull[j] * omrFull[i]);
    }
  }
  const index = (v: number) => v ** inv;
  const countries: GeCountry[] = world.countries.map((country, i) => {
    const rgdp = yFull[i] / index(imrFull[i]) / (Y[i] / index(base.imr[i]));
    const before = offDiagonalSum(base.fit, N, i);
    return {
      country,
      welfare: rgdp,
      realGdpChange: (rgdp - 1) * 100,
      priceChange: (pFull[i] - 1) * 100,
      inwardResistanceChange: (index(imrFull[i]) / index(base.imr[i]) - 1) * 100,
      outwardResistanceChange: (index(omrFull[i]) / index(base.omr[i]) - 1) * 100,
      exportsChange: percentChange(offDiagonalSum(xFull, N, i), before),
      exportsChangeConditional: percentChange(offDiagonalSum(cdl.fit, N, i), before),
    };
  });
  return { countries, flows: geFlowList(world, xFull, base.fit) };
}

/** The inputs the book needs, checked: a reference, and finite costs for every pair. */
function checkBook(world: BookWorld, options: BookOptions): number {
  if (!options.reference) {
    throw new InputError(
      `book GE needs a reference country (the book uses DEU): its importer fixed effect is 0`,
    );
  }
  const ref = referenceIndex(world.countries, options.reference);
  const N = world.countries.length;
  const costs = { baseline: world.lnCostBaseline, counterfactual: world.lnCostCounterfactual };
  for (const [name, v] of Object.entries(costs)) {
    if (v.length !== N * N || v.some((x) => !Number.isFinite(x))) {
      throw new InputError(
        `book GE: the ${name} trade costs need one finite value per pair (${N * N})`,
      );
    }
  }
  return ref;
}

/**
 * The book's GE counterfactual (see the module comment for every step).
 *
 * @example
 * ```ts
 * const r = geBook({ countries, flows, lnCostBaseline, lnCostCounterfactual }, { sigma: 7, reference: "DEU" });
 * r.iterations; // 5 on the book's 2006 data
 * ```
 */
export function geBook(world: BookWorld, options: BookOptions): GeResult {
  const theta = resolveTheta(options);
  const ref = checkBook(world, options);
  const N = world.countries.length;
  const tol = options.tolerance ?? 0.01;
  const maxIter = options.maxIterations ?? 100;
  const Y = rowSums(world.flows, N), E = colSums(world.flows, N);
  const c: Setup = {
    world,
    N,
    ref,
    inv: 1 / (1 - (theta + 1)),
    phi: E.map((e, i) => e / Y[i]),
    ppmlTol: options.ppmlTolerance ?? 1e-12,
    say: options.progress ?? (() => {}),
  };
  const bln = ppmlFe(world, world.flows, world.lnCostBaseline, ref, c.ppmlTol);
  c.say("book GE: baseline PPML done");
  const cdl = ppmlFe(world, world.flows, world.lnCostCounterfactual, ref, c.ppmlTol);
  c.say("book GE: conditional PPML done");
  const base = passOf(c, bln, Y, E, E[ref]);
  const conditional = passOf(c, cdl, Y, E, E[ref]);
  conditional.price = cdl.expPi.map((v, i) => (v / bln.expPi[i]) ** c.inv);
  const { last, loop, converged } = fullEndowmentLoop(c, [base, conditional], tol, maxIter);
  const { countries, flows } = bookResults(c, base, cdl, last);
  return {
    method: "book",
    theta,
    deficits: "multiplicative",
    reference: options.reference,
    iterations: loop.length,
    converged,
    tolerance: tol,
    countries,
    flows,
    notes: [
      `book (GEPPML as the do-files of Yotov et al. 2016 run it): a replication mode; its loop ` +
      `stops at sd and max <= ${tol} of the price-change difference, not at an equilibrium ` +
      `(use exact)`,
      ...(converged ? [] : [`the loop did not meet its stopping rule in ${maxIter} passes`]),
    ],
    loop,
  };
}
