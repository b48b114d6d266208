/**
 * Build data/country-names.csv: every country name in the IMF DOTS workbooks and the UN Comtrade
 * reports -> ISO3 code, with its kind (country / aggregate) and how the code was found.
 *
 * Semi-automatic: a name whose part before the first comma, normalised (lower case, no accents,
 * "&" = "and", "Rep." = "Republic"), equals exactly one CEPII geo_cepii.csv country name gets
 * CEPII's code (2004-era CEPII codes updated to today's ISO 3166-1: ROM -> ROU, ZAR -> COD,
 * TMP -> TLS, PAL -> PSE); everything else is curated by hand below (HAND, AGGREGATES). ISO3
 * codes are standard identifiers. A name in the sources that is in neither list stops the script.
 *
 * Run: deno run --allow-read --allow-write=data tools/country_names.ts
 * @module
 */
import { readXlsx } from "../lib/data/read/xlsx.ts";
import { parseCsv } from "../lib/data/read/csv.ts";
import { formatCsv } from "../lib/data/panel.ts";

const RAW = "../shared/data/raw";
const DOTS = `${RAW}/trade/imf-dots`;
const COMTRADE = [
  `${RAW}/trade/comtrade-mirror/China_2.1.1_top_export_partners_reverse.xlsx`,
  `${RAW}/trade/comtrade-mirror/China_3.1.1_top_import_partners.xlsx`,
];

/** Not countries: world, groups, regions, residual categories, parts of a country. */
const AGGREGATES: Record<string, string> = {
  "World": "world total",
  "Advanced Economies": "IMF country group",
  "Emerging and Developing Economies": "IMF country group",
  "Emerging and Developing Asia": "IMF region",
  "Emerging and Developing Europe": "IMF region",
  "Emerging Market and Developing Economies by Source of Export Earnings: Fuel":
    "IMF country group",
  "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel":
    "IMF country group",
  "Euro Area": "currency union",
  "European Union": "country group",
  "Middle East and Central Asia": "IMF region",
  "Middle East": "region",
  "Sub-Saharan Africa": "region",
  "Africa": "region",
  "Western Hemisphere": "IMF region",
  "Africa not specified": "residual category",
  "Asia not specified": "residual category",
  "Europe not specified": "residual category",
  "Middle East and Central Asia not specified": "residual category",
  "Western Hemisphere not specified": "residual category",
  "Countries & Areas not specified": "residual category",
  "Other Countries not included elsewhere": "residual category",
  "Special Categories": "residual category (IMF: trade not allocated to a partner)",
  "Memorandum Items": "heading row of the memorandum groups",
  "South African Common Customs Area (SACCA)": "customs union (reporter only)",
  "Malaysia, West": "part of a country (Peninsular Malaysia), not a country",
  "Other Asia, nes":
    "Comtrade residual category ('not elsewhere specified'); not assumed to be Taiwan",
};

