/**
 * Atomic outputs: `import` and `study`, started as subprocesses and SIGKILLed half-way (at the
 * test-only pause point after every temporary file is written, and after the commit journal),
 * leave the previous output directory byte-identical; an interrupted commit is rolled forward by
 * the next write. Plus the in-process rules of lib/io/atomic.ts.
 */
import "../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  JOURNAL,
  recoverDir,
  TMP_PREFIX,
  writeDirAtomic,
  writeFilesAtomic,
} from "../../lib/io/atomic.ts";
import { freshTmp } from "../tmp.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = `${ROOT}lib/cli/main.ts`;
const TMP = freshTmp("atomic-");

/** Every visible file below `dir` (temporary entries excluded) -> its bytes. */
async function snapshot(dir: string, prefix = ""): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const e of Deno.readDir(`${dir}/${prefix}`)) {
    if (e.name.startsWith(TMP_PREFIX) || e.name === JOURNAL) continue;
    const rel = `${prefix}${e.name}`;
    if (e.isDirectory) {
      for (const [k, v] of await snapshot(dir, `${rel}/`)) out.set(k, v);
    } else out.set(rel, await Deno.readTextFile(`${dir}/${rel}`));
  }
  return out;
}

function assertSame(a: Map<string, string>, b: Map<string, string>, what: string): void {
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${what}: file list changed`);
  for (const [k, v] of a) assert.ok(b.get(k) === v, `${what}: ${k} changed`);
}

/** Run main.ts to completion; assert success. */
async function run(args: string[], write: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", `--allow-write=${write}`, MAIN, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
}

/** Start main.ts with the test pause at `point`, wait until it says so, then SIGKILL it. */
async function killAt(args: string[], write: string, point: string): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      `--allow-write=${write}`,
      "--allow-env=CBEC_TEST_PAUSE",
      MAIN,
      ...args,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1", CBEC_TEST_PAUSE: point },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let said = "";
  while (!said.includes(`PAUSED ${point}`)) {
    const { value, done } = await reader.read();
    if (done) break;
    said += value;
  }
  child.kill("SIGKILL");
  const status = await child.status;
  await reader.cancel().catch(() => {});
  assert.ok(said.includes(`PAUSED ${point}`), `never reached ${point}: ${said}`);
  assert.equal(status.signal, "SIGKILL");
}

/** A temporary directory the killed run left behind, with files in it (proof it was mid-write). */
async function leftover(dir: string): Promise<number> {
  let n = 0;
  for await (const e of Deno.readDir(dir)) {
    if (e.name.startsWith(TMP_PREFIX) && e.isDirectory) {
      for await (const _ of Deno.readDir(`${dir}/${e.name}`)) n++;
    }
  }
  return n;
}

Deno.test("study killed half-way leaves the previous out/ byte-identical", async () => {
  const dir = `${TMP}/study`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await run(["study", "--config", "data/study.eq1.config.json", "--out", dir], "out");
  const before = await snapshot(dir);
  assert.ok(before.has("results.json") && before.has("figures/k_heatmap.svg"));
  // The other config writes different bytes to the same names: a torn write would show.
  await killAt(["study", "--config", "data/study.config.json", "--out", dir], "out", "written");
  assert.equal(await leftover(dir), 8, "the killed run had written its files (7 + figures/)");
  assertSame(before, await snapshot(dir), "after a kill while writing");
  // Killed after the journal, before any rename: still the old files; the next write rolls
  // the interrupted commit forward, and the result is exactly a clean run's.
  await killAt(["study", "--config", "data/study.config.json", "--out", dir], "out", "committing");
  assertSame(before, await snapshot(dir), "after a kill at the commit point");
  await recoverDir(dir);
  const clean = `${TMP}/study-clean`;
  await run(["study", "--config", "data/study.config.json", "--out", clean], "out");
  const rolled = await snapshot(dir);
  assert.notEqual(rolled.get("results.json"), before.get("results.json"));
  assertSame(await snapshot(clean), rolled, "rolled forward");
});

Deno.test("import killed half-way leaves the previous data directory byte-identical", async () => {
  const dir = `${TMP}/data`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  const cfg = `${ROOT}tests/fixtures/data/import.config.json`;
  await run(["import", "--config", cfg, "--out", dir], "out");
  const before = await snapshot(dir);
  assert.equal(before.size, 6);
  // A config that changes every output: two more years.
  const text = (await Deno.readTextFile(cfg)).replace('"from": 2014', '"from": 2012');
  assert.ok(text.includes('"from": 2012'));
  const cfg2 = `${TMP}/import2.config.json`;
  await Deno.writeTextFile(cfg2, text);
  await killAt(["import", "--config", cfg2, "--out", dir], "out", "written");
  assert.equal(await leftover(dir), 6);
  assertSame(before, await snapshot(dir), "after a kill while writing");
  await run(["import", "--config", cfg2, "--out", dir], "out");
  const after = await snapshot(dir);
  assert.notEqual(after.get("panel.csv"), before.get("panel.csv"));
});

Deno.test("writeDirAtomic: a failing writer changes nothing and leaves no temporary files", async () => {
  const dir = `${TMP}/unit`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await writeFilesAtomic(dir, { "a.txt": "old a\n", "sub/b.txt": "old b\n" });
  const before = await snapshot(dir);
  assert.deepEqual([...before.keys()].sort(), ["a.txt", "sub/b.txt"]);
  await assert.rejects(
    writeDirAtomic(dir, async (tmp) => {
      await Deno.writeTextFile(`${tmp}/a.txt`, "new a\n");
      throw new Error("writer failed");
    }),
    /writer failed/,
  );
  assertSame(before, await snapshot(dir), "after a failed writer");
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  assert.deepEqual(names.sort(), ["a.txt", "sub"]);
  await writeFilesAtomic(dir, { "a.txt": "new a\n" });
  assert.equal(await Deno.readTextFile(`${dir}/a.txt`), "new a\n");
  assert.equal(await Deno.readTextFile(`${dir}/sub/b.txt`), "old b\n");
});
