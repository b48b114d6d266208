/**
 * Loaders of the GE tests' data: `ge_gravity`'s example (44 countries, EU enlargement, year 2000;
 * ../shared/data/raw/gravity-teaching/ge-gravity-example/, SOURCES.md section 14) and the book's
 * 2006 cross-section (69 countries; ../shared/data/raw/gravity-teaching/agtpa/, section 13).
 */
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { pairMatrix } from "../../lib/ge/matrix.ts";

const RAW = new URL("../../../shared/data/raw/gravity-teaching/", import.meta.url).pathname;

/** The printed PPML coefficient of eu_enlargement in `ge_gravity`'s example. */
export const EU_BETA = 0.224249;

/**
 * Year-2000 flows of TradeData0014.csv as a square world, and the partial effect 0.224249 on the
 * pairs whose eu_enlargement is 0 in 2000 and 1 in 2014 (the example's `new_eu_pair`).
 */
export async function euExample() {
  const file = RAW + "ge-gravity-example/TradeData0014.csv";
  const d = await readNumericColumns(file, ["year", "trade", "eu_enlargement"], [
    "exporter",
    "importer",
  ]);
  const key = (i: number) => `${d.strings.exporter[i]}-${d.strings.importer[i]}`;
  const eu2014 = new Map<string, number>();
  for (let i = 0; i < d.n; i++) {
    if (d.columns.year[i] === 2014) eu2014.set(key(i), d.columns.eu_enlargement[i]);
  }
  const rows = [...Array(d.n).keys()].filter((i) => d.columns.year[i] === 2000);
  const m = pairMatrix({
    file,
    exporter: rows.map((i) => d.strings.exporter[i]),
    importer: rows.map((i) => d.strings.importer[i]),
    columns: {
      trade: rows.map((i) => d.columns.trade[i]),
      partial: rows.map((i) => EU_BETA * (eu2014.get(key(i))! - d.columns.eu_enlargement[i])),
    },
  }, { flow: "trade", values: ["partial"] });
  return { world: { countries: m.countries, flows: m.flows }, partial: m.values.partial };
}

/** The 2006 rows of the book's data with ln(DIST), CNTG and INTL_BRDR, for fitModel. */
export async function book2006() {
  const file = RAW + "agtpa/Chapter2Application2.csv";
  const d = await readNumericColumns(file, ["year", "trade", "DIST", "CNTG"], [
    "exporter",
    "importer",
  ]);
  const idx = [...Array(d.n).keys()].filter((i) => d.columns.year[i] === 2006);
  const col = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]);
  const exporter = idx.map((i) => d.strings.exporter[i]);
  const importer = idx.map((i) => d.strings.importer[i]);
  return {
    file,
    columns: {
      trade: col(d.columns.trade),
      DIST: col(d.columns.DIST),
      CNTG: col(d.columns.CNTG),
      INTL_BRDR: Float64Array.from(idx, (_, k) => (exporter[k] === importer[k] ? 0 : 1)),
    },
    labels: { exporter, importer },
  };
}
