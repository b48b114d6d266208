/**
 * The layout of lib/, read from the code's own imports (README "How the code is laid out"):
 * no import circle, every import pointing down the layers, compute never importing
 * presentation, nothing inside lib/ importing a mod.ts, and small folders, files and functions.
 */
import assert from "node:assert/strict";
import { importsOf } from "./imports.ts";
import "./root.ts";

/** Every .ts file under lib/, repository-relative. */
function libFiles(dir = "lib"): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...libFiles(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out.sort();
}

const FILES = libFiles();
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/**
 * The layers, bottom first: a file may import files of its own folder or of a lower layer only.
 * The longest matching prefix gives a file's layer; mod.ts files are the faces users import and
 * stand outside the layers.
 */
const LAYERS: string[][] = [
  ["lib/errors.ts"],
  ["lib/io/"],
  ["lib/data/read/"],
  ["lib/data/sources/"],
  ["lib/data/panel.ts", "lib/data/world.ts"],
  ["lib/data/import/"],
  ["lib/stats/"],
  ["lib/stats/linear/"],
  ["lib/stats/model/", "lib/stats/frontier/"],
  ["lib/ge/"],
  ["lib/report/"],
  ["lib/report/figures/"],
  ["lib/gravity/types.ts"],
  ["lib/gravity/config/"],
  ["lib/gravity/equation/"],
  ["lib/gravity/potential/"],
  ["lib/gravity/world/", "lib/gravity/forecast/"],
  ["lib/gravity/study/", "lib/gravity/synthetic/"],
  ["lib/gravity/render/sections/"],
  ["lib/gravity/render/"],
  ["lib/gravity/notebook.ts"],
  ["lib/cli/options/"],
  ["lib/cli/"],
];

/** Presentation: only these may import it (besides itself and the CLI). */
const PRESENTATION = ["lib/report/", "lib/gravity/render/", "lib/gravity/notebook.ts"];

function layerOf(file: string): number {
  let best = -1;
  let len = -1;
  LAYERS.forEach((prefixes, i) => {
    for (const p of prefixes) {
      const hit = p.endsWith("/") ? file.startsWith(p) : file === p;
      if (hit && p.length > len) [best, len] = [i, p.length];
    }
  });
  return best;
}

const dirOf = (f: string) => f.slice(0, f.lastIndexOf("/"));
const isMod = (f: string) => f.endsWith("/mod.ts");
const isPresentation = (f: string) => PRESENTATION.some((p) => f.startsWith(p));

Deno.test("architecture: every lib/ file is placed in a layer", () => {
  const unplaced = FILES.filter((f) => !isMod(f) && layerOf(f) < 0);
  assert.deepEqual(unplaced, [], "add the new folder to LAYERS (and to README's layout)");
});

Deno.test("architecture: every import points down the layers (or stays in its folder)", () => {
  const up: string[] = [];
  for (const [f, deps] of GRAPH) {
    if (isMod(f)) continue;
    for (const d of deps) {
      if (dirOf(d) === dirOf(f)) continue;
      if (!(layerOf(d) < layerOf(f))) up.push(`${f} -> ${d}`);
    }
  }
  assert.deepEqual(up, []);
});

Deno.test("architecture: no import circle anywhere in lib/", () => {
  // Tarjan's strongly connected components over the file graph
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!GRAPH.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) circles.push(scc.sort());
    }
  };
  for (const f of FILES) if (!idx.has(f)) visit(f);
  assert.deepEqual(circles, []);
});

Deno.test("architecture: compute never imports presentation; lib/ never imports a mod.ts", () => {
  const bad: string[] = [];
  for (const [f, deps] of GRAPH) {
    for (const d of deps) {
      if (isMod(d) && !isMod(f)) bad.push(`${f} -> ${d} (import the file, not the face)`);
      const computing = !isMod(f) && !isPresentation(f) && !f.startsWith("lib/cli/");
      if (computing && isPresentation(d)) bad.push(`${f} -> ${d} (compute -> presentation)`);
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("architecture: at most 14 code files a folder, 500 lines a file, 120 lines a function", () => {
  // a mod.ts holds no code (it re-exports its folder's files), so it is not counted
  const perDir = new Map<string, number>();
  for (const f of FILES) if (!isMod(f)) perDir.set(dirOf(f), (perDir.get(dirOf(f)) ?? 0) + 1);
  const crowded = [...perDir].filter(([, n]) => n > 14).map(([d, n]) => `${d}: ${n} files`);
  const long: string[] = [];
  const longFunctions: string[] = [];
  for (const f of FILES) {
    const lines = Deno.readTextFileSync(f).split("\n");
    if (lines.length - 1 > 500) long.push(`${f}: ${lines.length - 1} lines`);
    let start = -1;
    let name = "";
    lines.forEach((line, i) => {
      const m = line.match(/^(?:export\s+)?(?:async\s+)?function\*?\s+(\w+)/);
      if (m) [start, name] = [i, m[1]];
      else if (start >= 0 && line.startsWith("}")) {
        if (i - start + 1 > 120) longFunctions.push(`${f}:${start + 1} ${name} (${i - start + 1})`);
        start = -1;
      }
    });
  }
  assert.deepEqual({ crowded, long, longFunctions }, { crowded: [], long: [], longFunctions: [] });
});
