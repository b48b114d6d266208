/**
 * The country-name table (`data/country-names.csv`): IMF DOTS and UN Comtrade country names ->
 * ISO3 code, with the kind of each name (`country`, or `aggregate` for the world, groups, regions
 * and residual categories, which are never treated as countries).
 * @module
 */
import { InputError } from "../../errors.ts";
import { columnIndex, parseCsv } from "../read/csv.ts";

/** What a name stands for. `iso3` is "" for an aggregate. */
export interface CountryName {
  iso3: string;
  kind: "country" | "aggregate";
}

/** Name -> entry (exact spelling as in the source files). */
export type CountryNames = Map<string, CountryName>;

/** The default path of the table. */
export const COUNTRY_NAMES_FILE = "data/country-names.csv";

/**
 * Parse the country-name table (columns `name,iso3,kind,...`). A duplicate name, an unknown kind
 * or a country without a three-letter code is an {@link InputError} naming the row.
 *
 * @example
 * ```ts
 * const t = parseCountryNames("name,iso3,kind\nWorld,,aggregate\nKyrgyz Rep.,KGZ,country\n", "n.csv");
 * t.get("Kyrgyz Rep."); // { iso3: "KGZ", kind: "country" }
 * ```
 */
export function parseCountryNames(text: string, file: string): CountryNames {
  const t = parseCsv(text, { file });
  const [n, c, k] = ["name", "iso3", "kind"].map((h) => columnIndex(t, h));
  const out: CountryNames = new Map();
  t.rows.forEach((r, i) => {
    const row = i + 2;
    const name = r[n] ?? "";
    const kind = (r[k] ?? "").trim();
    const iso3 = (r[c] ?? "").trim();
    if (out.has(name)) throw new InputError(`${file}: row ${row}: duplicate name "${name}"`);
    if (kind !== "country" && kind !== "aggregate") {
      throw new InputError(`${file}: row ${row}: kind "${kind}" is not country or aggregate`);
    }
    if (kind === "country" && !/^[A-Z]{3}$/.test(iso3)) {
      throw new InputError(`${file}: row ${row}: country "${name}" needs a three-letter iso3`);
    }
    out.set(name, { iso3: kind === "country" ? iso3 : "", kind });
  });
  return out;
}

/**
 * Read the country-name table from disk (default `data/country-names.csv`).
 *
 * @example
 * ```ts
 * const names = await loadCountryNames();
 * names.get("China, P.R.: Mainland")?.iso3; // "CHN"
 * ```
 */
export async function loadCountryNames(file: string = COUNTRY_NAMES_FILE): Promise<CountryNames> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read the country-name table (${(e as Error).name})`);
  }
  return parseCountryNames(text, file);
}
