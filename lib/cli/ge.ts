/**
 * The `ge` command: a general-equilibrium counterfactual (what happens to trade and real income
 * when trade costs change) on a CSV with one row per exporter-importer pair, domestic flows
 * included.
 *
 *   deno task cli ge --data F.csv --exporter COL --importer COL --y COL
 *     (--partial COL | --x TERMS [--fe DIMS] --counterfactual TERM=VALUE|TERM=COLUMN[,...])
 *     (--theta T | --sigma S) [--deficits additive|multiplicative] [--reference ISO3]
 *     [--method exact|book] [--format text|markdown|html|csv|json]
 *
 * `--partial COL`: ln of the change in trade costs (times -theta) per pair, as `ge_gravity`'s beta.
 * `--x TERMS`: estimate PPML of --y on the terms with fixed effects (default: exporter and
 * importer), then set the terms to their counterfactual values (a number for every pair, or a
 * column pair by pair); the partial effect is the change in the fitted index. `--method book`
 * (the book's GEPPML, a replication mode) needs --x and --reference. Every problem is one line on
 * stderr (exit 1) before anything is printed on stdout.
 * @module
 */
import { readNumericColumns } from "../data/read/numeric_csv.ts";
import { InputError } from "../errors.ts";
import { geBook } from "../ge/book.ts";
import { parseCounterfactual, tradeCosts } from "../ge/costs.ts";
import { geExact } from "../ge/exact.ts";
import { pairMatrix } from "../ge/matrix.ts";
import { referenceIndex, resolveTheta } from "../ge/options.ts";
import type { GeResult } from "../ge/types.ts";
import { welfareBars } from "../report/figures/welfare.ts";
import { formatGe, geCaption, geJson } from "../report/ge_table.ts";
import { reportPage } from "../report/html.ts";
import { fitModel } from "../stats/model/fit.ts";
import { type ModelSpec, specColumns } from "../stats/model/spec.ts";
import { parseTerm, parseTerms } from "../stats/formula.ts";
import { GE_COMMAND } from "./options/ge.ts";
import { parseCommand } from "./options/spec.ts";

const FORMATS = ["text", "markdown", "html", "csv", "json"] as const;

/** A number flag, or a one-line error. */
function numberFlag(name: string, v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (String(v).trim() === "" || !Number.isFinite(x)) {
    throw new InputError(`--${name} "${v}" is not a number`);
  }
  return x;
}

/** What `ge` parsed from its flags, checked for consistency before any file is read. */
interface GeArgs {
  file: string;
  exporter: string;
  importer: string;
  y: string;
  partial?: string;
  terms: string[];
  fe: string[];
  counterfactual: ReturnType<typeof parseCounterfactual>;
  elasticity: { theta?: number; sigma?: number };
  deficits: "additive" | "multiplicative";
  reference?: string;
  method: "exact" | "book";
  format: typeof FORMATS[number];
}

function parseGeArgs(args: string[]): GeArgs {
  const v = parseCommand(GE_COMMAND, args);
  const method = (v.method ?? "exact") as "exact" | "book";
  const format = (v.format ?? "text") as typeof FORMATS[number];
  const elasticity = { theta: numberFlag("theta", v.theta), sigma: numberFlag("sigma", v.sigma) };
  if (elasticity.theta === undefined && elasticity.sigma === undefined) {
    throw new InputError(`ge: give the trade elasticity: --theta T (> 0) or --sigma S (> 1)`);
  }
  resolveTheta(elasticity);
  const fallback = method === "book" ? "multiplicative" : "additive";
  const deficits = (v.deficits ?? fallback) as "additive" | "multiplicative";
  if (method === "book" && deficits !== "multiplicative") {
    throw new InputError(
      `ge --method book holds deficits as a share of output (phi = E/Y): use --deficits multiplicative or leave it out`,
    );
  }
  if ((v.partial === undefined) === (v.x === undefined)) {
    throw new InputError(
      `ge: give either --partial COL (the change in ln trade costs per pair) or --x TERMS with ` +
        `--counterfactual (deno task cli ge --help)`,
    );
  }
  if (v.partial !== undefined && (v.fe !== undefined || v.counterfactual !== undefined)) {
    throw new InputError(`ge: --fe and --counterfactual go with --x, not with --partial`);
  }
  if (v.x !== undefined && !v.counterfactual) {
    throw new InputError(
      `ge: --x needs --counterfactual TERM=VALUE|TERM=COLUMN[,...] (the terms' new values)`,
    );
  }
  if (method === "book" && v.partial !== undefined) {
    throw new InputError(
      `ge --method book needs --x and --counterfactual: the book's baseline trade costs come from its PPML, --partial gives only their change`,
    );
  }
  if (method === "book" && !v.reference) {
    throw new InputError(
      `ge --method book needs --reference ISO3 (the country whose importer fixed effect is 0; the book uses DEU)`,
    );
  }
  const terms = v.x !== undefined ? parseTerms(v.x as string).map((t) => t.name) : [];
  if (v.x !== undefined && terms.length === 0) throw new InputError(`ge: --x names no terms`);
  return {
    file: v.data as string,
    exporter: v.exporter as string,
    importer: v.importer as string,
    y: v.y as string,
    partial: v.partial as string | undefined,
    terms,
    fe: v.fe !== undefined
      ? String(v.fe).split(",").map((s) => s.trim()).filter((s) => s)
      : [v.exporter as string, v.importer as string],
    counterfactual: v.x !== undefined ? parseCounterfactual(v.counterfactual as string, terms) : [],
    elasticity,
    deficits,
    reference: v.reference as string | undefined,
    method,
    format,
  };
}