/** Hand-curated codes: [iso3, note]. Former countries use their ISO 3166-3 code. */
const HAND: Record<string, [string, string]> = {
  "Armenia, Rep. of": ["ARM", ""],
  "Aruba, Kingdom of the Netherlands": ["ABW", ""],
  "Bahamas, The": ["BHS", ""],
  "Belgium": ["BEL", "CEPII's BEL is Belgium and Luxembourg; DOTS reports Belgium alone from 1997"],
  "Belgium-Luxembourg": [
    "BLX",
    "Belgium-Luxembourg economic union before 1997; BLX is a trade-data convention, not ISO",
  ],
  "Cabo Verde": ["CPV", ""],
  "Central African Rep.": ["CAF", ""],
  "China, P.R.: Hong Kong": ["HKG", ""],
  "China, P.R.: Macao": ["MAC", ""],
  "China, P.R.: Mainland": ["CHN", ""],
  "Congo, Dem. Rep. of the": ["COD", ""],
  "Congo, Rep. of": ["COG", ""],
  "Curaçao, Kingdom of the Netherlands": ["CUW", ""],
  "Czech Rep.": ["CZE", ""],
  "Czechoslovakia": ["CSK", "former country (ISO 3166-3)"],
  "Dominican Rep.": ["DOM", ""],
  "Eastern Germany": ["DDR", "former country (ISO 3166-3)"],
  "Eswatini, Kingdom of": ["SWZ", ""],
  "Falkland Islands (Malvinas)": ["FLK", ""],
  "Gambia, The": ["GMB", ""],
  "Holy See": ["VAT", ""],
  "Korea, Dem. People's Rep. of": ["PRK", ""],
  "Korea, Rep. of": ["KOR", ""],
  "Kosovo, Rep. of": ["XKX", "XKX is the code the IMF and World Bank use; not ISO 3166-1"],
  "Kyrgyz Rep.": ["KGZ", ""],
  "Lao People's Dem. Rep.": ["LAO", ""],
  "Micronesia, Federated States of": ["FSM", ""],
  "Moldova, Rep. of": ["MDA", ""],
  "Montenegro": ["MNE", ""],
  "Myanmar": ["MMR", ""],
  "Netherlands Antilles": ["ANT", "former territory (ISO 3166-3)"],
  "Netherlands, The": ["NLD", ""],
  "North Macedonia, Republic of": ["MKD", ""],
  "São Tomé and Príncipe, Dem. Rep. of": ["STP", ""],
  "Serbia and Montenegro": ["SCG", "former country (ISO 3166-3)"],
  "Serbia, Rep. of": ["SRB", ""],
  "Sint Maarten, Kingdom of the Netherlands": ["SXM", ""],
  "Slovak Rep.": ["SVK", ""],
  "South Sudan, Rep. of": ["SSD", ""],
  "St. Kitts and Nevis": ["KNA", ""],
  "St. Lucia": ["LCA", ""],
  "St. Vincent and the Grenadines": ["VCT", ""],
  "Syrian Arab Rep.": ["SYR", ""],
  "Taiwan Province of China": ["TWN", ""],
  "Tanzania, United Rep. of": ["TZA", ""],
  "Timor-Leste, Dem. Rep. of": ["TLS", ""],
  "USSR": ["SUN", "former country (ISO 3166-3)"],
  "United States": ["USA", ""],
  "Venezuela, Rep. Bolivariana de": ["VEN", ""],
  "Vietnam": ["VNM", ""],
  "West Bank and Gaza": ["PSE", ""],
  "Yemen Arab Rep.": [
    "YAR",
    "former North Yemen (to 1990); YAR is not ISO (ISO reused YEM for the united Yemen)",
  ],
  "Yemen, People's Dem. Rep. of": ["YMD", "former South Yemen (ISO 3166-3)"],
  "Yemen, Rep. of": ["YEM", ""],
  "Yugoslavia": ["YUG", "former country (ISO 3166-3)"],
  "Côte d'Ivoire": ["CIV", ""],
  "Guam": ["GUM", ""],
  "American Samoa": ["ASM", ""],
  "Kiribati": ["KIR", ""],
  "Ethiopia, The Federal Dem. Rep. of": ["ETH", ""],
  "Kazakhstan, Rep. of": ["KAZ", ""],
  "Libya": ["LBY", ""],
  "Timor-Leste": ["TLS", ""],
  // Comtrade spellings
  "Bolivia (Plurinational State of)": ["BOL", ""],
  "Bosnia Herzegovina": ["BIH", ""],
  "Cayman Isds": ["CYM", ""],
  "China": ["CHN", ""],
  "China, Hong Kong SAR": ["HKG", ""],
  "China, Macao SAR": ["MAC", ""],
  "Curaçao": ["CUW", ""],
  "Czechia": ["CZE", ""],
  "Dem. Rep. of the Congo": ["COD", ""],
  "Eswatini": ["SWZ", ""],
  "North Macedonia": ["MKD", ""],
  "Rep. of Korea": ["KOR", ""],
  "Rep. of Moldova": ["MDA", ""],
  "Serbia": ["SRB", ""],
  "Solomon Isds": ["SLB", ""],
  "State of Palestine": ["PSE", ""],
  "Türkiye": ["TUR", ""],
  "USA": ["USA", ""],
  "United Rep. of Tanzania": ["TZA", ""],
  "Kazakhstan": ["KAZ", ""],
  "Kyrgyzstan": ["KGZ", ""],
  "Congo": ["COG", ""],
};

