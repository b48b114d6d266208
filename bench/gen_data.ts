/**
 * Fixed-seed benchmark data: `fit_<rows>.csv` (y,x1..x8 from a known linear model plus noise) and
 * `pca_1m.csv` (12 correlated columns from 3 latent factors), written to out/bench/.
 *
 *   deno run --allow-write=out bench/gen_data.ts [100k 500k 1m pca]
 *
 * Existing files are kept (delete them to regenerate). Values are written with 6 decimals.
 * @module
 */
import { boxMullerPairs, mulberry32 } from "../lib/stats/random.ts";

/** True coefficients of the fit data: intercept, then x1..x8. */
export const TRUE_BETA = [1.5, 0.5, -1.25, 2, 0.75, -0.3, 1.1, -2.4, 0.05];

const SIZES: Record<string, number> = { "100k": 100_000, "500k": 500_000, "1m": 1_000_000 };

/**
 * A seeded standard-normal generator: mulberry32 uniforms in (0, 1), Box-Muller using both
 * numbers of each pair (lib/stats/random.ts).
 *
 * @example
 * ```ts
 * const z = normals(42); z(); // same value on every run
 * ```
 */
export function normals(seed: number): () => number {
  return boxMullerPairs(mulberry32(seed, { open: true }));
}

async function writeRows(
  path: string,
  header: string[],
  rows: number,
  row: (out: number[]) => void,
): Promise<void> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const enc = new TextEncoder();
  const vals = new Array<number>(header.length).fill(0);
  let buf = header.join(",") + "\n";
  for (let i = 0; i < rows; i++) {
    row(vals);
    buf += vals.map((v) => v.toFixed(6)).join(",") + "\n";
    if (buf.length > 1 << 20) {
      const bytes = enc.encode(buf);
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
      buf = "";
    }
  }
  const bytes = enc.encode(buf);
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
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
  const which = Deno.args.length ? Deno.args : ["100k", "500k", "1m", "pca"];
  await Deno.mkdir("out/bench", { recursive: true });
  for (const w of which) {
    const path = w === "pca" ? "out/bench/pca_1m.csv" : `out/bench/fit_${w}.csv`;
    if (await exists(path)) {
      console.log(`${path} exists`);
      continue;
    }
    if (w === "pca") {
      const z = normals(2024);
      const load = Array.from(
        { length: 12 },
        (_, j) => [j % 3 === 0 ? 1 : 0.5, (j % 4) / 3, j / 12],
      );
      await writeRows(path, Array.from({ length: 12 }, (_, j) => `p${j + 1}`), 1_000_000, (o) => {
        const f = [z(), z(), z()];
        for (let j = 0; j < 12; j++) {
          o[j] = 10 + load[j][0] * f[0] + load[j][1] * f[1] + load[j][2] * f[2] + 0.5 * z();
        }
      });
    } else {
      const n = SIZES[w];
      if (!n) throw new Error(`unknown size ${w} (use 100k, 500k, 1m or pca)`);
      const z = normals(n);
      const header = ["y", ...Array.from({ length: 8 }, (_, j) => `x${j + 1}`)];
      await writeRows(path, header, n, (o) => {
        let y = TRUE_BETA[0];
        for (let j = 1; j <= 8; j++) {
          o[j] = Math.round((j + z() * j) * 1e6) / 1e6;
          y += TRUE_BETA[j] * o[j];
        }
        o[0] = y + z();
      });
    }
    console.log(`wrote ${path}`);
  }
}
