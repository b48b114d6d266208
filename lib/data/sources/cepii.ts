/**
 * CEPII GeoDist (`dist_cepii.csv`, `geo_cepii.csv`; Mayer and Zignago 2011), two ways:
 * {@link readCepii}, the importer's layout `cepii`, reads one column of the dist file for the
 * reporter -> each panel partner (codes as in the file); {@link readGeoDist} reads the whole
 * world with its 2004-era country codes mapped to today's ISO3 by a committed table
 * (`data/cepii-iso3.csv`: ROM -> ROU, ZAR -> COD, YUG -> SRB and MNE, ...). Every pair gets the
 * bilateral variables of gravity (distances, contiguity, common official language, colonial
 * ties) and the partner's landlocked status.
 * @module
 */
import { InputError } from "../../errors.ts";
import { columnIndex, parseCsv, parseNumber } from "../read/csv.ts";
import { assertOnePerYear, type Observation, type ReadResult } from "./wdi.ts";

/**
 * Read a CEPII GeoDist file (`iso_o,iso_d,...,distcap,...`): the chosen column for every pair
 * reporter -> partner (time-invariant, bilateral: iso3 = the partner).
 *
 * @example
 * ```ts
 * readCepii(text, "dist_cepii.csv", { reporter: "CHN", partners: ["KAZ"], column: "distcap" });
 * ```
 */
export function readCepii(
  text: string,
  file: string,
  options: { reporter: string; partners: string[]; column: string },
): ReadResult {
  const table = parseCsv(text, { file });
  const o = columnIndex(table, "iso_o");
  const d = columnIndex(table, "iso_d");
  const v = columnIndex(table, options.column);
  const wanted = new Set(options.partners);
  const observations: Observation[] = [];
  table.rows.forEach((r, i) => {
    const iso3 = (r[d] ?? "").trim().toUpperCase();
    if ((r[o] ?? "").trim().toUpperCase() !== options.reporter || !wanted.has(iso3)) return;
    const value = parseNumber(r[v] ?? "", file, i + 2, options.column);
    if (!Number.isNaN(value)) observations.push({ iso3, year: null, value, row: i + 2 });
  });
  assertOnePerYear(file, observations);
  return { observations, notes: [] };
}

/** One row of the code table: a CEPII code, today's ISO3, and what carries over. */
export interface CepiiMapping {
  cepii: string;
  iso3: string;
  /** "all": the same country under a new code; "bilateral": a successor (landlocked not carried). */
  carries: "all" | "bilateral";
  note: string;
}

/** Path of the committed code table (relative to the repo root). */
export const CEPII_MAPPING_FILE = "data/cepii-iso3.csv";

/**
 * Parse the code table (`cepii,iso3,carries,note`).
 *
 * @example
 * ```ts
 * parseCepiiMapping("cepii,iso3,carries,note\nROM,ROU,all,Romania\n")[0].iso3; // "ROU"
 * ```
 */
export function parseCepiiMapping(text: string, file = CEPII_MAPPING_FILE): CepiiMapping[] {
  const t = parseCsv(text, { file });
  const [c, i, k, n] = ["cepii", "iso3", "carries", "note"].map((h) => columnIndex(t, h));
  return t.rows.map((r, j) => {
    const carries = r[k].trim();
    if (carries !== "all" && carries !== "bilateral") {
      throw new InputError(
        `${file}: row ${j + 2}, column "carries": "${carries}" is not "all" or "bilateral"`,
      );
    }
    return { cepii: r[c].trim(), iso3: r[i].trim(), carries, note: r[n] };
  });
}

