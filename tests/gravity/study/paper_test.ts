/**
 * The paper's tables and the comparison with them (lib/gravity/study/paper.ts): Tables 2 and 3 as
 * typed in data/paper/, "-" and empty K cells, a missing column or no rows, the default directory,
 * and the comparison (signs, classes, the paper's own inconsistency) with and without our
 * coefficients and K.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  comparePaper,
  loadPaperTables,
  type PaperTables,
} from "../../../lib/gravity/study/paper.ts";
import { InputError } from "../../../lib/errors.ts";
import { freshTmp } from "../../tmp.ts";

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

const T2 = "variable_paper,term,coefficient,std_error,t,p,ci_lower,ci_upper,source\n";
const T3 = "country_paper,iso3,year,k,status_words,class,source\n";

Deno.test("loadPaperTables: '-' and empty K are null; no rows give an empty source", async () => {
  const dir = freshTmp("paper-");
  await Deno.writeTextFile(`${dir}/table2.csv`, T2);
  await Deno.writeTextFile(
    `${dir}/table3.csv`,
    T3 + "A,AAA,2015,-,,,s\nA,AAA,2016,,words,,s\nA,AAA,2017,0.5,w,huge,s\n",
  );
  const p = await loadPaperTables(dir);
  assert.deepEqual(p, {
    source: "",
    table2: [],
    table3: [
      { country: "AAA", year: 2015, k: null, words: "", class: null },
      { country: "AAA", year: 2016, k: null, words: "words", class: null },
      { country: "AAA", year: 2017, k: 0.5, words: "w", class: "huge" },
    ],
  });
});

Deno.test("loadPaperTables: a missing column is a one-line error naming the file and column", async () => {
  const dir = freshTmp("paper-");
  await Deno.writeTextFile(
    `${dir}/table2.csv`,
    T2.replace("std_error", "se") + "a,b,1,2,3,4,5,6,s\n",
  );
  await Deno.writeTextFile(`${dir}/table3.csv`, T3);
  await assert.rejects(
    () => loadPaperTables(dir),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(
        e.message,
        `${dir}/table2.csv: no column "std_error" (columns: variable_paper, term, coefficient, ` +
          `se, t, p, ci_lower, ci_upper, source)`,
      );
      return true;
    },
  );
});

const PAPER: PaperTables = {
  source: "s",
  table2: [
    {
      variable: "x",
      term: "ln_x",
      coefficient: -0.5,
      stdError: 0.1,
      t: -5,
      p: 0,
      ciLower: -0.7,
      ciUpper: -0.3,
    },
  ],
  table3: [
    { country: "AAA", year: 2015, k: null, words: "", class: null },
    { country: "AAA", year: 2016, k: null, words: "remodel", class: "remodelling" },
    { country: "AAA", year: 2017, k: 0.5, words: "huge", class: "huge" },
  ],
};

Deno.test("comparison without our coefficients or K: nothing compared, cells without K stay unclassified", () => {
  const cmp = comparePaper(PAPER, null, []);
  assert.deepEqual(cmp.coefficients, [{ term: "ln_x", ours: null, paper: -0.5, signAgree: null }]);
  assert.deepEqual(cmp.signAgreement, { agree: 0, compared: 0 });
  assert.deepEqual(
    cmp.classes.map((c) => [c.paperK, c.paperClass, c.paperClassFrom, c.agree]),
    [[null, null, null, null], [null, "remodelling", "words", null], [0.5, "huge", "words", null]],
  );
  assert.deepEqual(cmp.paperInconsistencies, []);
  assert.deepEqual(cmp.classAgreement, { agree: 0, compared: 0 });
});

Deno.test("comparison with ours: sign agreement counted, a term we lack is not compared", () => {
  const cmp = comparePaper(PAPER, { ln_x: -2, other: 1 }, [
    {
      country: "AAA",
      year: 2016,
      actual: 1,
      fitted: 0,
      predicted: 1,
      k: 1.5,
      class: "remodelling",
      inSample: true,
    },
  ]);
  assert.deepEqual(cmp.coefficients, [{ term: "ln_x", ours: -2, paper: -0.5, signAgree: true }]);
  // our class where the paper has neither K nor class: not compared
  const blank = comparePaper(PAPER, null, [{
    country: "AAA",
    year: 2015,
    actual: 1,
    fitted: 0,
    predicted: 1,
    k: 1,
    class: "expanding",
    inSample: true,
  }]);
  assert.deepEqual(
    [blank.classes[0].oursClass, blank.classes[0].paperClass, blank.classes[0].agree],
    ["expanding", null, null],
  );
  assert.deepEqual(blank.classAgreement, { agree: 0, compared: 0 });
  assert.deepEqual(cmp.classAgreement, { agree: 1, compared: 1 });
  assert.equal(cmp.classes[1].oursK, 1.5);
  assert.equal(cmp.classes[0].oursK, null);
  const none = comparePaper(PAPER, {}, []);
  assert.deepEqual(none.coefficients[0].ours, null);
});

Deno.test("loadPaperTables() reads data/paper of the working directory by default", async () => {
  const root = new URL("../../../", import.meta.url);
  const mod = new URL("lib/gravity/study/paper.ts", root).href;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { loadPaperTables } from "${mod}"; console.log(JSON.stringify(await loadPaperTables()));`,
    ],
    cwd: root.pathname,
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const viaDefault = JSON.parse(new TextDecoder().decode(out.stdout));
  assert.deepEqual(viaDefault, await loadPaperTables(new URL("data/paper", root).pathname));
  assert.equal(viaDefault.table2.length, 8);
});
