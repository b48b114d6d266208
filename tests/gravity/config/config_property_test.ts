/**
 * Property tests (fast-check) of the config parsers (study config, import config, strict JSON):
 * random text, random JSON, and the shipped configs with one random edit (a value replaced by
 * any JSON, a key dropped, a key misspelt, a list entry repeated) give either a parsed config or
 * one InputError line naming the file, never a stack trace.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseImportConfig } from "../../../lib/data/import/config.ts";
import { parseStrictJson } from "../../../lib/data/read/strict_json.ts";
import { InputError } from "../../../lib/errors.ts";
import { parseStudyConfig } from "../../../lib/gravity/config/study.ts";

/** Runs per property x FC_SCALE (default 1: a few seconds in all; raise it to hunt). */
const SCALE = Number(Deno.env.get("FC_SCALE") ?? "1");
const STUDY = JSON.parse(await Deno.readTextFile("data/study.config.json"));
const IMPORT = JSON.parse(await Deno.readTextFile("data/import.config.json"));

function resultOrOneLine(file: string, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${(e as Error)?.stack}`);
    assert.ok(!/[\r\n]/.test(e.message), `more than one line: ${JSON.stringify(e.message)}`);
    assert.ok(e.message.startsWith(`${file}: `), e.message);
    return e;
  }
}

type Path = (string | number)[];

/** Every path to a value inside `v` (the root excluded). */
function paths(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...paths(x, [...at, i])]);
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
  }
  return [];
}

type Edit =
  | { kind: "replace"; value: unknown }
  | { kind: "delete" }
  | { kind: "misspell"; suffix: string }
  | { kind: "repeat" };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: "replace" as const, value })),
  fc.constant({ kind: "delete" as const }),
  fc.string({ unit: "binary", maxLength: 3 }).map((suffix) => ({
    kind: "misspell" as const,
    suffix,
  })),
  fc.constant({ kind: "repeat" as const }),
);

/** A copy of `config` with one edit at the path chosen by `pick`. */
function mutate(config: unknown, pick: number, e: Edit): unknown {
  const copy = structuredClone(config);
  const all = paths(copy);
  const path = all[pick % all.length];
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (e.kind === "replace") parent[last] = e.value;
  else if (e.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (e.kind === "misspell" && !Array.isArray(parent)) {
    parent[`${last}${e.suffix}`] = parent[last];
    delete parent[last];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
  return copy;
}

Deno.test("strict JSON: random text parses or is one line", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 80 }),
        fc.json({ maxDepth: 3 }),
        fc.json({ maxDepth: 2 }).map((j) => j.slice(0, Math.floor(j.length / 2))),
      ),
      (text) => {
        resultOrOneLine("s.json", () => parseStrictJson(text, "s.json"));
      },
    ),
    { numRuns: 400 * SCALE },
  );
});

Deno.test("study config: random JSON and one random edit of the shipped config", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), (raw) => {
      resultOrOneLine("s.json", () => parseStudyConfig(raw, "s.json"));
    }),
    { numRuns: 300 * SCALE },
  );
  fc.assert(
    fc.property(fc.nat(), edit, (pick, e) => {
      const raw = mutate(STUDY, pick, e);
      const r = resultOrOneLine("s.json", () => parseStudyConfig(raw, "s.json"));
      if (!(r instanceof InputError)) {
        // A whole config: its lists are complete and its partners distinct.
        const c = r as ReturnType<typeof parseStudyConfig>;
        assert.ok(c.terms.length > 0 && c.partners.length > 0);
        assert.equal(new Set(c.partners).size, c.partners.length);
      }
    }),
    { numRuns: 500 * SCALE },
  );
});

Deno.test("import config: random text, random JSON and one random edit", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.json({ maxDepth: 3 })),
      (text) => {
        resultOrOneLine("i.json", () => parseImportConfig(text, "i.json"));
      },
    ),
    { numRuns: 300 * SCALE },
  );
  fc.assert(
    fc.property(fc.nat(), edit, (pick, e) => {
      const text = JSON.stringify(mutate(IMPORT, pick, e));
      resultOrOneLine("i.json", () => parseImportConfig(text, "i.json"));
    }),
    { numRuns: 250 * SCALE },
  );
});
