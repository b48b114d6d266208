/**
 * Shared loaders of the Yotov et al. (2016) datasets (../shared/data/raw/gravity-teaching/agtpa/).
 */
import { readNumericColumns } from "../../lib/data/numeric_csv.ts";

const AGTPA = new URL("../../../shared/data/raw/gravity-teaching/agtpa/", import.meta.url).pathname;

/** The 2006 cross-section of Chapter2Application2.csv with INTL_BRDR = exporter != importer. */
export async function border2006() {
  const file = AGTPA + "Chapter2Application2.csv";
  const d = await readNumericColumns(
    file,
    ["year", "trade", "DIST", "CNTG", "pair_id"],
    ["exporter", "importer"],
  );
  const idx = [...d.columns.year.keys()].filter((i) => d.columns.year[i] === 2006);
  const col = (v: ArrayLike<number>) => Float64Array.from(idx, (i) => v[i]);
  const lab = (v: ArrayLike<string>) => idx.map((i) => v[i]);
  const ex = d.strings.exporter, im = d.strings.importer;
  return {
    file,
    columns: {
      trade: col(d.columns.trade),
      DIST: col(d.columns.DIST),
      CNTG: col(d.columns.CNTG),
      INTL_BRDR: Float64Array.from(idx, (i) => (ex[i] === im[i] ? 0 : 1)),
      pair_id: col(d.columns.pair_id),
    },
    labels: { exporter: lab(ex), importer: lab(im) },
  };
}
