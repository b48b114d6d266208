/**
 * Time loading the world bilateral panel (data/world-trade.csv.gz) with loadWorldPanel().
 * Run: deno run --allow-read bench/world_load.ts
 */
import { loadWorldPanel } from "../lib/data/world.ts";

const times: number[] = [];
let n = 0;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  n = (await loadWorldPanel()).n;
  times.push(performance.now() - t);
}
console.log(
  `loadWorldPanel: ${n} rows; ${times.map((t) => (t / 1000).toFixed(2)).join(", ")} s (3 runs)`,
);
