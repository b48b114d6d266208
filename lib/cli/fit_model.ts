/**
 * `fit` with the model layer: `--estimator ols|ppml`, `--fe DIM[,DIM...]` (each DIM a column or
 * `a^b`), `--se classical|hc0|hc1|hc2|hc3|cluster:COL[,COL]`, and `--compare` (OLS, OLS + FE,
 * PPML, PPML + FE side by side, fixest etable-like).
 * @module
 */
import { readNumericColumns } from "../data/read/numeric_csv.ts";
import { InputError } from "../errors.ts";
import { modelJson } from "../report/model_json.ts";
import { modelsTable } from "../report/models_table.ts";
import type { TableFormat } from "../report/table.ts";
import { fitModel, type ModelResult } from "../stats/model/fit.ts";
import { type ModelSpec, specColumns } from "../stats/model/spec.ts";
import { parseTerm, parseTerms } from "../stats/formula.ts";

/** What runFit parsed. */
export interface FitModelArgs {
  file: string;
  y: string;
  x: string;
  estimator?: string;
  fe?: string;
  /** The SE request; undefined: each model's default (classical for OLS, hc0 for PPML). */
  se?: string;
  level: number;
  intercept: boolean;
  compare: boolean;
  format: string;
}

/** The specifications to fit: one, or the four of --compare. */
function specs(a: FitModelArgs): { title: string; spec: ModelSpec }[] {
  const terms = parseTerms(a.x).map((t) => t.name);
  if (terms.length === 0) throw new InputError(`fit: --x names no terms`);
  const fe = a.fe ? a.fe.split(",").map((s) => s.trim()).filter((s) => s) : [];
  const base = { terms, se: a.se, level: a.level, intercept: a.intercept };
  if (!a.compare) {
    const estimator = a.estimator ?? "ols";
    if (estimator !== "ols" && estimator !== "ppml") {
      throw new InputError(`--estimator "${estimator}" is not one of ols, ppml, sfa`);
    }
    return [{ title: estimator, spec: { ...base, dependent: a.y, fe, estimator } }];
  }
  const y = parseTerm(a.y);
  const level = y.column; // PPML models the level; OLS its log (zeros dropped, counted)
  const logY = `ln(${level})`;
  const out: { title: string; spec: ModelSpec }[] = [
    { title: "OLS", spec: { ...base, dependent: logY, estimator: "ols" } },
    { title: "PPML", spec: { ...base, dependent: level, estimator: "ppml" } },
  ];
  if (fe.length) {
    out.splice(1, 0, { title: "OLS + FE", spec: { ...out[0].spec, fe } });
    out.push({ title: "PPML + FE", spec: { ...out[2].spec, fe } });
  }
  return out;
}

/**
 * Fit with the model layer and print a table (several models side by side) or JSON (one model:
 * an object; --compare: an array).
 *
 * @example
 * ```ts
 * await runFitModel({ file: "g.csv", y: "trade", x: "ln(dist)", estimator: "ppml", fe: "exporter^year", se: "hc0", level: 0.95, intercept: true, compare: false, format: "json" });
 * ```
 */
export async function runFitModel(a: FitModelArgs): Promise<void> {
  const list = specs(a);
  const cols = list.map((s) => specColumns(s.spec, (t) => parseTerm(t).column));
  const numeric = [...new Set(cols.flatMap((c) => c.numeric))];
  const labels = [...new Set(cols.flatMap((c) => c.labels))].filter((c) => !numeric.includes(c));
  const data = await readNumericColumns(a.file, numeric, labels);
  const results: ModelResult[] = list.map(({ title, spec }) => {
    console.error(
      `fit: ${title} (${spec.estimator}${spec.fe?.length ? ", FE " + spec.fe.join(", ") : ""})`,
    );
    try {
      return fitModel(spec, { file: a.file, columns: data.columns, labels: data.strings }, {
        progress: (line) => console.error(`  ${line}`),
      });
    } catch (e) {
      if (e instanceof InputError && !e.message.startsWith(a.file)) {
        throw new InputError(`${a.file}: ${e.message}`);
      }
      throw e;
    }
  });
  for (const r of results) {
    if (r.separated > 0) {
      const why = r.separation
        ? `: ${r.separation.fixedEffects} in fixed-effect levels whose outcomes are all zero, ` +
          `${r.separation.regressors} by the regressors`
        : "";
      console.error(
        `note: ${r.separated} observation(s) dropped as separated (${r.estimator}${why})`,
      );
    }
    if (r.separation && !r.separation.rectifierSettled) {
      console.error(
        `note: the separation check by the regressors did not settle in ` +
          `${r.separation.rectifierRounds} rounds; some observations may be separated`,
      );
    }
    if (r.singletons > 0) console.error(`note: ${r.singletons} singleton observation(s) dropped`);
    for (const w of r.warnings ?? []) console.error(`warning: ${w}`);
  }
  if (a.format === "json") {
    const json = results.map(modelJson);
    console.log(JSON.stringify(a.compare ? json : json[0], null, 2));
    return;
  }
  console.log(modelsTable(results, a.format as TableFormat, { titles: list.map((s) => s.title) }));
}
