/**
 * Whole-process timing for the benchmarks: a command run under `/usr/bin/time -v`, its wall time
 * and peak resident memory read from the report, and the median of repeated runs.
 * @module
 */

/** One run: wall seconds, user CPU seconds, peak RSS in MiB and what it printed. */
export interface Run {
  seconds: number;
  userSeconds: number;
  rssMiB: number;
  stdout: string;
}

/**
 * Run a command under `/usr/bin/time -v` (a failure throws with the end of its stderr).
 *
 * @example
 * ```ts
 * const r = await timed(["/usr/bin/python3", "-c", "print(1)"]); // { seconds, rssMiB, ... }
 * ```
 */
export async function timed(cmd: string[], env: Record<string, string> = {}): Promise<Run> {
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-v", ...cmd],
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed:\n${err.slice(-2000)}`);
  const wall = err.match(
    /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/,
  );
  const rss = err.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = err.match(/User time \(seconds\): ([\d.]+)/);
  if (!wall || !rss) throw new Error(`cannot read /usr/bin/time -v output:\n${err.slice(-1000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return {
    seconds,
    userSeconds: user ? Number(user[1]) : NaN,
    rssMiB: Number(rss[1]) / 1024,
    stdout: new TextDecoder().decode(out.stdout),
  };
}

/**
 * The median of a list of numbers.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
