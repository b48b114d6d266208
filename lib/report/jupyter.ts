/**
 * Display helpers for notebooks on the Deno Jupyter kernel. `Deno.jupyter` exists only inside
 * the kernel: every helper here checks for it, so library code that uses them still runs (and
 * returns plain strings, or does nothing) under `deno run` and `deno test`.
 * @module
 */

import { escapeXml } from "./escape.ts";
import { formatTable, type TableSpec } from "./table.ts";

/** A MIME bundle, e.g. `{ "text/html": "<b>hi</b>" }`. */
export type MimeBundle = Record<string, string>;

/** The symbol Deno's kernel looks up to render an object (`Deno.jupyter.$display`). */
export const DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** An object the Deno kernel renders with its own MIME bundle. */
export interface Displayable {
  [DISPLAY](): MimeBundle;
}

interface JupyterApi {
  $display: symbol;
  display(obj: unknown, options?: { raw?: boolean }): Promise<void>;
}

/**
 * The kernel's `Deno.jupyter` namespace, or undefined outside the kernel.
 *
 * @example
 * ```ts
 * if (jupyterApi()) console.log("running in a notebook");
 * ```
 */
export function jupyterApi(): JupyterApi | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: JupyterApi } }).Deno;
  try {
    // Outside `deno jupyter` the getter exists but throws.
    return deno?.jupyter;
  } catch {
    return undefined;
  }
}

/** True inside the Deno Jupyter kernel. */
export function inJupyter(): boolean {
  return jupyterApi() !== undefined;
}

function bundle(mime: MimeBundle, fallback: string): Displayable | string {
  const api = jupyterApi();
  if (!api) return fallback;
  return { [api.$display]: () => mime } as unknown as Displayable;
}

/**
 * HTML to show in a notebook: the last expression of a cell renders it. Outside the kernel,
 * returns the string itself.
 *
 * @example
 * ```ts
 * html("<b>Table 2</b>");
 * ```
 */
export function html(s: string): Displayable | string {
  return bundle({ "text/html": s }, s);
}

/**
 * An SVG figure to show in a notebook (MIME `image/svg+xml`). Outside the kernel, returns the
 * string itself.
 *
 * @example
 * ```ts
 * import { screePlot } from "./figures/pca.ts";
 * svg(screePlot([2.1, 0.6, 0.3]));
 * ```
 */
export function svg(s: string): Displayable | string {
  return bundle({ "image/svg+xml": s }, s);
}

/**
 * A notebook's closing "What we found" block: the heading and one bullet per sentence (plain
 * text, escaped). The sentences are built from the notebook's results, never typed.
 *
 * @example
 * ```ts
 * whatWeFound([`N = ${fit.n}, R2 = ${fit.r2.toFixed(3)}.`]);
 * ```
 */
export function whatWeFound(sentences: string[]): Displayable | string {
  const items = sentences.map((s) => `<li>${escapeXml(s)}</li>`).join("\n");
  return html(`<h3>What we found</h3>\n<ul>\n${items}\n</ul>`);
}

/**
 * A table rendered as HTML (via `formatTable(spec, "html")`).
 *
 * @example
 * ```ts
 * showTable({ columns: [{ key: "k" }], rows: [{ k: 0.93 }] });
 * ```
 */
export function showTable(spec: TableSpec): Displayable | string {
  return html(formatTable(spec, "html"));
}

/**
 * Display each item now (several outputs from one cell). Items made by {@link html}, {@link svg}
 * and {@link showTable}, or any object with a display method; plain strings are shown as text.
 * Outside the kernel this does nothing. Prefer `await show(...)` to ending a cell with a display
 * value: the pause it ends with keeps a headless run from losing the last output.
 *
 * @example
 * ```ts
 * await show(html("<p>one</p>"), svg("<svg xmlns='http://www.w3.org/2000/svg'/>"));
 * ```
 */
export async function show(...items: unknown[]): Promise<void> {
  const api = jupyterApi();
  if (!api) return;
  for (const item of items) {
    if (typeof item === "string") await api.display({ "text/plain": item }, { raw: true });
    else await api.display(item);
  }
  // The Deno kernel can report "idle" before the last display message is on the wire; a
  // headless client (nbclient) then stops collecting and the output is lost. A short pause
  // after displaying lets it go out first (seen dropping 1-2 outputs per run without it).
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Attach a (non-enumerable) `[Deno.jupyter.$display]()` method so that a plain result object
 * renders as HTML in a notebook; JSON output and property access are unchanged. Returns the same
 * object.
 *
 * @example
 * ```ts
 * const fit = displayable({ r2: 0.93 }, (f) => `<p>R² = ${f.r2}</p>`);
 * JSON.stringify(fit); // '{"r2":0.93}'
 * ```
 */
export function displayable<T extends object>(obj: T, toHtml: (obj: T) => string): T {
  Object.defineProperty(obj, jupyterApi()?.$display ?? DISPLAY, {
    value: () => ({ "text/html": toHtml(obj) }),
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return obj;
}