/** A part after the comma that is only a formal title ("Rep. of", "Kingdom of", "The", ...). */
const TITLE =
  /^[^,]+(, (The |Islamic |Arab |Federal |Dem\. |Kingdom |Union |Rep\. |Republic |The State |The Federal )?((Rep\.|Republic|Kingdom|Union|State) of( the)?|The)?)?$/;

const LEGACY: Record<string, string> = { ROM: "ROU", ZAR: "COD", TMP: "TLS", PAL: "PSE" };

function norm(s: string): string {
  return s.split(",")[0].normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/&/g, "and").replace(/\brep\.(?=\s|$)/g, "republic").replace(/\s+/g, " ").trim();
}

async function sourceNames(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (n: string | null, src: string) => {
    if (!n) return;
    if (!out.has(n)) out.set(n, new Set());
    out.get(n)!.add(src);
  };
  const files = [...Deno.readDirSync(DOTS)].map((e) => e.name).filter((n) => n.endsWith(".xlsx"));
  for (const f of files.sort()) {
    for (const s of await readXlsx(`${DOTS}/${f}`)) {
      add(s.rows[3]?.[1] ?? null, "imf-dots");
      for (const r of s.rows.slice(7)) add(r[1], "imf-dots");
    }
  }
  for (const f of COMTRADE) {
    const [s] = await readXlsx(f);
    const h = s.rows[0];
    for (const r of s.rows.slice(1)) {
      add(r[h.indexOf("reporterDesc")], "comtrade");
      add(r[h.indexOf("partnerDesc")], "comtrade");
    }
  }
  return out;
}

function cepiiIndex(): Map<string, string> {
  const t = parseCsv(Deno.readTextFileSync(`${RAW}/geo/cepii/geo_cepii.csv`), { file: "geo" });
  const ci = t.header.indexOf("country"), ii = t.header.indexOf("iso3");
  const m = new Map<string, Set<string>>();
  for (const r of t.rows) {
    if (r[ii] === "BEL") continue; // "Belgium and Luxembourg": not Belgium alone
    const k = norm(r[ci]);
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(LEGACY[r[ii]] ?? r[ii]);
  }
  return new Map([...m].filter(([, v]) => v.size === 1).map(([k, v]) => [k, [...v][0]]));
}

const names = await sourceNames();
const cepii = cepiiIndex();
const keyCount = new Map<string, number>();
for (const n of names.keys()) keyCount.set(norm(n), (keyCount.get(norm(n)) ?? 0) + 1);
const rows: string[][] = [["name", "iso3", "kind", "sources", "match", "note"]];
const unknown: string[] = [];
for (const n of [...names.keys()].sort()) {
  const src = [...names.get(n)!].sort().join(";");
  if (AGGREGATES[n]) rows.push([n, "", "aggregate", src, "hand", AGGREGATES[n]]);
  else if (HAND[n]) rows.push([n, HAND[n][0], "country", src, "hand", HAND[n][1]]);
  else if (cepii.has(norm(n)) && (keyCount.get(norm(n)) === 1 || TITLE.test(n))) {
    rows.push([n, cepii.get(norm(n))!, "country", src, "cepii-name", ""]);
  } else unknown.push(n);
}
if (unknown.length) {
  console.error(`error: ${unknown.length} name(s) need a hand entry: ${unknown.join(" | ")}`);
  Deno.exit(1);
}
Deno.writeTextFileSync("data/country-names.csv", formatCsv(rows));
console.error(`data/country-names.csv: ${rows.length - 1} names`);
