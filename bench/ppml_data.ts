/**
 * The PPML benchmark's data, written once to out/bench/ (kept if present; delete to regenerate):
 * synthetic gravity panels from lib/gravity/synthetic/gravity.ts (fixed seed; every exporter x
 * importer x year, a flow zero with probability 1 / (1 + mu / zeroScale)) and the real IMF DOTS
 * world panel joined to CEPII (bench/ppml_dots.ts's data), as CSV with the columns exporter,
 * importer, year, trade, dist, contig, rta (DOTS: lang, colony and dist_trend = ln(dist) x
 * (year - 2010) / 10 instead of rta, a regressor that varies within a pair, for the models with
 * pair fixed effects).
 *
 *   deno run --allow-read --allow-write=out bench/ppml_data.ts [NAME...]
 *
 * Names: see PANELS (default: all of them, and dots when data/world-trade.csv.gz exists).
 * @module
 */
import { makeGravityPanel } from "../lib/gravity/synthetic/gravity.ts";
import { worldGravityData } from "../lib/gravity/world/gravity_data.ts";

/** Synthetic panels: countries x (countries - 1) x years rows. */
export const PANELS: Record<string, { countries: number; years: number; zeroScale: number }> = {
  "20": { countries: 20, years: 21, zeroScale: 20 }, // 7,980 rows, 40% zeros (statsmodels runs)
  "100k": { countries: 72, years: 20, zeroScale: 1000 }, // 102,240 rows, 81% zeros
  "800k": { countries: 200, years: 20, zeroScale: 100 }, // 796,000 rows, 58% zeros
  "800k-sparse": { countries: 200, years: 20, zeroScale: 1000 }, // 796,000 rows, 81% zeros
  "3m": { countries: 388, years: 20, zeroScale: 300 }, // 3,003,120 rows
};

/** Write rows in 1 MiB pieces. */
async function writeCsv(path: string, header: string, n: number, row: (t: number) => string) {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const enc = new TextEncoder();
  let buf = header + "\n";
  const flush = async () => {
    const bytes = enc.encode(buf);
    let off = 0;
    while (off < bytes.length) off += await file.write(bytes.subarray(off));
    buf = "";
  };
  for (let t = 0; t < n; t++) {
    buf += row(t) + "\n";
    if (buf.length > 1 << 20) await flush();
  }
  await flush();
  file.close();
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  await Deno.mkdir("out/bench", { recursive: true });
  const dots = await exists("data/world-trade.csv.gz");
  const names = Deno.args.length ? Deno.args : [...Object.keys(PANELS), ...(dots ? ["dots"] : [])];
  for (const name of names) {
    const path = `out/bench/ppml_${name}.csv`;
    if (await exists(path)) {
      console.log(`${path} exists`);
      continue;
    }
    if (name === "dots") {
      const d = await worldGravityData({ first: 2000, last: 2020 });
      const c = d.columns, l = d.labels;
      await writeCsv(
        path,
        "exporter,importer,year,trade,dist,contig,lang,colony,dist_trend",
        c.trade.length,
        (t) =>
          `${l.exporter[t]},${l.importer[t]},${l.year[t]},${c.trade[t]},${c.dist[t]},${
            c.contig[t]
          },${c.lang[t]},${c.colony[t]},${Math.log(c.dist[t]) * (Number(l.year[t]) - 2010) / 10}`,
      );
    } else {
      const spec = PANELS[name];
      if (!spec) throw new Error(`unknown panel ${name} (${Object.keys(PANELS).join(", ")}, dots)`);
      const p = makeGravityPanel(spec.countries, spec.years, { zeroScale: spec.zeroScale });
      const c = p.columns, l = p.labels;
      await writeCsv(
        path,
        "exporter,importer,year,trade,dist,contig,rta",
        p.n,
        (t) =>
          `${l.exporter[t]},${l.importer[t]},${c.year[t]},${c.trade[t]},${c.dist[t]},${
            c.contig[t]
          },${c.rta[t]}`,
      );
    }
    console.log(`wrote ${path}`);
  }
}
