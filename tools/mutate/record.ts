/**
 * The committed record of a mutation run: one JSON file per target in tests/mutation/, holding the
 * score, the hash of the code that was mutated (so a later change to the code shows the score as
 * stale; a move or an import path that changes leaves it current) and every surviving mutant with the one-line reason it is equivalent (or an empty
 * reason while it is untriaged). `deno task mutate` writes the record after each run, carrying the
 * reasons over from the previous record for survivors that are still there (matched by mutator,
 * replacement and the source line's text, so moved lines keep their reasons); `deno task mutate
 * --table` writes the table and the list of equivalents into tests/README.md from the records.
 * @module
 */
import { codeHash } from "../code_hash.ts";

export { codeHash };

/** A mutant as Stryker's JSON report gives it. */
export interface MutantJson {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: {
    start: { line: number; column: number };
    end: { line: number; column: number };
  };
}

/** A surviving mutant in a record, with why it cannot be killed (empty: not triaged yet). */
export interface Survivor {
  line: number;
  column: number;
  mutator: string;
  replacement: string;
  /** The source line the mutant is on, trimmed (how a reason follows a moved line). */
  source: string;
  reason: string;
}

/** The committed result of mutating one file. */
export interface MutationRecord {
  file: string;
  /** `git hash-object` of the file when it was mutated. */
  blob: string;
  /**
   * {@link codeHash} of the file when it was mutated: the record stays current while the code
   * Stryker mutates (everything but import and re-export declarations and comments) is the same.
   */
  code: string;
  date: string;
  mutants: number;
  killed: number;
  timeouts: number;
  survived: number;
  noCoverage: number;
  errors: number;
  /** killed (timeouts included) / (killed + survived + no coverage), in percent. */
  score: number;
  /** Wall-clock minutes of the last full run (a --survivors rerun keeps the full run's time). */
  minutes: number;
  tests: string[];
  survivors: Survivor[];
}

/**
 * The line of each survivor in the file's current text: a record kept current across a move
 * (same {@link codeHash}) may have its lines shifted; each survivor goes to the line with its
 * source text nearest its recorded line (unchanged where the text is not found).
 *
 * @example
 * ```ts
 * relocate(record.survivors, await Deno.readTextFile(record.file));
 * ```
 */
export function relocate(survivors: Survivor[], text: string): Survivor[] {
  const lines = text.split("\n").map((l) => l.trim().slice(0, 160));
  return survivors.map((s) => {
    let best = -1;
    lines.forEach((l, i) => {
      if (l === s.source && (best < 0 || Math.abs(i + 1 - s.line) < Math.abs(best + 1 - s.line))) {
        best = i;
      }
    });
    return best < 0 ? s : { ...s, line: best + 1 };
  });
}

/** Score = killed (incl. timeouts) / (killed + survived + no coverage), as Stryker reports it. */
export function score(mutants: MutantJson[]) {
  const n = (s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
  const killed = n(["Killed", "Timeout"]);
  const survived = n(["Survived", "NoCoverage"]);
  const errors = n(["CompileError", "RuntimeError"]);
  const total = killed + survived;
  return {
    killed,
    survived,
    errors,
    total,
    score: total ? (100 * killed) / total : NaN,
  };
}

const survivorKey = (s: Pick<Survivor, "mutator" | "replacement" | "source">) =>
  `${s.mutator}|${s.replacement}|${s.source}`;

/**
 * Builds the record of one run from Stryker's mutants and the mutated file's text, keeping the
 * reasons of `previous` for survivors still present.
 */
export function buildRecord(
  args: {
    file: string;
    blob: string;
    code: string;
    date: string;
    minutes: number;
    tests: string[];
    mutants: MutantJson[];
    sourceText: string;
    previous?: MutationRecord | null;
  },
): MutationRecord {
  const lines = args.sourceText.split("\n");
  const reasons = new Map(
    (args.previous?.survivors ?? []).map((s) => [survivorKey(s), s.reason]),
  );
  const alive = args.mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage");
  const survivors = alive.map((m) => {
    const s = {
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      replacement: (m.replacement ?? "").slice(0, 120),
      source: (lines[m.location.start.line - 1] ?? "").trim().slice(0, 160),
    };
    return { ...s, reason: reasons.get(survivorKey(s)) ?? "" };
  }).sort((a, b) => a.line - b.line || a.column - b.column);
  const n = (st: string) => args.mutants.filter((m) => m.status === st).length;
  const s = score(args.mutants);
  return {
    file: args.file,
    blob: args.blob,
    code: args.code,
    date: args.date,
    mutants: args.mutants.length,
    killed: n("Killed"),
    timeouts: n("Timeout"),
    survived: n("Survived"),
    noCoverage: n("NoCoverage"),
    errors: s.errors,
    score: Math.round(s.score * 10) / 10,
    minutes: args.minutes,
    tests: args.tests,
    survivors,
  };
}

/** Markdown escaping for a table or list cell. */
const code = (s: string) => "`" + s.replaceAll("`", "'").replaceAll("|", "\\|") + "`";

/**
 * The markdown table and list of equivalent mutants for tests/README.md. `currentCode` maps each
 * file to its {@link codeHash} now; a record of other code is marked stale.
 */
export function recordsMarkdown(
  records: MutationRecord[],
  currentCode: Record<string, string>,
  missing: string[],
): string {
  const sorted = [...records].sort((a, b) => a.file.localeCompare(b.file));
  const out = [
    "| file | mutants | killed (timeouts) | survived | equivalent | untriaged | score | run time | current |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of sorted) {
    const eq = r.survivors.filter((s) => s.reason).length;
    const current = currentCode[r.file] === r.code ? "yes" : "**stale**";
    out.push(
      `| ${code(r.file)} | ${r.mutants} | ${r.killed + r.timeouts} (${r.timeouts}) | ` +
        `${r.survived + r.noCoverage} | ${eq} | ${r.survived + r.noCoverage - eq} | ` +
        `${r.score.toFixed(1)}% | ${r.minutes} min | ${current} |`,
    );
  }
  for (const f of missing) out.push(`| ${code(f)} | not run | | | | | | | |`);
  out.push("", "#### Surviving mutants judged equivalent (one line each)", "");
  for (const r of sorted) {
    if (r.survivors.length === 0) continue;
    out.push(`${code(r.file)}`, "");
    for (const s of r.survivors) {
      out.push(
        `- ${s.line}:${s.column} ${s.mutator} → ${code(s.replacement.replaceAll("\n", " "))}: ` +
          (s.reason || "**not triaged yet**"),
      );
    }
    out.push("");
  }
  return out.join("\n").trimEnd() + "\n";
}

/** Replaces the text between the two markers of `readme` with `body`. */
export function replaceBetween(readme: string, body: string): string {
  const start = "<!-- mutation-table:start -->";
  const end = "<!-- mutation-table:end -->";
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) {
    throw new Error(`tests/README.md: markers ${start} ... ${end} not found`);
  }
  return readme.slice(0, i + start.length) + "\n\n" + body + "\n" +
    readme.slice(j);
}
