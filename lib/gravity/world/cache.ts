/**
 * A small JSON cache for the world computations (the China world panel, the structural PPML):
 * keyed by a SHA-256 (Web Crypto) of the settings and of each input file's size and modification
 * time, stored in `out/cache/`. A changed input or setting misses the cache; nothing is ever
 * served stale for a different input.
 * @module
 */

/** Options of {@link cachedJson}. */
export interface CacheOptions {
  /** Directory of the cache files (default "out/cache"). */
  dir?: string;
  /** Called with a line when the cache cannot be written (the value is still returned). */
  warn?: (line: string) => void;
}

/** How NaN is written (JSON has no NaN; null would read back as a value). */
const NAN = "__NaN__";

async function fingerprint(key: unknown, inputs: string[]): Promise<string> {
  const stats = await Promise.all(inputs.map(async (p) => {
    try {
      const s = await Deno.stat(p);
      return [p, s.size, s.mtime?.getTime() ?? 0];
    } catch {
      return [p, "missing"];
    }
  }));
  const bytes = new TextEncoder().encode(JSON.stringify({ key, stats }));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash.slice(0, 10), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The cached value for (name, key, input files), or compute it, store it and return it.
 *
 * @example
 * ```ts
 * const { value, hit } = await cachedJson("world", { years }, ["data/world-trade.csv.gz"], load);
 * ```
 */
export async function cachedJson<T>(
  name: string,
  key: unknown,
  inputs: string[],
  compute: () => Promise<T>,
  options: CacheOptions = {},
): Promise<{ value: T; hit: boolean; file: string }> {
  const dir = options.dir ?? "out/cache";
  const file = `${dir}/${name}-${await fingerprint(key, inputs)}.json`;
  try {
    const text = await Deno.readTextFile(file);
    return { value: JSON.parse(text, (_, v) => (v === NAN ? NaN : v)) as T, hit: true, file };
  } catch {
    // not cached yet (or unreadable): compute
  }
  const value = await compute();
  try {
    await Deno.mkdir(dir, { recursive: true });
    const tmp = `${file}.tmp`;
    await Deno.writeTextFile(tmp, JSON.stringify(value, (_, v) => (Number.isNaN(v) ? NAN : v)));
    await Deno.rename(tmp, file);
  } catch (e) {
    options.warn?.(`cache ${file} not written (${(e as Error).name})`);
  }
  return { value, hit: false, file };
}
