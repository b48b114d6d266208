/**
 * cachedJson (lib/gravity/world/cache.ts): computes once and serves the same value (NaN and null
 * kept apart); its file name (SHA-256 of the key and the inputs' sizes and times), a miss on a
 * changed input or on a rewrite with a new modification time, the empty string, the default
 * directory, and a cache that cannot be written.
 */
import assert from "node:assert/strict";
import { cachedJson } from "../../../lib/gravity/world/cache.ts";
import { freshTmp } from "../../tmp.ts";

Deno.test("cachedJson: computes once, serves the same value (NaN and null kept apart), misses on a changed input", async () => {
  const dir = freshTmp("cache-test-");
  const input = `${dir}/input.txt`;
  await Deno.writeTextFile(input, "a");
  let calls = 0;
  const compute = () => {
    calls++;
    return Promise.resolve({ x: NaN, y: null, z: [1.5, NaN], calls });
  };
  const first = await cachedJson("t", { k: 1 }, [input], compute, { dir });
  const second = await cachedJson("t", { k: 1 }, [input], compute, { dir });
  assert.equal(first.hit, false);
  assert.equal(second.hit, true);
  assert.equal(calls, 1);
  assert.ok(Number.isNaN(second.value.x));
  assert.equal(second.value.y, null);
  assert.ok(Number.isNaN(second.value.z[1]) && second.value.z[0] === 1.5);
  // another key, or the input file changed: computed again
  assert.equal((await cachedJson("t", { k: 2 }, [input], compute, { dir })).hit, false);
  await Deno.writeTextFile(input, "bb");
  assert.equal((await cachedJson("t", { k: 1 }, [input], compute, { dir })).hit, false);
  assert.equal(calls, 3);
});

Deno.test("cachedJson: the file name is the first 20 hex digits of SHA-256 of the key and input stats", async () => {
  const dir = freshTmp("cache-key-");
  // a missing input is fingerprinted as [path, "missing"] (no size or time), so the name is fixed:
  //   /usr/bin/python3 -c 'import hashlib,json; print(hashlib.sha256(json.dumps({"key":
  //     {"run":3,"years":[2010,2020]},"stats":[["no/such/input.csv","missing"]]},
  //     separators=(",",":")).encode()).hexdigest()[:20])'
  //   -> 66c82d8d84168d5052c9
  const key = { run: 3, years: [2010, 2020] };
  const r = await cachedJson("k", key, ["no/such/input.csv"], () => Promise.resolve(1), { dir });
  assert.equal(r.file, `${dir}/k-66c82d8d84168d5052c9.json`);
  assert.equal(r.hit, false);
  assert.equal(Deno.readTextFileSync(r.file), "1");
  // another missing input is another key (its path is part of the fingerprint)
  const other = await cachedJson("k", key, ["no/such/other.csv"], () => Promise.resolve(2), {
    dir,
  });
  assert.equal(other.hit, false);
  assert.equal(other.value, 2);
  assert.notEqual(other.file, r.file);
});

Deno.test("cachedJson: a rewrite of the same size with a new modification time misses", async () => {
  const dir = freshTmp("cache-mtime-");
  const input = `${dir}/input.txt`;
  Deno.writeTextFileSync(input, "aa");
  Deno.utimeSync(input, new Date(2020, 0, 1), new Date(2020, 0, 1));
  let calls = 0;
  const compute = () => Promise.resolve(++calls);
  assert.equal((await cachedJson("m", 0, [input], compute, { dir })).hit, false);
  assert.equal((await cachedJson("m", 0, [input], compute, { dir })).hit, true);
  Deno.writeTextFileSync(input, "bb");
  Deno.utimeSync(input, new Date(2021, 0, 1), new Date(2021, 0, 1));
  const again = await cachedJson("m", 0, [input], compute, { dir });
  assert.deepEqual([again.hit, again.value, calls], [false, 2, 2]);
});

Deno.test("cachedJson: an empty string is served as an empty string, not as NaN", async () => {
  const dir = freshTmp("cache-empty-");
  const compute = () => Promise.resolve({ s: "", x: NaN });
  await cachedJson("e", 1, [], compute, { dir });
  const { value, hit } = await cachedJson("e", 1, [], compute, { dir });
  assert.equal(hit, true);
  assert.equal(value.s, "");
  assert.ok(Number.isNaN(value.x));
});

Deno.test("cachedJson: the default directory is out/cache (relative to the working directory)", async () => {
  // run from the repository root (whatever directory the tests were started from)
  const root = new URL("../../..", import.meta.url).pathname;
  const cwd = Deno.cwd();
  const name = `default-dir-test-${crypto.randomUUID()}`;
  Deno.chdir(root);
  try {
    const r = await cachedJson(name, 1, [], () => Promise.resolve(5));
    assert.match(r.file, new RegExp(`^out/cache/${name}-[0-9a-f]{20}\\.json$`));
    assert.equal(Deno.readTextFileSync(r.file), "5");
    Deno.removeSync(r.file);
  } finally {
    Deno.chdir(cwd);
  }
});

Deno.test("cachedJson: a cache that cannot be written warns with one line and still returns the value", async () => {
  const dir = freshTmp("cache-unwritable-");
  Deno.writeTextFileSync(`${dir}/plain-file`, "");
  const lines: string[] = [];
  const r = await cachedJson("u", 1, [], () => Promise.resolve({ a: 1 }), {
    dir: `${dir}/plain-file/cache`,
    warn: (l) => lines.push(l),
  });
  assert.deepEqual([r.value, r.hit], [{ a: 1 }, false]);
  assert.deepEqual(lines, [`cache ${r.file} not written (NotADirectory)`]);
  // without a warn function: no throw, the value is still returned
  const quiet = await cachedJson("u", 2, [], () => Promise.resolve(7), {
    dir: `${dir}/plain-file/cache`,
  });
  assert.equal(quiet.value, 7);
});
