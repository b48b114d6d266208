/**
 * The plain, JSON-serialisable results and inputs of the general-equilibrium (GE) counterfactuals
 * (lib/ge/): one row per country, counterfactual against baseline, and the new flow matrix.
 * @module
 */

/** How the counterfactual is solved: `exact` hat algebra (the default) or the book's loop. */
export type GeMethod = "exact" | "book";

/**
 * How trade deficits move: fixed in levels (`additive`, E_j = Y_j + D_j, `ge_gravity`'s
 * default) or as a share of output (`multiplicative`, E_j = phi_j Y_j, the book's assumption).
 */
export type Deficits = "additive" | "multiplicative";

/**
 * The world a counterfactual is computed on: N countries and a square flow matrix with the
 * domestic flows on the diagonal, row = exporter, column = importer (row-major, length N x N).
 */
export interface GeWorld {
  countries: string[];
  /** X_ij, row-major (index i * N + j). */
  flows: Float64Array;
}

/** One country's changes, counterfactual against baseline (percent unless stated). */
export interface GeCountry {
  country: string;
  /** Welfare, counterfactual / baseline (a ratio: 1.01 is a 1% gain). */
  welfare: number;
  /** Real GDP (output deflated by the country's consumer price index), percent change. */
  realGdpChange: number;
  /** Factory-gate price (the nominal wage in the one-factor model), percent change. */
  priceChange: number;
  /** Inward multilateral resistance as a price index (P_j), percent change. */
  inwardResistanceChange: number;
  /** Outward multilateral resistance as a price index (Pi_i), percent change. */
  outwardResistanceChange: number;
  /** International exports (full GE: prices and incomes adjust), percent change; null if 0 before. */
  exportsChange: number | null;
  /** International exports in conditional GE (outputs and expenditures fixed), percent change. */
  exportsChangeConditional: number | null;
}

/** One flow of the new matrix. */
export interface GeFlow {
  exporter: string;
  importer: string;
  /** The baseline flow: the data (exact) or the baseline PPML's fitted flow (book). */
  baseline: number;
  counterfactual: number;
}

/** A GE counterfactual: what every renderer reads. */
export interface GeResult {
  method: GeMethod;
  /** Trade elasticity theta (= sigma - 1). */
  theta: number;
  deficits: Deficits;
  /** Country whose consumer price index is the numeraire, or null (world output is). */
  reference: string | null;
  /** Iterations of the solver (exact) or of the book's loop over PPML re-estimations (book). */
  iterations: number;
  converged: boolean;
  /** The stopping tolerance used (see each method for what it bounds). */
  tolerance: number;
  countries: GeCountry[];
  flows: GeFlow[];
  /** Caveats worth printing with the result (one line each). */
  notes: string[];
  /** Book method: what the do-file prints at each pass of its loop (see {@link BookIteration}). */
  loop?: BookIteration[];
}

/**
 * One pass of the book's full-endowment loop: the summary Stata prints of the change in the
 * factory-gate price change between the last two passes, over all N x N rows (each row carries
 * its exporter's value), whose sd and max decide when the loop stops.
 */
export interface BookIteration {
  iteration: number;
  mean: number;
  /** Sample standard deviation (n - 1), as Stata's `summarize`. */
  sd: number;
  min: number;
  max: number;
}
