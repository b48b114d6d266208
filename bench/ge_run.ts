/**
 * The GE benchmark: exact GE (lib/ge/equilibrium.ts, via bench/ge_exact.ts) against the same
 * algorithm in numpy (bench/ge_numpy.py), alternating the two under `/usr/bin/time -v`, median of
 * the pairs: in-process solve times (reading excluded; per process 30 solves: the first, cold for
 * deno's JIT, the fastest, least disturbed by other load on a shared machine, and the median),
 * whole-process wall time (read, 30 solves, write) and peak RSS, and the largest welfare
 * difference between the two.
 *
 *   deno run --allow-read --allow-write=out bench/ge_exact.ts gen
 *   deno run --allow-read --allow-run=/usr/bin/time bench/ge_run.ts [--pairs 3]
 *
 * Targets (issue 20): the 69-country book data under 0.2 s, a 200-country world under 2 s.
 * @module
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({
  args: Deno.args,
  options: { pairs: { type: "string", default: "3" } },
});
const pairs = Number(values.pairs);

interface Run {
  wall: number;
  rss: number;
  out: {
    countries: number;
    first: number;
    best: number;
    seconds: number;
    sweeps: number;
    newton: number;
    welfare: number[];
  };
}

async function timed(cmd: string[]): Promise<Run> {
  const o = await new Deno.Command("/usr/bin/time", {
    args: ["-v", ...cmd],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const err = new TextDecoder().decode(o.stderr);
  if (!o.success) throw new Error(`${cmd.join(" ")} failed:\n${err.slice(-1500)}`);
  const wall = err.match(
    /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/,
  )!;
  const rss = err.match(/Maximum resident set size \(kbytes\): (\d+)/)!;
  return {
    wall: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    rss: Number(rss[1]) / 1024,
    out: JSON.parse(new TextDecoder().decode(o.stdout)),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases = [
  { label: "book 2006, 69 countries", file: "out/bench/ge_book2006.csv", theta: "6", target: 0.2 },
  { label: "synthetic, 200 countries", file: "out/bench/ge_world200.csv", theta: "4", target: 2 },
];
const lines = [
  "| case | deno first / fastest / median ms | numpy first / fastest / median ms | ratio fastest | ratio median | deno process s | python process s | deno RSS MiB | python RSS MiB | target (first solve) | agreement |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
];
const ms = (r: Run[], k: "first" | "best" | "seconds") => median(r.map((x) => x.out[k])) * 1000;
for (const c of cases) {
  const deno = ["deno", "run", "--allow-read", "bench/ge_exact.ts", "run", c.file, c.theta, "30"];
  const py = ["/usr/bin/python3", "bench/ge_numpy.py", c.file, c.theta, "30"];
  await timed(deno); // warm-up (module cache), not counted
  const d: Run[] = [], p: Run[] = [];
  for (let k = 0; k < pairs; k++) {
    d.push(await timed(deno));
    p.push(await timed(py));
  }
  const gap = Math.max(...d[0].out.welfare.map((w, i) => Math.abs(w - p[0].out.welfare[i])));
  const f = (v: number) => v.toFixed(1);
  const cold = ms(d, "first") / 1000;
  lines.push(
    `| ${c.label} (${d[0].out.sweeps} sweeps + ${d[0].out.newton} Newton) | ` +
      `${f(ms(d, "first"))} / ${f(ms(d, "best"))} / ${f(ms(d, "seconds"))} | ` +
      `${f(ms(p, "first"))} / ${f(ms(p, "best"))} / ${f(ms(p, "seconds"))} | ` +
      `**${(ms(d, "best") / ms(p, "best")).toFixed(2)}** | ${
        (ms(d, "seconds") / ms(p, "seconds")).toFixed(2)
      } | ` +
      `${median(d.map((r) => r.wall)).toFixed(2)} | ${median(p.map((r) => r.wall)).toFixed(2)} | ` +
      `${median(d.map((r) => r.rss)).toFixed(0)} | ${median(p.map((r) => r.rss)).toFixed(0)} | ` +
      `< ${c.target} s: ${cold < c.target ? "met" : "MISSED"} (${cold.toFixed(3)} s) | welfare ${
        gap.toExponential(1)
      } |`,
  );
}
console.log(lines.join("\n"));
