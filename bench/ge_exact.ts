/**
 * The exact GE solver timed in process (bench/ge_run.ts runs it against bench/ge_numpy.py).
 *
 *   deno run --allow-read --allow-write=out bench/ge_exact.ts gen     # writes out/bench/ge_*.csv
 *   deno run --allow-read bench/ge_exact.ts run FILE THETA [REPEATS]  # prints JSON on stdout
 *
 * `gen` writes two worlds with columns exporter, importer, trade, partial:
 * - ge_book2006.csv: the book's 2006 data (69 countries, ../shared/data/raw/gravity-teaching/
 *   agtpa/), partial = 2.47445 x INTL_BRDR (the book's printed border coefficient: borders
 *   removed), solved with theta = 6 (sigma = 7);
 * - ge_world200.csv: a synthetic world of 200 countries from the structural model (sizes over
 *   four orders of magnitude, symmetric costs, resistances solved, noise and 10% zero flows), a
 *   cost cut (partial 0.3) on a random 10% of pairs, theta = 4; seeded, identical every run.
 * `run` reads a file, solves it REPEATS times (default 30) and reports the first (cold: the JIT
 * compiles as it goes), the fastest (least disturbed by other load) and the median solve time
 * (reading excluded), the iterations and every country's welfare (for the agreement check).
 * @module
 */
import { readNumericColumns } from "../lib/data/read/numeric_csv.ts";
import { exactEquilibrium } from "../lib/ge/equilibrium.ts";
import { pairMatrix } from "../lib/ge/matrix.ts";

const AGTPA = new URL("../../shared/data/raw/gravity-teaching/agtpa/", import.meta.url).pathname;

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function gen() {
  Deno.mkdirSync("out/bench", { recursive: true });
  const d = await readNumericColumns(AGTPA + "Chapter2Application2.csv", ["year", "trade"], [
    "exporter",
    "importer",
  ]);
  const book = ["exporter,importer,trade,partial"];
  for (let i = 0; i < d.n; i++) {
    if (d.columns.year[i] !== 2006) continue;
    const ex = d.strings.exporter[i], im = d.strings.importer[i];
    book.push(`${ex},${im},${d.columns.trade[i]},${ex === im ? 0 : 2.47445}`);
  }
  Deno.writeTextFileSync("out/bench/ge_book2006.csv", book.join("\n") + "\n");
  const N = 200, rnd = mulberry32(20260520);
  const s = Array.from({ length: N }, () => 10 ** (4 * rnd()));
  const t = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    t[i * N + i] = 1;
    for (let j = i + 1; j < N; j++) t[i * N + j] = t[j * N + i] = 10 ** -(1 + 2 * rnd());
  }
  let pi = new Float64Array(N).fill(1);
  for (let k = 0; k < 300; k++) {
    pi = pi.map((p, i) => {
      let a = 0;
      for (let j = 0; j < N; j++) a += (t[i * N + j] * s[j]) / pi[j];
      return Math.sqrt(p * a);
    });
  }
  const name = (k: number) => `C${String(k).padStart(3, "0")}`;
  const world = ["exporter,importer,trade,partial"];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const ring = Math.abs(i - j) === 1 || Math.abs(i - j) === N - 1;
      let x = ((s[i] * s[j] * t[i * N + j]) / (pi[i] * pi[j])) * 10 ** ((rnd() - 0.5) / 2);
      if (i !== j && !ring && rnd() < 0.1) x = 0;
      const partial = i !== j && rnd() < 0.1 ? 0.3 : 0;
      world.push(`${name(i)},${name(j)},${x},${partial}`);
    }
  }
  Deno.writeTextFileSync("out/bench/ge_world200.csv", world.join("\n") + "\n");
  console.error("wrote out/bench/ge_book2006.csv, out/bench/ge_world200.csv");
}

async function run(file: string, theta: number, repeats: number) {
  const d = await readNumericColumns(file, ["trade", "partial"], ["exporter", "importer"]);
  const m = pairMatrix(
    { file, exporter: d.strings.exporter, importer: d.strings.importer, columns: d.columns },
    { flow: "trade", values: ["partial"] },
  );
  const world = { countries: m.countries, flows: m.flows };
  const times: number[] = [];
  let eq;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    eq = exactEquilibrium(world, m.values.partial, { theta });
    times.push((performance.now() - t0) / 1000);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  const P = eq!.phi.map((v) => v ** (-1 / theta));
  const Y = eq!.output, E = eq!.expenditure;
  console.log(JSON.stringify({
    countries: m.countries.length,
    first,
    best: times[0],
    seconds: times[Math.floor(times.length / 2)],
    sweeps: eq!.sweeps,
    newton: eq!.newtonSteps,
    converged: eq!.converged,
    welfare: Array.from(eq!.newExpenditure, (e, i) => e / E[i] / P[i]),
    output: Array.from(Y),
  }));
}

const [mode, file, theta, repeats] = Deno.args;
if (mode === "gen") await gen();
else if (mode === "run") await run(file, Number(theta), Number(repeats ?? 30));
else console.error("usage: ge_exact.ts gen | run FILE THETA [REPEATS]");
