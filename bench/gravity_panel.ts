/**
 * A synthetic world gravity panel of the DOTS shape (every exporter x importer x year, with
 * zeros), for the PPML benchmarks until the real world panel is used: exporter-year and
 * importer-year effects, ln distance, contiguity and an RTA dummy; y = mu x lognormal noise,
 * zero with probability rising as mu falls (about a quarter of the flows).
 *
 *   deno run --allow-write=out bench/gravity_panel.ts COUNTRIES YEARS out/bench/gravity_C.csv
 * @module
 */

/** Columns of the panel (as readNumericColumns would return them). */
export interface GravityPanel {
  columns: Record<string, Float64Array>;
  labels: Record<string, string[]>;
  n: number;
}

/**
 * The panel: `countries` x (countries - 1) x `years` rows, fixed seed.
 *
 * @example
 * ```ts
 * makeGravityPanel(10, 3).n; // 270
 * ```
 */
export function makeGravityPanel(countries: number, years: number, seed = 1): GravityPanel {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-300)) * Math.cos(2 * Math.PI * rnd());
  const C = countries, n = C * (C - 1) * years;
  const px = Array.from({ length: C }, () => rnd() * 100),
    py = Array.from({ length: C }, () => rnd() * 60);
  const ex = Array.from({ length: C * years }, () => 2 * gauss());
  const im = Array.from({ length: C * years }, () => 2 * gauss());
  const cols = ["trade", "dist", "contig", "rta", "year"].map(() => new Float64Array(n));
  const [trade, dist, contig, rta, year] = cols;
  const exporter: string[] = new Array(n), importer: string[] = new Array(n);
  let t = 0;
  for (let y = 0; y < years; y++) {
    for (let i = 0; i < C; i++) {
      for (let j = 0; j < C; j++) {
        if (i === j) continue;
        const d = Math.hypot(px[i] - px[j], py[i] - py[j]) * 100 + 100;
        const c = d < 1500 ? 1 : 0;
        const r = ((i * 7 + j * 7) % 5 === 0 && y > years / 3) ? 1 : 0;
        const eta = 12 + ex[i * years + y] + im[j * years + y] - 1.0 * Math.log(d) + 0.5 * c +
          0.4 * r;
        const mu = Math.exp(eta);
        const zero = rnd() < 1 / (1 + mu / 20);
        trade[t] = zero ? 0 : mu * Math.exp(0.8 * gauss() - 0.32);
        dist[t] = d;
        contig[t] = c;
        rta[t] = r;
        year[t] = 2000 + y;
        exporter[t] = `C${i}`;
        importer[t] = `C${j}`;
        t++;
      }
    }
  }
  return {
    columns: { trade, dist, contig, rta, year },
    labels: { exporter, importer },
    n,
  };
}

if (import.meta.main) {
  const [c, y, out] = Deno.args;
  const p = makeGravityPanel(Number(c), Number(y));
  const lines = ["exporter,importer,year,trade,dist,contig,rta"];
  for (let t = 0; t < p.n; t++) {
    const k = p.columns;
    lines.push(
      `${p.labels.exporter[t]},${p.labels.importer[t]},${k.year[t]},${k.trade[t]},${k.dist[t]},${
        k.contig[t]
      },${k.rta[t]}`,
    );
  }
  Deno.writeTextFileSync(out, lines.join("\n") + "\n");
}