/** The PPML whose coefficients give the trade costs (--x). */
function costSpec(a: GeArgs): ModelSpec {
  return { dependent: a.y, terms: a.terms, fe: a.fe, estimator: "ppml", se: "hc0" };
}

/**
 * Run `ge` with command-line arguments; prints the result on stdout, progress on stderr.
 *
 * @example
 * ```ts
 * await runGe(["--data", "flows.csv", "--exporter", "exporter", "--importer", "importer",
 *   "--y", "trade", "--partial", "eu_effect", "--theta", "4", "--format", "json"]);
 * ```
 */
export async function runGe(args: string[]): Promise<void> {
  const a = parseGeArgs(args);
  const spec = a.partial === undefined ? costSpec(a) : null;
  const cols = spec
    ? specColumns(spec, (t) => parseTerm(t).column)
    : { numeric: [a.y], labels: [] };
  const numeric = new Set([a.y, ...cols.numeric, ...(a.partial ? [a.partial] : [])]);
  for (const s of a.counterfactual) if (s.column) numeric.add(s.column);
  const labels = new Set([a.exporter, a.importer, ...cols.labels]);
  for (const c of numeric) labels.delete(c);
  const d = await readNumericColumns(a.file, [...numeric], [...labels]);
  const table = {
    file: a.file,
    exporter: d.strings[a.exporter] ?? Array.from(d.columns[a.exporter], String),
    importer: d.strings[a.importer] ?? Array.from(d.columns[a.importer], String),
    columns: { ...d.columns } as Record<string, ArrayLike<number>>,
  };
  const m = pairMatrix(table, { flow: a.y, values: a.partial ? [a.partial] : [] });
  referenceIndex(m.countries, a.reference);
  const world = { countries: m.countries, flows: m.flows };
  let result: GeResult;
  if (spec === null) {
    result = geExact(world, m.values[a.partial!], {
      ...a.elasticity,
      deficits: a.deficits,
      reference: a.reference,
    });
  } else {
    console.error(
      `ge: PPML of ${a.y} on ${a.terms.join(", ")} with fixed effects ${a.fe.join(", ")}`,
    );
    const fit = fitModel(spec, { file: a.file, columns: d.columns, labels: d.strings }, {
      progress: (line) => console.error(`  ${line}`),
    });
    console.error(
      `ge: coefficients ${
        a.terms.map((t) => `${t} ${fit.model.beta[t].toPrecision(6)}`).join(", ")
      }` +
        (fit.separated ? `; ${fit.separated} separated row(s) left out of the fit` : ""),
    );
    const costs = tradeCosts(
      fit.model.beta,
      a.terms,
      { file: a.file, columns: d.columns },
      a.counterfactual,
    );
    const lay = (v: Float64Array) => Float64Array.from(m.rowOf, (r) => v[r]);
    const lnB = lay(costs.baseline), lnC = lay(costs.counterfactual);
    result = a.method === "book"
      ? geBook(
        { ...world, lnCostBaseline: lnB, lnCostCounterfactual: lnC },
        {
          ...a.elasticity,
          reference: a.reference!,
          progress: (line) => console.error(`  ${line}`),
        },
      )
      : geExact(world, lnC.map((v, k) => v - lnB[k]), {
        ...a.elasticity,
        deficits: a.deficits,
        reference: a.reference,
      });
  }
  console.error(`ge: ${geCaption(result)}`);
  for (const note of result.notes) console.error(`note: ${note}`);
  console.log(render(result, a.format));
}

/** The result in the requested format. */
function render(r: GeResult, format: GeArgs["format"]): string {
  if (format === "json") return JSON.stringify(geJson(r), null, 2);
  if (format !== "html") return formatGe(r, format);
  const rows = r.countries.map((c) => ({
    country: c.country,
    welfareChange: (c.welfare - 1) * 100,
    realGdpChange: c.realGdpChange,
  }));
  return reportPage({
    title: "General-equilibrium counterfactual",
    subtitle: geCaption(r),
    sections: [
      { heading: "Welfare by country", html: welfareBars(rows) },
      { heading: "Changes by country", html: formatGe(r, "html") },
    ],
  });
}
