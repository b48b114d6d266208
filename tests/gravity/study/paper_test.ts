import assert from "node:assert/strict";
import { comparePaper, loadPaperTables } from "../../../lib/gravity/study/paper.ts";

Deno.test("the paper's Tables 2 and 3 as typed in data/paper/", async () => {
  const p = await loadPaperTables(new URL("../../../data/paper", import.meta.url).pathname);
  assert.equal(p.source, "Edelweiss Applied Science and Technology 8(6): 7902-7911, Table 2");
  assert.equal(p.table2.length, 8);
  assert.deepEqual(p.table2[2], {
    variable: "Cbecij",
    term: "cbec",
    coefficient: 1.487,
    stdError: 0.701,
    t: 2.133,
    p: 0.037,
    ciLower: 0.119,
    ciUpper: 2.856,
  });
  assert.equal(p.table2[7].coefficient, 4.531);
  assert.equal(p.table3.length, 40);
  assert.equal(p.table3.filter((c) => c.k === null).length, 6);
  assert.deepEqual(p.table3.filter((c) => c.k !== null && c.k < 0).map((c) => c.k), [
    -4.691,
    -0.88,
    -0.993,
  ]);
  const kaz2015 = p.table3.find((c) => c.country === "KAZ" && c.year === 2015)!;
  assert.equal(kaz2015.k, 1.255);
  assert.equal(kaz2015.class, "remodelling");
});

Deno.test("comparison: signs, classes, and the paper's own inconsistency (TKM 2019)", async () => {
  const p = await loadPaperTables(new URL("../../../data/paper", import.meta.url).pathname);
  const cmp = comparePaper(p, { ln_pgdp: 0.1, ln_pop: 0.2, _cons: -1 }, [
    {
      country: "KAZ",
      year: 2015,
      actual: 2,
      fitted: 0,
      predicted: 1,
      k: 2,
      class: "remodelling",
      inSample: true,
    },
    {
      country: "KGZ",
      year: 2022,
      actual: 1,
      fitted: 0,
      predicted: 1,
      k: 1,
      class: "expanding",
      inSample: true,
    },
  ]);
  assert.deepEqual(cmp.signAgreement, { agree: 1, compared: 3 });
  assert.deepEqual(cmp.classAgreement, { agree: 1, compared: 2 });
  const kgz = cmp.classes.find((c) => c.country === "KGZ" && c.year === 2022)!;
  assert.equal(kgz.paperClass, "huge");
  assert.equal(kgz.paperClassFrom, "threshold");
  assert.deepEqual(cmp.paperInconsistencies, [
    'TKM 2019: K = 0.796 is "huge" by the thresholds but the paper says "potential expansion type"',
  ]);
});
