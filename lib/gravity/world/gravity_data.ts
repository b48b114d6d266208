/**
 * A gravity data set from the real world panel: IMF DOTS exports (flow X, FOB, US$ millions) of
 * every reporter (data/world-trade.csv.gz, `deno task import`) joined to CEPII GeoDist
 * (../shared/data/raw/geo/cepii/dist_cepii.csv: distance between the most populated cities in
 * km, contiguity, common official language, colonial tie). CEPII's 2004-era codes are mapped to
 * today's (ROM -> ROU, ZAR -> COD, TMP -> TLS, YUG -> SRB); flows whose pair has no CEPII row are
 * dropped and counted in `unmatched`. Domestic flows are not in DOTS.
 * @module
 */
import { readNumericColumns } from "../../data/read/numeric_csv.ts";
import { loadWorldPanel, WORLD_FILE } from "../../data/world.ts";
import type { ModelData } from "../../stats/model/design.ts";

/** CEPII GeoDist, relative to the repository root. */
export const CEPII_DIST_FILE = "../shared/data/raw/geo/cepii/dist_cepii.csv";

const RENAME: Record<string, string> = { ROM: "ROU", ZAR: "COD", TMP: "TLS", YUG: "SRB" };

/** Options of {@link worldGravityData}. */
export interface WorldGravityOptions {
  first?: number;
  last?: number;
  /** Keep only flows between these ISO3 codes (default: every country). */
  countries?: string[];
  worldFile?: string;
  cepiiFile?: string;
}

/** The data set: columns trade, dist, contig, lang, colony; labels exporter, importer, year. */
export interface WorldGravityData extends ModelData {
  columns: Record<"trade" | "dist" | "contig" | "lang" | "colony", number[]>;
  labels: Record<"exporter" | "importer" | "year", string[]>;
  /** Export flows in the years and countries asked for whose pair has no CEPII row. */
  unmatched: number;
}

/**
 * Exports of the world panel between `first` and `last` with the CEPII pair variables.
 *
 * @example
 * ```ts
 * const d = await worldGravityData({ first: 2016, last: 2020 });
 * fitModel({ dependent: "trade", terms: ["ln(dist)", "contig"], fe: ["exporter^year", "importer^year"], estimator: "ppml" }, d);
 * ```
 */
export async function worldGravityData(o: WorldGravityOptions = {}): Promise<WorldGravityData> {
  const first = o.first ?? 2000, last = o.last ?? 2020;
  const w = await loadWorldPanel(o.worldFile ?? WORLD_FILE);
  const g = await readNumericColumns(o.cepiiFile ?? CEPII_DIST_FILE, [
    "contig",
    "comlang_off",
    "colony",
    "dist",
  ], ["iso_o", "iso_d"]);
  const code = (c: string) => RENAME[c] ?? c;
  const geo = new Map<string, number>();
  for (let i = 0; i < g.n; i++) {
    geo.set(`${code(g.strings.iso_o[i])}>${code(g.strings.iso_d[i])}`, i);
  }
  const only = o.countries ? new Set(o.countries) : null;
  const columns = {
    trade: [] as number[],
    dist: [] as number[],
    contig: [] as number[],
    lang: [] as number[],
    colony: [] as number[],
  };
  const labels = { exporter: [] as string[], importer: [] as string[], year: [] as string[] };
  let unmatched = 0;
  for (let i = 0; i < w.n; i++) {
    if (w.flow[i] !== 0 || w.year[i] < first || w.year[i] > last) continue;
    const e = w.codes[w.reporter[i]], m = w.codes[w.partner[i]];
    if (e === m || (only && (!only.has(e) || !only.has(m)))) continue;
    const k = geo.get(`${e}>${m}`);
    if (k === undefined) {
      unmatched++;
      continue;
    }
    columns.trade.push(w.value[i] / 1e6);
    columns.dist.push(g.columns.dist[k]);
    columns.contig.push(g.columns.contig[k]);
    columns.lang.push(g.columns.comlang_off[k]);
    columns.colony.push(g.columns.colony[k]);
    labels.exporter.push(e);
    labels.importer.push(m);
    labels.year.push(String(w.year[i]));
  }
  return { file: `${o.worldFile ?? WORLD_FILE} x CEPII`, columns, labels, unmatched };
}
