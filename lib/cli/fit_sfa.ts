/**
 * `fit --estimator sfa`: a stochastic frontier on any CSV.
 *
 *   deno task cli fit --estimator sfa --data F.csv --y TERM --x TERM,... [--no-intercept]
 *     [--inefficiency halfnormal|truncnormal] [--panel ID,TIME] [--time-varying]
 *     [--z TERM,...] [--z-intercept] [--efficiency bc|jlms] [--level 0.95] [--compare]
 *     [--format text|markdown|html|json]   (options: lib/cli/options/ FIT_COMMAND)
 *
 * Cross-section by default; `--panel` makes it Battese-Coelli (1992), `--z` Battese-Coelli
 * (1995). `--compare` puts the OLS start beside the frontier. JSON is the result object
 * (coefficients, inefficiency, sigmaSq, gamma, lambda, mu, eta, logLik, lrTest,
 * meanEfficiency, efficiency per row used in data order) with the dependent term added.
 * @module
 */
import { readNumericColumns } from "../data/read/numeric_csv.ts";
import { assertNoRepeats } from "../data/read/strict_json.ts";
import { InputError } from "../errors.ts";
import { formatFrontier } from "../report/frontier_table.ts";
import type { TableFormat } from "../report/table.ts";
import { evalTerm, parseTerm, parseTerms } from "../stats/formula.ts";
import { stochasticFrontier } from "../stats/frontier/fit.ts";
import type { EfficiencyMethod, FrontierOptions } from "../stats/frontier/types.ts";

/** What runFit parsed, plus the raw flag values. */
export interface FitSfaArgs {
  file: string;
  y: string;
  x: string;
  level: number;
  intercept: boolean;
  compare: boolean;
  format: string;
  flags: Record<string, string | boolean | undefined>;
}

/** `--panel ID,TIME` as two column names. */
function parsePanel(text: string): { id: string; time: string } {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0] === parts[1]) {
    throw new InputError(`--panel "${text}" must name two columns: --panel ID,TIME`);
  }
  return { id: parts[0], time: parts[1] };
}

/**
 * Fit the frontier and print it (table, or JSON with `--format json`).
 *
 * @example
 * ```ts
 * await runFitSfa({ file: "f.csv", y: "ln(output)", x: "ln(capital),ln(labour)", level: 0.95, intercept: true, compare: false, format: "json", flags: {} });
 * ```
 */
export async function runFitSfa(a: FitSfaArgs): Promise<void> {
  const f = a.flags;
  if (f.fe !== undefined) throw new InputError("--fe does not apply to --estimator sfa");
  if (f.se !== undefined) {
    throw new InputError("--se does not apply to --estimator sfa (its SEs come from the Hessian)");
  }
  if (f["time-varying"] && f.panel === undefined) {
    throw new InputError("--time-varying needs --panel ID,TIME (u_it varies within a unit)");
  }
  // the option table checked the values
  const inefficiency = f.inefficiency as "halfnormal" | "truncnormal" | undefined;
  const efficiency = (f.efficiency ?? "bc") as EfficiencyMethod;
  const yTerm = parseTerm(a.y);
  const xTerms = parseTerms(a.x);
  const zTerms = typeof f.z === "string" ? parseTerms(f.z) : [];
  if (xTerms.length === 0) throw new InputError("fit: --x names no terms");
  if (typeof f.z === "string" && zTerms.length === 0) throw new InputError("--z names no terms");
  assertNoRepeats("fit", xTerms.map((t) => t.name), "--x");
  assertNoRepeats("fit", zTerms.map((t) => t.name), "--z");
  if (xTerms.some((t) => t.name === yTerm.name)) {
    throw new InputError(`fit: the dependent term "${yTerm.name}" is also in --x`);
  }
  const panel = typeof f.panel === "string" ? parsePanel(f.panel) : undefined;
  const numeric = [...new Set([yTerm, ...xTerms, ...zTerms].map((t) => t.column))];
  if (panel && !numeric.includes(panel.time)) numeric.push(panel.time);
  const data = await readNumericColumns(a.file, numeric, panel ? [panel.id] : []);
  const table = { file: a.file, columns: data.columns };
  const options: FrontierOptions = {
    intercept: a.intercept,
    level: a.level,
    efficiency: efficiency as EfficiencyMethod,
    firstRow: 2,
    ...(inefficiency ? { inefficiency } : {}),
    ...(panel ? { panel: { id: data.strings[panel.id], time: data.columns[panel.time] } } : {}),
    ...(f["time-varying"] ? { timeVarying: true } : {}),
    ...(zTerms.length
      ? { z: zTerms.map((t) => ({ name: t.name, values: evalTerm(t, table) })) }
      : {}),
    ...(f["z-intercept"] ? { zIntercept: true } : {}),
  };
  let result;
  try {
    result = stochasticFrontier(
      evalTerm(yTerm, table),
      xTerms.map((t) => ({ name: t.name, values: evalTerm(t, table) })),
      options,
    );
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${a.file}: ${e.message}`);
    throw e;
  }
  if (a.format === "json") {
    for (const w of result.warnings) console.error(`warning: ${w}`); // tables carry them as notes
    console.log(JSON.stringify({ dependent: yTerm.name, ...result }, null, 2));
    return;
  }
  console.log(
    formatFrontier(result, a.format as TableFormat | "latex", {
      depVar: yTerm.name,
      compare: a.compare,
    }),
  );
}
