/**
 * describeDisagreement (lib/gravity/study/paper.ts): every differing sign and class named in
 * plain words, and (found by mutation testing) full agreement of signs and of classes, a paper
 * class read from its words where it prints no K ("none"), and nothing compared at all.
 * Sentences written by hand from the inputs.
 */
import assert from "node:assert/strict";
import {
  comparePaper,
  describeDisagreement,
  type PaperTables,
} from "../../../lib/gravity/study/paper.ts";
import { classifyK } from "../../../lib/gravity/potential/k.ts";

const coef = (term: string, coefficient: number) => ({
  variable: term,
  term,
  coefficient,
  stdError: 1,
  t: 1,
  p: 0.5,
  ciLower: 0,
  ciUpper: 1,
});

const row = (country: string, year: number, k: number) => ({
  country,
  year,
  actual: 1,
  fitted: 0,
  predicted: 1,
  k,
  class: classifyK(k),
  inSample: true,
});

const PAPER: PaperTables = {
  source: "test",
  table2: [coef("ln_a", 0.5), coef("ln_b", -0.2)],
  table3: [
    { country: "KAZ", year: 2015, k: 1.3, words: "re-modelling", class: "remodelling" },
    { country: "KAZ", year: 2016, k: null, words: "huge", class: "huge" },
    { country: "UZB", year: 2016, k: null, words: "", class: null },
  ],
};

Deno.test("describeDisagreement: every sign and every class agrees", () => {
  const cmp = comparePaper(PAPER, { ln_a: 2, ln_b: -3 }, [
    row("KAZ", 2015, 1.25),
    row("KAZ", 2016, 0.5),
    row("UZB", 2016, 1),
  ]);
  assert.deepEqual(describeDisagreement(cmp), [
    "Every one of the 2 compared coefficients has the paper's sign.",
    "Every one of the 2 compared country-years has the paper's class.",
  ]);
});

Deno.test("describeDisagreement: a paper class from its words alone prints its K as none", () => {
  const cmp = comparePaper(PAPER, { ln_a: 2, ln_b: -3 }, [row("KAZ", 2016, 1.5)]);
  assert.deepEqual(describeDisagreement(cmp), [
    "Every one of the 2 compared coefficients has the paper's sign.",
    "Classes differ from the paper in 1 of 1 country-years: KAZ 2016 (ours remodelling K " +
    "1.500, paper huge K none).",
    "The paper classifies 1 country-years we do not: KAZ 2015.",
  ]);
  // two signs differ: both listed, joined by "; "
  const two = comparePaper(PAPER, { ln_a: -1, ln_b: 0.25 }, []);
  assert.deepEqual(describeDisagreement(two), [
    "Signs differ from the paper for 2 of 2 coefficients: ln_a (ours -1.000, paper 0.500); " +
    "ln_b (ours 0.250, paper -0.200).",
    "None of the paper's 2 classified country-years has a K of ours.",
  ]);
});

Deno.test("describeDisagreement: a paper with no coefficients and no classified cell says nothing", () => {
  const empty: PaperTables = { source: "", table2: [], table3: [PAPER.table3[2]] };
  assert.deepEqual(describeDisagreement(comparePaper(empty, null, [row("UZB", 2016, 1)])), []);
  // two classes differ: both listed, joined by "; "
  const cmp = comparePaper(PAPER, null, [row("KAZ", 2015, 0.5), row("KAZ", 2016, 1)]);
  assert.deepEqual(describeDisagreement(cmp), [
    "No estimate of ours to compare for: ln_a, ln_b.",
    "Classes differ from the paper in 2 of 2 country-years: KAZ 2015 (ours huge K 0.500, paper " +
    "remodelling K 1.300); KAZ 2016 (ours expanding K 1.000, paper huge K none).",
  ]);
});

Deno.test("describeDisagreement: several country-years the paper classifies and we do not, joined by ', '", () => {
  const paper: PaperTables = {
    ...PAPER,
    table3: [
      ...PAPER.table3.slice(0, 2),
      { country: "UZB", year: 2016, k: 1.5, words: "", class: null },
    ],
  };
  const cmp = comparePaper(paper, null, [row("KAZ", 2016, 0.5)]);
  assert.deepEqual(describeDisagreement(cmp), [
    "No estimate of ours to compare for: ln_a, ln_b.",
    "Every one of the 1 compared country-years has the paper's class.",
    "The paper classifies 2 country-years we do not: KAZ 2015, UZB 2016.",
  ]);
});

Deno.test("describeDisagreement names every differing sign and class in plain words", () => {
  const paper: PaperTables = {
    source: "test",
    table2: [
      {
        variable: "a",
        term: "ln_a",
        coefficient: 0.5,
        stdError: 0.1,
        t: 5,
        p: 0,
        ciLower: 0,
        ciUpper: 1,
      },
      {
        variable: "b",
        term: "ln_b",
        coefficient: -0.2,
        stdError: 0.1,
        t: -2,
        p: 0.05,
        ciLower: -1,
        ciUpper: 0,
      },
      {
        variable: "c",
        term: "_cons",
        coefficient: 1,
        stdError: 1,
        t: 1,
        p: 0.3,
        ciLower: -1,
        ciUpper: 3,
      },
    ],
    table3: [
      { country: "KAZ", year: 2015, k: 1.3, words: "re-modelling", class: "remodelling" },
      { country: "KAZ", year: 2016, k: 0.9, words: "expansion", class: "expanding" },
      { country: "TJK", year: 2015, k: 0.5, words: "huge", class: "huge" },
    ],
  };
  const row = (country: string, year: number, k: number) => ({
    country,
    year,
    actual: 1,
    fitted: 0,
    predicted: 1,
    k,
    class: classifyK(k),
    inSample: true,
  });
  const cmp = comparePaper(paper, { ln_a: 0.4, ln_b: 0.1 }, [
    row("KAZ", 2015, 0.7),
    row("KAZ", 2016, 1),
  ]);
  assert.deepEqual(describeDisagreement(cmp), [
    "Signs differ from the paper for 1 of 2 coefficients: ln_b (ours 0.100, paper -0.200).",
    "No estimate of ours to compare for: _cons.",
    "Classes differ from the paper in 1 of 2 country-years: KAZ 2015 (ours huge K 0.700, paper remodelling K 1.300).",
    "The paper classifies 1 country-years we do not: TJK 2015.",
  ]);
  const none = comparePaper(paper, null, []);
  assert.deepEqual(describeDisagreement(none), [
    "No estimate of ours to compare for: ln_a, ln_b, _cons.",
    "None of the paper's 3 classified country-years has a K of ours.",
  ]);
});
