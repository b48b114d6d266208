/**
 * The baseline world of the study's general-equilibrium counterfactuals: a square matrix of one
 * year's IMF DOTS flows between every country, with the domestic flows DOTS does not have built
 * by a stated rule (GDP minus total exports; `DOMESTIC_RULE`). Each flow is the exporter's
 * report (FOB); where the exporter reports none, the importer's (CIF); where neither reports, 0;
 * each study partner's exports to the reporter as the structural section's rule reads them. A
 * country without GDP, or whose GDP minus exports is not positive, is left out (counted and
 * named, with the trade lost with it), never given an invented number.
 * @module
 */
import type { GeoPair } from "../../data/sources/cepii.ts";
import type { StructuralConfig } from "../config/structural.ts";
import type { IndexedWorldTrade } from "./china_world.ts";
import { chooseReport, type PartnerReport } from "./structural_flows.ts";

/** The domestic-flow rule in words (printed, flagged, with every result that uses it). */
export const DOMESTIC_RULE =
  "domestic sales (the diagonal) are not data: each country's GDP (WDI NY.GDP.MKTP.CD, current " +
  "US$) minus its total exports to every partner in DOTS that year; GDP is value added (services " +
  "included) and exports are gross goods shipments, so this is a stand-in for the goods a " +
  "country sells at home";

/** One study pair's geography (the regressors a scenario changes). */
export interface GePairGeography {
  exporter: string;
  importer: string;
  /** ln of the structural section's CEPII distance. */
  lnDist: number;
  contig: number;
}

/** The baseline world matrix and how it was built (plain JSON; cached by the study loader). */
export interface GeBaseline {
  year: number;
  reporter: string;
  partners: string[];
  /** Countries of the matrix, sorted. */
  countries: string[];
  /** X_ij in US$, row-major (exporter i, importer j), the domestic flows on the diagonal. */
  flows: number[];
  /** GDP of each country of the matrix, US$. */
  gdp: number[];
  /** Total exports of each country of the matrix to every partner in DOTS (left-out ones too). */
  exports: number[];
  /** The rule that built the diagonal, in words. */
  domesticRule: string;
  /** Countries left out, and why. */
  excluded: {
    /** No GDP for the year in WDI. */
    noGdp: string[];
    /** GDP minus total exports <= 0 (US$). */
    nonPositive: { country: string; gdp: number; exports: number }[];
  };
  /** International trade of the year (US$) and where each flow came from. */
  trade: {
    /** Every international flow found, left-out countries included. */
    total: number;
    /** Flows from or to a left-out country (not in the matrix). */
    leftOut: number;
    /** Directed pairs of the matrix (i != j) read from the exporter's report. */
    fromExporter: number;
    /** Directed pairs of the matrix read from the importer's report (the exporter has none). */
    fromImporter: { pairs: number; value: number };
    /** Directed pairs of the matrix neither side reports (entered as 0). */
    none: number;
  };
  /** Both reports of each study partner's exports to the reporter this year, and the one used. */
  reports: PartnerReport[];
  /** Geography of the directed pairs among the reporter and the partners. */
  geography: GePairGeography[];
}

/** Inputs of {@link buildGeBaseline} besides the world trade. */
export interface GeBaselineOptions {
  year: number;
  reporter: string;
  partners: string[];
  /** The structural section: its partner-export rule, untrusted reports and distance. */
  structural: StructuralConfig;
  /** GDP observations (WDI, US$): any years, the baseline's is used. */
  gdp: { iso3: string; year: number | null; value: number }[];
  /** CEPII geography of (at least) the pairs among the reporter and the partners. */
  geo: GeoPair[];
}

/** The two reports of every directed pair in the year: the exporter's (X) and the importer's (M). */
function pairReports(world: IndexedWorldTrade, year: number) {
  const own = new Map<string, number>(), mirror = new Map<string, number>();
  for (let i = 0; i < world.n; i++) {
    const v = world.value[i];
    if (world.year[i] !== year || Number.isNaN(v) || world.reporter[i] === world.partner[i]) {
      continue;
    }
    const r = world.codes[world.reporter[i]], p = world.codes[world.partner[i]];
    if (world.flow[i] === 0) own.set(`${r}|${p}`, v);
    else if (world.flow[i] === 1) mirror.set(`${p}|${r}`, v);
  }
  return { own, mirror };
}

