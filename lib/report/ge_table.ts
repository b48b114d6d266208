/**
 * Lay out a general-equilibrium counterfactual (lib/ge/) as text, markdown, HTML or CSV, and its
 * JSON in the `ge` command's key order. Reads the result and computes nothing but the display.
 * @module
 */
import type { GeResult } from "../ge/types.ts";
import { formatCell, formatTable, type TableFormat, type TableSpec } from "./table.ts";

/** One line saying what was solved and how. */
export function geCaption(r: GeResult): string {
  const numeraire = r.reference ? `${r.reference}'s consumer prices` : "world output";
  const how = r.method === "exact"
    ? `exact (hat algebra), ${r.iterations} iterations`
    : `book (GEPPML as Yotov et al. 2016's do-files), ${r.iterations} passes`;
  return `General-equilibrium counterfactual: ${how}, ${
    r.converged ? "converged" : "NOT converged"
  }; theta = ${formatCell(r.theta, 3)} (sigma = ${
    formatCell(r.theta + 1, 3)
  }); deficits ${r.deficits}; numeraire: ${numeraire}`;
}

const pct = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) ? `${v >= 0 ? "+" : ""}${v.toFixed(3)}` : ".";

/**
 * Format a GE result: one row per country (welfare as a percent change; every other column a
 * percent change), the caption as title and the result's notes under the table. CSV holds the raw
 * numbers under the JSON names (welfare as the ratio).
 *
 * @example
 * ```ts
 * console.log(formatGe(geExact(world, partial, { theta: 4 }), "markdown"));
 * ```
 */
export function formatGe(r: GeResult, format: TableFormat = "text"): string {
  if (format === "csv") {
    return formatTable({
      columns: [
        "country",
        "welfare",
        "realGdpChange",
        "priceChange",
        "inwardResistanceChange",
        "outwardResistanceChange",
        "exportsChange",
        "exportsChangeConditional",
      ].map((key) => ({ key })),
      rows: r.countries as unknown as Record<string, unknown>[],
    }, "csv");
  }
  return formatTable(geTableSpec(r), format);
}

/** Options of {@link geTableSpec}. */
export interface GeTableOptions {
  /** Only these countries' rows, in this order (default: every country of the result). */
  countries?: string[];
  /** The title (default: {@link geCaption}). */
  title?: string;
}

/**
 * The table {@link formatGe} lays out (text, markdown, HTML), for LaTeX and workbooks too: one row
 * per country, welfare and every other column as percent changes, the caption as title, the
 * result's notes under it.
 *
 * @example
 * ```ts
 * formatTable(geTableSpec(result, { countries: ["CHN", "KAZ"] }), "markdown");
 * ```
 */
export function geTableSpec(r: GeResult, options: GeTableOptions = {}): TableSpec {
  const byCountry = new Map(r.countries.map((c) => [c.country, c]));
  const rows = options.countries
    ? options.countries.flatMap((c) => (byCountry.has(c) ? [byCountry.get(c)!] : []))
    : r.countries;
  return {
    title: options.title ?? geCaption(r),
    columns: [
      { key: "country", label: "Country", align: "left" },
      { key: "welfarePct", label: "Welfare %", format: pct },
      { key: "realGdpChange", label: "Real GDP %", format: pct },
      { key: "priceChange", label: "Factory-gate price %", format: pct },
      { key: "inwardResistanceChange", label: "Inward MR %", format: pct },
      { key: "outwardResistanceChange", label: "Outward MR %", format: pct },
      { key: "exportsChange", label: "Exports % (full)", format: pct },
      { key: "exportsChangeConditional", label: "Exports % (conditional)", format: pct },
    ],
    rows: rows.map((c) => ({ ...c, welfarePct: (c.welfare - 1) * 100 })),
    notes: [
      "Percent changes, counterfactual against baseline. MR: multilateral resistance as a price " +
      "index. Exports: international (domestic sales excluded); conditional: outputs and " +
      "expenditures held fixed, only the resistances adjust.",
      ...r.notes,
    ],
  };
}

/**
 * The result as the `ge` command's JSON: method, theta, iterations, converged, countries, flows
 * first, then deficits, reference, tolerance, notes (and the book loop's summaries).
 *
 * @example
 * ```ts
 * JSON.stringify(geJson(result), null, 2);
 * ```
 */
export function geJson(r: GeResult): Record<string, unknown> {
  return {
    method: r.method,
    theta: r.theta,
    iterations: r.iterations,
    converged: r.converged,
    countries: r.countries,
    flows: r.flows,
    deficits: r.deficits,
    reference: r.reference,
    tolerance: r.tolerance,
    notes: r.notes,
    ...(r.loop ? { loop: r.loop } : {}),
  };
}
