/**
 * The world bilateral trade panel (IMF DOTS, every reporter): `data/world-trade.csv.gz`, built by
 * `deno task import` from the 235 DOTS workbooks in ../shared/data/raw/trade/imf-dots/.
 *
 * File format: gzip'd UTF-8 CSV, header
 * `reporter,partner,flow,year,value_usd_mn,estimate,source`, one row per non-empty cell whose
 * reporter and partner are both countries (aggregates such as "World" or "Euro Area" are never
 * rows): reporter and partner are ISO3 codes (data/country-names.csv; former countries keep their
 * ISO 3166-3 code, e.g. SUN, YUG), flow `X` = the reporter's exports to the partner (FOB) or `M` =
 * its imports from the partner (CIF), value in US$ millions as stored in the workbook, estimate
 * 1 when the IMF marked the value " e" (else 0), source the workbook (e.g. `DOTS_40`). Rows are
 * in workbook order (natural), then exports before imports, partner rows in sheet order, years
 * ascending. Counts of the build (rows, dropped aggregates and duplicates) are in
 * `data/world-trade.json`.
 * @module
 */
import { gunzipSync } from "node:zlib";
import { InputError } from "../errors.ts";

/** The CSV header of the world panel file. */
export const WORLD_HEADER = [
  "reporter",
  "partner",
  "flow",
  "year",
  "value_usd_mn",
  "estimate",
  "source",
] as const;

/** Default location of the world panel. */
export const WORLD_FILE = "data/world-trade.csv.gz";

/**
 * The world panel in columnar form: row i is (codes[reporter[i]], codes[partner[i]],
 * flow[i] (0 = X exports FOB, 1 = M imports CIF), year[i], value[i] USD, estimate[i],
 * sources[source[i]]).
 */
export interface WorldPanel {
  /** Number of rows. */
  n: number;
  /** ISO3 codes, sorted; `reporter` and `partner` index into it. */
  codes: string[];
  reporter: Uint16Array;
  partner: Uint16Array;
  /** 0 = X (reporter's exports to partner, FOB), 1 = M (reporter's imports from partner, CIF). */
  flow: Uint8Array;
  year: Uint16Array;
  /** Value in US dollars (the file's US$ millions x 1e6). */
  value: Float64Array;
  /** 1 = IMF estimate (" e" in the workbook), 0 = reported. */
  estimate: Uint8Array;
  /** Workbook names (e.g. "DOTS_40"); `source` indexes into it. */
  sources: string[];
  source: Uint16Array;
}

/**
 * Load the world panel written by `deno task import`. A missing file is a one-line
 * {@link InputError} naming the command that builds it; a malformed row names its line.
 * About 2 million rows load in a few seconds.
 *
 * @example
 * ```ts
 * const w = await loadWorldPanel();
 * const chn = w.codes.indexOf("CHN");
 * let exports2020 = 0;
 * for (let i = 0; i < w.n; i++) {
 *   if (w.reporter[i] === chn && w.flow[i] === 0 && w.year[i] === 2020) exports2020 += w.value[i];
 * }
 * ```
 */
export async function loadWorldPanel(path: string = WORLD_FILE): Promise<WorldPanel> {
  let gz: Uint8Array;
  try {
    gz = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new InputError(
        `${path}: the world bilateral panel is missing; build it with \`deno task import\` ` +
          `(needs ../shared/data/raw/trade/imf-dots/)`,
      );
    }
    throw new InputError(`${path}: cannot read the world panel (${(e as Error).name})`);
  }
  let text: string;
  try {
    text = new TextDecoder().decode(gunzipSync(gz));
  } catch (e) {
    throw new InputError(`${path}: not a gzip file (${(e as Error).message.split("\n")[0]})`);
  }
  return parseWorldCsv(text, path);
}

/**
 * Parse the world panel's CSV text (see the module doc for the format). A single pass over the
 * text with `indexOf` (no per-row arrays): about 2 million rows a second.
 *
 * @example
 * ```ts
 * const w = parseWorldCsv("reporter,partner,flow,year,value_usd_mn,estimate,source\nCHN,KAZ,X,2020,1.5,0,DOTS_40\n", "w.csv");
 * w.value[0]; // 1500000
 * ```
 */
export function parseWorldCsv(text: string, file: string): WorldPanel {
  const head = WORLD_HEADER.join(",");
  if (!text.startsWith(head + "\n")) {
    throw new InputError(`${file}: row 1: header is not ${head}`);
  }
  let n = 0;
  for (let p = text.indexOf("\n"); p >= 0 && p < text.length - 1; p = text.indexOf("\n", p + 1)) {
    n++;
  }
  const w: WorldPanel = {
    n,
    codes: [],
    reporter: new Uint16Array(n),
    partner: new Uint16Array(n),
    flow: new Uint8Array(n),
    year: new Uint16Array(n),
    value: new Float64Array(n),
    estimate: new Uint8Array(n),
    sources: [],
    source: new Uint16Array(n),
  };
  const codeIx = new Map<string, number>(), srcIx = new Map<string, number>();
  const code = (s: string) => {
    let k = codeIx.get(s);
    if (k === undefined) codeIx.set(s, k = codeIx.size);
    return k;
  };
  let pos = head.length + 1;
  for (let i = 0; i < n; i++) {
    const end = text.indexOf("\n", pos);
    const stop = end < 0 ? text.length : end;
    const c = [pos];
    for (let k = 0; k < 6; k++) {
      const q = text.indexOf(",", c[k]);
      if (q < 0 || q > stop) break;
      c.push(q + 1);
    }
    const bad = () =>
      new InputError(`${file}: row ${i + 2}: not a world panel row ("${text.slice(pos, stop)}")`);
    if (c.length !== 7 || text.indexOf(",", c[6]) !== -1 && text.indexOf(",", c[6]) < stop) {
      throw bad();
    }
    const flow = text.charCodeAt(c[2]);
    const value = Number(text.slice(c[4], c[5] - 1));
    if (
      (flow !== 88 && flow !== 77) || c[3] - c[2] !== 2 || c[4] - c[3] !== 5 ||
      c[5] - c[4] < 2 || Number.isNaN(value)
    ) {
      throw bad();
    }
    w.reporter[i] = code(text.slice(pos, c[1] - 1));
    w.partner[i] = code(text.slice(c[1], c[2] - 1));
    w.flow[i] = flow === 88 ? 0 : 1;
    w.year[i] = Number(text.slice(c[3], c[4] - 1));
    w.value[i] = value * 1e6;
    w.estimate[i] = text.charCodeAt(c[5]) === 49 ? 1 : 0;
    const src = text.slice(c[6], stop);
    let si = srcIx.get(src);
    if (si === undefined) srcIx.set(src, si = srcIx.size);
    w.source[i] = si;
    pos = stop + 1;
  }
  // Codes sorted: remap the indices.
  const first = [...codeIx.keys()];
  w.codes = [...first].sort();
  const remap = new Uint16Array(first.length);
  first.forEach((c, k) => (remap[k] = w.codes.indexOf(c)));
  for (let i = 0; i < n; i++) {
    w.reporter[i] = remap[w.reporter[i]];
    w.partner[i] = remap[w.partner[i]];
  }
  w.sources = [...srcIx.keys()];
  return w;
}
