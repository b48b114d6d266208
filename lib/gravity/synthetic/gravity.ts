/**
 * A synthetic world gravity panel of the DOTS shape (every exporter x importer x year, with
 * zeros), with KNOWN coefficients: for the PPML benchmarks and notebook 06 until the real world
 * panel is used. Exporter-year and importer-year effects (multilateral resistance), ln distance
 * (elasticity -1), contiguity (0.5) and an RTA dummy (0.4); y = mu x eta with E[eta] = 1, zero
 * with a probability that rises as mu falls (about 40% of the flows). With `heteroskedastic`,
 * Var(ln eta) grows with distance, so E[ln eta | x] depends on x: the case where log-OLS is biased
 * and PPML is not (Santos Silva and Tenreyro 2006).
 *
 *   deno run --allow-write=out lib/gravity/synthetic/gravity.ts COUNTRIES YEARS out/bench/gravity_C.csv [ZERO_SCALE]
 * @module
 */

/** Columns of the panel (as readNumericColumns would return them). */
export interface SyntheticGravityPanel {
  columns: Record<string, Float64Array>;
  labels: Record<string, string[]>;
  n: number;
}

/** Options of {@link makeGravityPanel}. */
export interface GravityPanelOptions {
  seed?: number;
  /** Var(ln eta) rising with distance (default false: constant 0.64). */
  heteroskedastic?: boolean;
  /**
   * Multilateral resistance correlated with geography (default 0): each exporter-year and
   * importer-year effect gets this times the country's mean ln distance to the others, so remote
   * countries trade more with each partner, as structural gravity implies; a regression without
   * the fixed effects then mistakes part of the distance effect.
   */
  resistance?: number;
  /**
   * A flow is zero with probability 1 / (1 + mu / zeroScale) (default 20: about 40% zeros;
   * larger values give sparser panels, e.g. 300 about 60% and 3000 about 80% on 200 countries).
   */
  zeroScale?: number;
}

/** The true coefficients of the synthetic panel. */
export const GRAVITY_TRUTH = { "ln(dist)": -1, contig: 0.5, rta: 0.4 };

/**
 * The panel: `countries` x (countries - 1) x `years` rows, fixed seed.
 *
 * @example
 * ```ts
 * makeGravityPanel(10, 3).n; // 270
 * ```
 */
export function makeGravityPanel(
  countries: number,
  years: number,
  options: GravityPanelOptions | number = {},
): SyntheticGravityPanel {
  const o = typeof options === "number" ? { seed: options } : options;
  const seed = o.seed ?? 1;
  const zeroScale = o.zeroScale ?? 20;
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-300)) * Math.cos(2 * Math.PI * rnd());
  const C = countries, n = C * (C - 1) * years;
  const px = Array.from({ length: C }, () => rnd() * 100),
    py = Array.from({ length: C }, () => rnd() * 60);
  const ex = Array.from({ length: C * years }, () => 2 * gauss());
  const im = Array.from({ length: C * years }, () => 2 * gauss());
  const km = (i: number, j: number) => Math.hypot(px[i] - px[j], py[i] - py[j]) * 100 + 100;
  if (o.resistance) {
    for (let i = 0; i < C; i++) {
      let m = 0;
      for (let j = 0; j < C; j++) if (j !== i) m += Math.log(km(i, j)) / (C - 1);
      for (let y = 0; y < years; y++) {
        ex[i * years + y] += o.resistance * (m - 8);
        im[i * years + y] += o.resistance * (m - 8);
      }
    }
  }
  const cols = ["trade", "dist", "contig", "rta", "year"].map(() => new Float64Array(n));
  const [trade, dist, contig, rta, year] = cols;
  const exporter: string[] = new Array(n), importer: string[] = new Array(n);
  let t = 0;
  for (let y = 0; y < years; y++) {
    for (let i = 0; i < C; i++) {
      for (let j = 0; j < C; j++) {
        if (i === j) continue;
        const d = km(i, j);
        const c = d < 1500 ? 1 : 0;
        const r = ((i * 7 + j * 7) % 5 === 0 && y > years / 3) ? 1 : 0;
        const eta = 12 + ex[i * years + y] + im[j * years + y] - 1.0 * Math.log(d) + 0.5 * c +
          0.4 * r;
        const mu = Math.exp(eta);
        const zero = rnd() < 1 / (1 + mu / zeroScale);
        // ln eta ~ N(-s^2/2, s^2): E[eta] = 1; s grows with distance when heteroskedastic
        const sd = o.heteroskedastic ? 0.4 + 0.8 * Math.min(d / 10000, 1) : 0.8;
        trade[t] = zero ? 0 : mu * Math.exp(sd * gauss() - sd * sd / 2);
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
  const [c, y, out, zeroScale] = Deno.args;
  const p = makeGravityPanel(Number(c), Number(y), { zeroScale: Number(zeroScale ?? 20) });
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
