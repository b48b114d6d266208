/**
 * Render notebooks to self-contained HTML pages that need no network: execute each on the Deno
 * kernel with nbconvert's HTML export through our template (notebooks/nbconvert/offline.html.j2:
 * no MathJax or require.js script, SVG figures kept whole), then typeset the math with KaTeX
 * (notebooks/math.ts). `deno task report` and the browser test (tests/browser/) both use it.
 * @module
 */
import { executeNotebook, type ExecutionResult } from "./harness.ts";
import { offlineMath } from "./math.ts";

/** The nbconvert template of the rendered pages. */
export const OFFLINE_TEMPLATE = new URL("./nbconvert/offline.html.j2", import.meta.url).pathname;

/** Options of {@link renderNotebook}. */
export interface RenderOptions {
  /** Output directory of the HTML pages (default "out/notebooks"). */
  outDir?: string;
  /** Seconds per cell (default 120). */
  timeout?: number;
}

/**
 * Execute one notebook and write its offline HTML page (`<outDir>/<name>.html`). A failed
 * execution or a TeX error is returned as `ok: false` with the reason, never thrown.
 *
 * @example
 * ```ts
 * const r = await renderNotebook("notebooks/01-data.ipynb");
 * if (!r.ok) console.error(r.error);
 * ```
 */
export async function renderNotebook(
  path: string,
  options: RenderOptions = {},
): Promise<ExecutionResult> {
  const r = await executeNotebook(path, {
    outDir: options.outDir ?? "out/notebooks",
    to: "html",
    templateFile: OFFLINE_TEMPLATE,
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  if (!r.ok) return r;
  try {
    await Deno.writeTextFile(r.output, offlineMath(await Deno.readTextFile(r.output)));
    return r;
  } catch (e) {
    return { ...r, ok: false, error: `${path}: ${(e as Error).message}` };
  }
}

/**
 * Render several notebooks, `concurrency` at a time (default 2), results in input order.
 *
 * @example
 * ```ts
 * const results = await renderNotebooks(listNotebooks("notebooks"), { outDir: "out/notebooks" });
 * ```
 */
export async function renderNotebooks(
  paths: string[],
  options: RenderOptions & { concurrency?: number; onDone?: (r: ExecutionResult) => void } = {},
): Promise<ExecutionResult[]> {
  const results: ExecutionResult[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await renderNotebook(paths[i], options);
      options.onDone?.(results[i]);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 2, paths.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
