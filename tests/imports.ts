/**
 * The lib/ files a computation's code reaches: the relative imports (static, re-export and
 * dynamic; comments ignored) followed from entry files, read from the source text. The layout test
 * (architecture_test.ts) reads the import graph with it, and the cache keys' source lists
 * (STRUCTURAL_SOURCES, COUNTERFACTUAL_SOURCES) are checked against it.
 */
import { ROOT } from "./root.ts";

/** Resolve a relative specifier against the importing file (repository-relative result). */
function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const s of spec.split("/")) {
    if (s === "..") parts.pop();
    else if (s !== ".") parts.push(s);
  }
  return parts.join("/");
}

/**
 * The repository-relative files a file imports with relative specifiers.
 *
 * @example
 * ```ts
 * importsOf("lib/stats/model/fit.ts"); // ["lib/errors.ts", ...]
 * ```
 */
export function importsOf(file: string): string[] {
  const code = Deno.readTextFileSync(file)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  const specs = [
    ...code.matchAll(/^(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specs.filter((s) => s.startsWith(".")).map((s) => resolve(file, s));
}

/**
 * Every file reached from the entries (themselves included), repository-relative, sorted.
 *
 * @example
 * ```ts
 * importClosure(["lib/stats/model/fit.ts"]); // [..., "lib/stats/model/fit.ts", ...]
 * ```
 */
export function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...importsOf(f));
  }
  return [...seen].sort();
}

/**
 * Absolute paths as repository-relative ones (the source lists hold absolute paths).
 *
 * @example
 * ```ts
 * relativeToRoot([`${ROOT}lib/x.ts`]); // ["lib/x.ts"]
 * ```
 */
export function relativeToRoot(paths: string[]): string[] {
  return paths.map((p) => (p.startsWith(ROOT) ? p.slice(ROOT.length) : p));
}
