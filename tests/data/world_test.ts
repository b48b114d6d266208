import assert from "node:assert/strict";
import { parseWorldCsv, WORLD_HEADER } from "../../lib/data/world.ts";
import { InputError } from "../../lib/errors.ts";

const HEAD = WORLD_HEADER.join(",");

Deno.test("world panel CSV -> columnar arrays (codes sorted, USD values, flags)", () => {
  const w = parseWorldCsv(
    `${HEAD}\nKGZ,CHN,X,2019,61.5,0,DOTS_2\nCHN,KGZ,M,2020,40,1,DOTS_1\nCHN,KAZ,X,1995,0.016,0,DOTS_1\n`,
    "w.csv",
  );
  assert.equal(w.n, 3);
  assert.deepEqual(w.codes, ["CHN", "KAZ", "KGZ"]);
  assert.deepEqual([...w.reporter], [2, 0, 0]);
  assert.deepEqual([...w.partner], [0, 2, 1]);
  assert.deepEqual([...w.flow], [0, 1, 0]);
  assert.deepEqual([...w.year], [2019, 2020, 1995]);
  assert.deepEqual([...w.value], [61.5e6, 40e6, 0.016 * 1e6]);
  assert.deepEqual([...w.estimate], [0, 1, 0]);
  assert.deepEqual(w.sources, ["DOTS_2", "DOTS_1"]);
  assert.deepEqual([...w.source], [0, 1, 1]);
});

Deno.test("a malformed world panel row is one line naming the row", () => {
  const is = (re: RegExp) => (e: Error) => e instanceof InputError && re.test(e.message);
  assert.throws(() => parseWorldCsv("a,b\n", "w.csv"), is(/^w\.csv: row 1: header is not /));
  for (
    const bad of [
      "KGZ,CHN,Z,2019,1,0,D",
      "KGZ,CHN,X,2019,abc,0,D",
      "KGZ,CHN,X,2019,1,0",
      "KGZ,CHN,X,19,1,0,D",
      "KGZ,CHN,X,2019,1,0,D,extra",
    ]
  ) {
    assert.throws(
      () => parseWorldCsv(`${HEAD}\nCHN,KAZ,X,2019,1,0,D\n${bad}\n`, "w.csv"),
      is(/^w\.csv: row 3: not a world panel row/),
      bad,
    );
  }
});
