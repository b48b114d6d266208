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