/**
 * Build the baseline world of one year (see the module comment for the rules).
 *
 * @example
 * ```ts
 * const b = buildGeBaseline(await loadWorldPanel(), {
 *   year: 2019, reporter: "CHN", partners, structural: config.structural!, gdp, geo,
 * });
 * b.excluded.nonPositive; // e.g. countries whose exports exceed their GDP
 * ```
 */
export function buildGeBaseline(world: IndexedWorldTrade, options: GeBaselineOptions): GeBaseline {
  const { year, reporter, partners, structural: st } = options;
  const { own, mirror } = pairReports(world, year);
  const partnerSet = new Set(partners);
  const reports: PartnerReport[] = [];
  // the value of every directed pair, and where it came from
  const value = new Map<string, { v: number; from: "exporter" | "importer" }>();
  for (const key of new Set([...own.keys(), ...mirror.keys()])) {
    const [o, d] = key.split("|");
    const x = own.get(key) ?? null, m = mirror.get(key) ?? null;
    if (d === reporter && partnerSet.has(o)) {
      const c = chooseReport(st.partnerExports, st.untrusted, {
        partner: o,
        year,
        own: x,
        mirror: m,
      });
      reports.push({ partner: o, year, own: x, mirror: m, ...c });
      if (c.used) value.set(key, { v: (c.used === "exporter" ? x : m)!, from: c.used });
    } else {
      value.set(key, x !== null ? { v: x, from: "exporter" } : { v: m!, from: "importer" });
    }
  }
  const exportsOf = new Map<string, number>();
  let total = 0;
  for (const [key, { v }] of value) {
    const o = key.slice(0, key.indexOf("|"));
    exportsOf.set(o, (exportsOf.get(o) ?? 0) + v);
    total += v;
  }
  const all = [...new Set([...value.keys()].flatMap((k) => k.split("|")))].sort();
  const gdpOf = new Map(
    options.gdp.filter((g) => g.year === year && Number.isFinite(g.value)).map((
      g,
    ) => [g.iso3, g.value]),
  );
  const noGdp = all.filter((c) => !gdpOf.has(c));
  const nonPositive = all.filter((c) => gdpOf.has(c))
    .map((c) => ({ country: c, gdp: gdpOf.get(c)!, exports: exportsOf.get(c) ?? 0 }))
    .filter((c) => !(c.gdp - c.exports > 0));
  const out = new Set([...noGdp, ...nonPositive.map((c) => c.country)]);
  const countries = all.filter((c) => !out.has(c));
  const N = countries.length;
  const index = new Map(countries.map((c, k) => [c, k]));
  const flows = new Array<number>(N * N).fill(0);
  const trade = {
    total,
    leftOut: 0,
    fromExporter: 0,
    fromImporter: { pairs: 0, value: 0 },
    none: 0,
  };
  for (const [key, { v, from }] of value) {
    const [o, d] = key.split("|");
    const i = index.get(o), j = index.get(d);
    if (i === undefined || j === undefined) {
      trade.leftOut += v;
      continue;
    }
    flows[i * N + j] = v;
    if (from === "exporter") trade.fromExporter++;
    else {
      trade.fromImporter.pairs++;
      trade.fromImporter.value += v;
    }
  }
  trade.none = N * (N - 1) - trade.fromExporter - trade.fromImporter.pairs;
  const gdp = countries.map((c) => gdpOf.get(c)!);
  const exports = countries.map((c) => exportsOf.get(c) ?? 0);
  countries.forEach((_, i) => (flows[i * N + i] = gdp[i] - exports[i]));
  return {
    year,
    reporter,
    partners,
    countries,
    flows,
    gdp,
    exports,
    domesticRule: DOMESTIC_RULE,
    excluded: { noGdp, nonPositive },
    trade,
    reports: reports.sort((a, b) => (a.partner < b.partner ? -1 : 1)),
    geography: studyGeography(options.geo, [reporter, ...partners], st.distance),
  };
}

/** The geography of the directed pairs among the study's countries (those CEPII has). */
function studyGeography(
  geo: GeoPair[],
  study: string[],
  distance: StructuralConfig["distance"],
): GePairGeography[] {
  const six = new Set(study);
  return geo.filter((p) =>
    six.has(p.origin) && six.has(p.destination) && p.origin !== p.destination
  )
    .map((p) => ({
      exporter: p.origin,
      importer: p.destination,
      lnDist: Math.log(p[distance]),
      contig: p.contig,
    }))
    .sort((a, b) =>
      a.exporter < b.exporter ? -1 : a.exporter > b.exporter ? 1 : a.importer < b.importer ? -1 : 1
    );
}
