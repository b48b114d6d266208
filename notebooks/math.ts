/**
 * Math for the rendered notebooks, at build time: the TeX in the HTML of markdown cells
 * (`$...$` inline, `$$...$$` display) becomes KaTeX HTML, and KaTeX's stylesheet is inlined with
 * its fonts as data: URIs, so out/notebooks/*.html show typeset math without network or scripts.
 * @module
 */
import katex from "katex";

/** A TeX expression KaTeX could not parse, with the notebook context in the message. */
export class MathError extends Error {
  override name = "MathError";
}

const unescapeHtml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#0?39;/g, "'")
    .replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

// Display math first ($$...$$, may span lines), then inline math ($...$ on one line, not
// opened by a space or closed before a digit, as Pandoc and MathJax read it), \$ is a dollar.
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$])\$(?![\s$])((?:\\\$|[^$\n])+?)(?<![\s\\])\$(?!\d)/g;

/**
 * Typeset the `$...$` and `$$...$$` of one piece of markdown HTML with KaTeX, leaving `<code>`
 * and `<pre>` alone. A TeX error throws a {@link MathError} quoting the expression.
 *
 * @example
 * ```ts
 * typesetHtml("<p>$K \\le 0.8$</p>"); // '<p><span class="katex">...</span></p>'
 * ```
 */
export function typesetHtml(html: string): string {
  // Split off code spans and blocks and every tag (attributes such as a heading's anchor href
  // keep their TeX): odd pieces are kept verbatim.
  const pieces = html.split(/(<pre[\s>][\s\S]*?<\/pre>|<code[\s>][\s\S]*?<\/code>|<[^>]*>)/);
  return pieces.map((piece, i) =>
    i % 2 ? piece : piece.replace(MATH, (whole, display?: string, inline?: string) => {
      const tex = unescapeHtml((display ?? inline ?? "").trim());
      try {
        return katex.renderToString(tex, {
          displayMode: display !== undefined,
          throwOnError: true,
          output: "htmlAndMathml",
        });
      } catch (e) {
        throw new MathError(`cannot typeset ${whole.slice(0, 80)}: ${(e as Error).message}`);
      }
    })
  ).join("");
}

const MARKDOWN_OPEN = /<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>/g;

/**
 * Typeset the math of every markdown cell (and markdown output) in an nbconvert "lab" HTML
 * page. Only the inside of `jp-RenderedMarkdown` elements is touched, so code and outputs that
 * happen to contain dollars are not.
 *
 * @example
 * ```ts
 * typesetNotebookHtml(await Deno.readTextFile("out/notebooks/01-data.html"));
 * ```
 */
export function typesetNotebookHtml(page: string): string {
  let out = "";
  let at = 0;
  for (const m of page.matchAll(MARKDOWN_OPEN)) {
    const start = m.index! + m[0].length;
    if (start <= at) continue;
    const end = closingDiv(page, start);
    out += page.slice(at, start) + typesetHtml(page.slice(start, end));
    at = end;
  }
  return out + page.slice(at);
}

/** Index of the `</div>` that closes a `<div>` whose content starts at `from`. */
function closingDiv(page: string, from: number): number {
  const tag = /<div[\s>]|<\/div>/g;
  tag.lastIndex = from;
  let depth = 1;
  for (let m = tag.exec(page); m; m = tag.exec(page)) {
    depth += m[0] === "</div>" ? -1 : 1;
    if (depth === 0) return m.index;
  }
  return page.length;
}

/** The directory of the installed KaTeX package's dist/ (katex.min.css and fonts/). */
function katexDist(): string {
  return new URL(".", import.meta.resolve("katex")).pathname;
}

let cssCache: string | undefined;

/**
 * KaTeX's stylesheet with every font inlined as a woff2 data: URI (the woff/ttf fallbacks are
 * dropped: every browser that runs the pages reads woff2).
 *
 * @example
 * ```ts
 * const style = `<style>${katexCss()}</style>`;
 * ```
 */
export function katexCss(): string {
  if (cssCache) return cssCache;
  const dist = katexDist();
  const css = Deno.readTextFileSync(`${dist}katex.min.css`);
  cssCache = css.replace(
    /src:url\((fonts\/[\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[\w]+"\))*/g,
    (_, file: string) => {
      const bytes = Deno.readFileSync(`${dist}${file}.woff2`);
      return `src:url(data:font/woff2;base64,${base64(bytes)}) format("woff2")`;
    },
  );
  if (/url\((?!data:)/.test(cssCache)) {
    throw new Error("katexCss: a font of katex.min.css was not inlined (new KaTeX layout?)");
  }
  return cssCache;
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * An nbconvert HTML page made offline: math typeset with KaTeX and KaTeX's CSS (fonts inlined)
 * added to the head. Pages without math get no stylesheet.
 *
 * @example
 * ```ts
 * const page = offlineMath(await Deno.readTextFile("out/notebooks/01-data.html"));
 * ```
 */
export function offlineMath(page: string): string {
  const typeset = typesetNotebookHtml(page);
  if (!typeset.includes('class="katex')) return typeset;
  const style = `<style>\n${katexCss()}\n</style>\n</head>`;
  return typeset.replace("</head>", () => style);
}
