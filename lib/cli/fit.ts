/**
 * The `fit` command: least squares with full inference on any CSV.
 *
 *   deno task cli fit --data FILE.csv --y TERM --x TERM[,TERM...] [--no-intercept]
 *     [--se classical|iid|hc0|hc1|hc2|hc3|cluster:COL] [--level 0.95] [--format text|json|markdown|html]
 *     [--estimator ols|ppml|sfa] [--fe DIM[,DIM...]] [--compare]
 *     [--inefficiency halfnormal|truncnormal] [--panel ID,TIME] [--time-varying] [--z TERM,...]
 *     [--z-intercept] [--efficiency bc|jlms]
 *
 * With --estimator, --fe or --compare the model layer fits (fit_model.ts): PPML, absorbed fixed
 * effects (DIM = COL or COL^COL), several models side by side; `--estimator sfa` fits a
 * stochastic frontier (fit_sfa.ts).
 * A term is a column name or ln(COL).
 * @module
 */
import { readNumericColumns } from "../data/read/numeric_csv.ts";
import { InputError } from "../errors.ts";
import { assertNoRepeats } from "../data/read/strict_json.ts";
import { FIT_COMMAND, SFA_ONLY } from "./options/fit.ts";
import { parseCommand } from "./options/spec.ts";
import { formatRegression, type RegressionFormat } from "../report/regression_table.ts";
import { ols } from "../stats/linear/ols.ts";
import { evalTerm, parseTerm, parseTerms } from "../stats/formula.ts";
import type { SeType } from "../stats/types.ts";

/** Parse `--se`: a type, or `cluster:COL`. */
function parseSe(text: string): { se: SeType; clusterColumn?: string } {
  const t = text.trim();
  if (t.toLowerCase().startsWith("cluster:")) {
    const col = t.slice("cluster:".length).trim();
    if (!col) throw new InputError(`--se cluster needs a column: --se cluster:COL`);
    return { se: "cluster", clusterColumn: col };
  }
  const se = t.toLowerCase() === "iid" ? "classical" : t.toLowerCase();
  if (["classical", "hc0", "hc1", "hc2", "hc3"].includes(se)) return { se: se as SeType };
  throw new InputError(
    `--se "${text}" not understood (use classical or iid, hc0, hc1, hc2, hc3 or cluster:COL)`,
  );
}

/**
 * Run `fit` with command-line arguments; prints the table (or JSON) on stdout.
 *
 * @example
 * ```ts
 * await runFit(["--data", "panel.csv", "--y", "ln(trade)", "--x", "ln(gdp),dist", "--format", "json"]);
 * ```
 */
export async function runFit(args: string[]): Promise<void> {
  const v = parseCommand(FIT_COMMAND, args);
  const file = v.data as string;
  const format = (v.format as string | undefined) ?? "text";
  const level = v.level === undefined ? 0.95 : Number(v.level);
  if (!(level > 0 && level < 1) || !/^\s*[0-9.eE+-]+\s*$/.test(String(v.level ?? "0.95"))) {
    throw new InputError(`--level "${v.level}" must be a number between 0 and 1 (e.g. 0.95)`);
  }
  if (v.estimator === "sfa") {
    const { runFitSfa } = await import("./fit_sfa.ts");
    return runFitSfa({
      file,
      y: v.y as string,
      x: v.x as string,
      level,
      intercept: !v["no-intercept"],
      compare: v.compare === true,
      format,
      flags: v,
    });
  }
  const sfaOnly = SFA_ONLY.find((name) => v[name] !== undefined);
  if (sfaOnly) {
    throw new InputError(
      `--${sfaOnly} is an option of --estimator sfa (got ${v.estimator ?? "ols"})`,
    );
  }
  if (v.estimator !== undefined || v.fe !== undefined || v.compare) {
    const { runFitModel } = await import("./fit_model.ts");
    return runFitModel({
      file,
      y: v.y as string,
      x: v.x as string,
      estimator: v.estimator as string | undefined,
      fe: v.fe as string | undefined,
      se: v.se as string | undefined,
      level,
      intercept: !v["no-intercept"],
      compare: v.compare === true,
      format,
    });
  }
  const { se, clusterColumn } = parseSe((v.se as string | undefined) ?? "classical");
  const yTerm = parseTerm(v.y as string);
  const xTerms = parseTerms(v.x as string);
  if (xTerms.length === 0) throw new InputError(`fit: --x names no terms`);
  assertNoRepeats("fit", xTerms.map((t) => t.name), "--x");
  if (xTerms.some((t) => t.name === yTerm.name)) {
    throw new InputError(`fit: the dependent term "${yTerm.name}" is also in --x`);
  }
  const needed = [...new Set([yTerm, ...xTerms].map((t) => t.column))];
  const data = await readNumericColumns(file, needed, clusterColumn ? [clusterColumn] : []);
  const table = { file, columns: data.columns };
  const y = evalTerm(yTerm, table);
  const columns = xTerms.map((t) => ({ name: t.name, values: evalTerm(t, table) }));
  let result;
  try {
    result = ols(y, columns, {
      intercept: !v["no-intercept"],
      se,
      level,
      ...(clusterColumn ? { cluster: data.strings[clusterColumn] } : {}),
    });
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
  console.log(
    formatRegression(result, format as RegressionFormat, { depVar: yTerm.name, level }),
  );
}