/** The gravity geography of one directed pair (origin -> destination), in today's codes. */
export interface GeoPair {
  origin: string;
  destination: string;
  /** Distance between the most populated cities, km (CEPII `dist`). */
  dist: number;
  /** Distance between capitals, km. */
  distcap: number;
  /** Population-weighted distance, km (NaN where CEPII has none). */
  distw: number;
  contig: number;
  comlang_off: number;
  /** Ever in a colonial relationship. */
  colony: number;
  /** Common colonizer after 1945. */
  comcol: number;
  /** Landlocked destination (NaN when a successor state's status is not carried). */
  landlocked: number;
  /** CEPII codes this row was mapped from, when either side was renamed. */
  mappedFrom?: string;
}

/** Options of {@link readGeoDist}. */
export interface GeoDistOptions {
  /** Keep only these origins (today's codes); default every origin. */
  origins?: string[];
  distFile?: string;
  geoFile?: string;
}

/** Today's codes (and the mapping row) for a CEPII code: itself when not in the table. */
function targets(
  code: string,
  byCepii: Map<string, CepiiMapping[]>,
): { iso3: string; m?: CepiiMapping }[] {
  const m = byCepii.get(code);
  return m ? m.map((x) => ({ iso3: x.iso3, m: x })) : [{ iso3: code }];
}

/**
 * Read CEPII's dist and geo files into pairs in today's ISO3 codes. A CEPII code with two
 * successors (YUG -> SRB, MNE) gives a row for each; the landlocked status of a successor with
 * `carries: "bilateral"` is NaN. Self pairs (i = i) are left out.
 *
 * @example
 * ```ts
 * const pairs = readGeoDist(distText, geoText, mapping, { origins: ["CHN"] });
 * pairs.find((p) => p.destination === "ROU")?.mappedFrom; // "ROM"
 * ```
 */
export function readGeoDist(
  distText: string,
  geoText: string,
  mapping: CepiiMapping[],
  options: GeoDistOptions = {},
): GeoPair[] {
  const distFile = options.distFile ?? "dist_cepii.csv";
  const geoFile = options.geoFile ?? "geo_cepii.csv";
  const byCepii = new Map<string, CepiiMapping[]>();
  for (const m of mapping) byCepii.set(m.cepii, [...(byCepii.get(m.cepii) ?? []), m]);
  const geo = parseCsv(geoText, { file: geoFile });
  const gi = columnIndex(geo, "iso3");
  const gl = columnIndex(geo, "landlocked");
  const landlocked = new Map<string, number>();
  geo.rows.forEach((r, j) => {
    const code = r[gi].trim();
    if (!landlocked.has(code)) {
      landlocked.set(code, parseNumber(r[gl], geoFile, j + 2, "landlocked"));
    }
  });
  const t = parseCsv(distText, { file: distFile });
  const col = (h: string) => columnIndex(t, h);
  const [io, id] = [col("iso_o"), col("iso_d")];
  const fields = ["dist", "distcap", "distw", "contig", "comlang_off", "colony", "comcol"] as const;
  const idx = fields.map(col);
  const wanted = options.origins ? new Set(options.origins) : null;
  const out: GeoPair[] = [];
  t.rows.forEach((r, j) => {
    const o = r[io].trim();
    const d = r[id].trim();
    if (o === d) return;
    const os = targets(o, byCepii).filter((x) => !wanted || wanted.has(x.iso3));
    if (os.length === 0) return;
    const values = idx.map((c, f) => parseNumber(r[c], distFile, j + 2, fields[f]));
    for (const oo of os) {
      for (const dd of targets(d, byCepii)) {
        const renamed = [oo.m?.cepii, dd.m?.cepii].filter(Boolean) as string[];
        const pair: GeoPair = {
          origin: oo.iso3,
          destination: dd.iso3,
          dist: values[0],
          distcap: values[1],
          distw: values[2],
          contig: values[3],
          comlang_off: values[4],
          colony: values[5],
          comcol: values[6],
          landlocked: dd.m?.carries === "bilateral" ? NaN : landlocked.get(d) ?? NaN,
          ...(renamed.length ? { mappedFrom: renamed.join(", ") } : {}),
        };
        out.push(pair);
      }
    }
  });
  return out;
}
