/**
 * Atomic outputs: a command writes its files into a hidden temporary directory beside them
 * (`DIR/.tmp-XXXX/`, same file system), and only when every file is complete are they renamed
 * into place. A run killed while writing leaves the previous files byte-identical (the
 * temporary directory is all it leaves, and a later run removes it). The renames themselves are
 * recorded first in a journal (`DIR/.atomic-commit.json`); a run killed among them is rolled
 * forward by the next write to the same directory, so the set is never left half old, half new
 * after that.
 * @module
 */

/** Name of the commit journal inside the target directory. */
export const JOURNAL = ".atomic-commit.json";
/** Prefix of the temporary directories and files. */
export const TMP_PREFIX = ".tmp-";
/** Temporary entries older than this are from killed runs and are removed (ms). */
const STALE_MS = 10 * 60 * 1000;
/** Test-only hook: the environment variable naming a pause point (see {@link testPause}). */
const PAUSE_ENV = "CBEC_TEST_PAUSE";

/**
 * Test-only: when the environment variable `CBEC_TEST_PAUSE` (readable only if the process was
 * given `--allow-env=CBEC_TEST_PAUSE`) equals `point`, write `PAUSED point` on stderr and wait
 * 60 s, so that a test can kill the process at exactly this point. Otherwise nothing.
 */
async function testPause(point: "written" | "committing"): Promise<void> {
  const state = Deno.permissions.querySync?.({ name: "env", variable: PAUSE_ENV }).state;
  if (state !== "granted" || Deno.env.get(PAUSE_ENV) !== point) return;
  await Deno.stderr.write(new TextEncoder().encode(`PAUSED ${point}\n`));
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Every file below `dir`, as paths relative to it (sorted). */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(`${dir}${prefix ? `/${prefix}` : ""}`)) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

/**
 * Write one file atomically: a temporary file beside it, then a rename over it.
 *
 * @example
 * ```ts
 * await writeFileAtomic("out/study/results.json", JSON.stringify({ ok: true }));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const i = path.lastIndexOf("/");
  const tmp = `${path.slice(0, i + 1)}${TMP_PREFIX}${path.slice(i + 1)}-${crypto.randomUUID()}`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** Rename the journal's files still in the temporary directory into place, then clean up. */
async function rollForward(dir: string): Promise<void> {
  const journal = `${dir}/${JOURNAL}`;
  let entry: { tmp: string; files: string[] };
  try {
    entry = JSON.parse(await Deno.readTextFile(journal));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    await Deno.remove(journal).catch(() => {}); // a torn journal: its commit never began
    return;
  }
  for (const f of entry.files) {
    const from = `${dir}/${entry.tmp}/${f}`;
    if (!await exists(from)) continue;
    await Deno.mkdir(parentOf(`${dir}/${f}`), { recursive: true });
    await Deno.rename(from, `${dir}/${f}`);
  }
  await Deno.remove(journal);
  await Deno.remove(`${dir}/${entry.tmp}`, { recursive: true }).catch(() => {});
}

/**
 * Finish or clear what a killed run left in `dir`: roll forward an interrupted commit, and
 * remove temporary entries older than ten minutes (younger ones may belong to a run still going).
 *
 * @example
 * ```ts
 * await recoverDir("data");
 * ```
 */
export async function recoverDir(dir: string): Promise<void> {
  if (!await exists(dir)) return;
  await rollForward(dir);
  const now = Date.now();
  for await (const e of Deno.readDir(dir)) {
    if (!e.name.startsWith(TMP_PREFIX)) continue;
    const info = await Deno.lstat(`${dir}/${e.name}`).catch(() => null);
    if (info?.mtime && now - info.mtime.getTime() > STALE_MS) {
      await Deno.remove(`${dir}/${e.name}`, { recursive: true }).catch(() => {});
    }
  }
}

/**
 * Write a set of files into `dir` atomically: `fill` writes them into a fresh temporary
 * directory (its argument) inside `dir`; once it returns, every file it wrote (subdirectories
 * included) is moved into place under a commit journal. If `fill` throws, nothing in `dir`
 * changes. Returns what `fill` returned.
 *
 * @example
 * ```ts
 * await writeDirAtomic("out/study", async (tmp) => {
 *   await Deno.writeTextFile(`${tmp}/results.json`, "{}");
 * });
 * ```
 */
export async function writeDirAtomic<T>(
  dir: string,
  fill: (tmpDir: string) => Promise<T>,
): Promise<T> {
  await Deno.mkdir(dir, { recursive: true });
  await recoverDir(dir);
  const tmp = await Deno.makeTempDir({ dir, prefix: TMP_PREFIX });
  const tmpName = tmp.slice(tmp.lastIndexOf("/") + 1);
  let result: T;
  let files: string[];
  try {
    result = await fill(tmp);
    files = await listFiles(tmp);
    await testPause("written");
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
  await writeFileAtomic(`${dir}/${JOURNAL}`, JSON.stringify({ tmp: tmpName, files }));
  await testPause("committing");
  await rollForward(dir);
  return result;
}

/**
 * Write named files (name -> text or bytes, names may hold `/`) into `dir` atomically
 * (see {@link writeDirAtomic}).
 *
 * @example
 * ```ts
 * await writeFilesAtomic("out/x", { "a.csv": "a\n1\n", "figures/f.svg": "<svg/>" });
 * ```
 */
export async function writeFilesAtomic(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  await writeDirAtomic(dir, async (tmp) => {
    for (const [name, body] of Object.entries(files)) {
      await Deno.mkdir(parentOf(`${tmp}/${name}`), { recursive: true });
      if (typeof body === "string") await Deno.writeTextFile(`${tmp}/${name}`, body);
      else await Deno.writeFile(`${tmp}/${name}`, body);
    }
  });
}
