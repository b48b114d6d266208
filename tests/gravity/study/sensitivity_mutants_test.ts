// sensitivityAnalysis on hand-made variant runs (a fake `run`): every field of the columns and
// the class change worked out by hand below. Written for the mutants of
// `deno task mutate lib/gravity/study/sensitivity.ts` (tests/mutation-gravity-potential.md).
import assert from "node:assert/strict";
import { sensitivityAnalysis, type VariantRun } from "../../../lib/gravity/study/sensitivity.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";

const config = { terms: [{ name: "g" }, { name: "h" }], reporter: "CHN" } as unknown as StudyConfig;
const panel = {
  variables: [{ name: "y1" }, { name: "y2" }],
  rows: [],
  flags: {
    "A|2000|y1": "mirror",
    "B|2000|y1": "interpolated",
    "B|2001|y1": "observed",
    "A|2001|y1": "mirror", // out of sample: not counted
  },
} as unknown as GravityPanel;

const row = (
  country: string,
  year: number,
  k: number | null,
  cls: string | null,
  inSample = true,
) =>
  ({
    country,
    year,
    actual: k,
    fitted: 0,
    predicted: 1,
    k,
    class: cls,
    inSample,
  }) as VariantRun["potential"][number];

const RUNS: Record<string, VariantRun> = {
  y1: {
    regression: {
      estimable: true,
      reason: "ignored when estimable",
      nComplete: 7,
      fit: {
        n: 5,
        r2: 0.7,
        coefficients: [
          { term: "(Intercept)", estimate: 1, stdError: 0.1 },
          { term: "g", estimate: 2, stdError: 0.2 },
        ],
      },
    },
    potential: [
      row("A", 2000, 0.5, "huge"),
      row("A", 2001, 1.5, "remodelling", false),
      row("B", 2000, null, null),
      row("B", 2001, 1, "expanding"),
    ],
    paper: {
      comparison: {
        signAgreement: { agree: 1, compared: 2 },
        classAgreement: { agree: 3, compared: 4 },
      },
    },
  },
  y2: {
    regression: { estimable: false, nComplete: 1, fit: null },
    potential: [
      row("A", 2000, 1, "expanding"),
      row("A", 2001, 1.5, "remodelling"),
      row("B", 2001, 1, null),
    ],
    paper: {
      comparison: {
        signAgreement: { agree: 9, compared: 9 },
        classAgreement: { agree: 9, compared: 9 },
      },
    },
  },
};

Deno.test("sensitivity (hand-made runs): columns, flags, agreement, class change", () => {
  const seen: unknown[] = [];
  const s = sensitivityAnalysis(config, panel, [
    { label: "one", dependent: "y1", note: "n1" },
    { label: "two", dependent: "y2" },
    { label: "three", dependent: "zz" },
  ], (c) => {
    seen.push(c.dependent);
    assert.deepEqual(c.terms, config.terms);
    assert.equal((c as unknown as { reporter: string }).reporter, "CHN");
    return RUNS[c.dependent.variable];
  });
  assert.deepEqual(seen, [{ variable: "y1", note: "n1" }, { variable: "y2", note: undefined }]);
  assert.deepEqual(s.terms, ["g", "h", "_cons"]);
  const [a, b, c] = s.variants;
  assert.deepEqual(a, {
    label: "one",
    dependent: "y1",
    note: "n1",
    inPanel: true,
    estimable: true,
    reason: "",
    n: 5,
    r2: 0.7,
    coefficients: [
      { term: "g", estimate: 2, stdError: 0.2 },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: 1, stdError: 0.1 },
    ],
    classes: [
      { country: "A", year: 2000, k: 0.5, class: "huge" },
      { country: "A", year: 2001, k: 1.5, class: "remodelling" },
      { country: "B", year: 2001, k: 1, class: "expanding" },
    ],
    flaggedCells: { mirror: 1, interpolated: 1 },
    signAgreement: { agree: 1, compared: 2 },
    classAgreement: { agree: 3, compared: 4 },
  });
  assert.deepEqual(b, {
    label: "two",
    dependent: "y2",
    note: "",
    inPanel: true,
    estimable: false,
    reason: "",
    n: 0,
    r2: null,
    coefficients: [
      { term: "g", estimate: null, stdError: null },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: null, stdError: null },
    ],
    classes: [
      { country: "A", year: 2000, k: 1, class: "expanding" },
      { country: "A", year: 2001, k: 1.5, class: "remodelling" },
      { country: "B", year: 2001, k: 1, class: null },
    ],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  assert.deepEqual(c, {
    label: "three",
    dependent: "zz",
    note: "",
    inPanel: false,
    estimable: false,
    reason: '"zz" is not a panel variable (not in data/; run deno task import)',
    n: 0,
    r2: null,
    coefficients: [
      { term: "g", estimate: null, stdError: null },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: null, stdError: null },
    ],
    classes: [],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  // A 2000 huge -> expanding; A 2001 same; B 2001 unclassified in (2): 1 of 2
  assert.deepEqual(s.classChange, {
    changed: 1,
    compared: 2,
    share: 0.5,
    cells: [{ country: "A", year: 2000, from: "huge", to: "expanding" }],
  });
});

Deno.test("sensitivity: a not-estimable run's reason; one variant compares nothing; missing flags", () => {
  const run = (): VariantRun => ({
    regression: { estimable: false, reason: "1 complete row", nComplete: 1, fit: null },
    potential: [row("A", 2000, 2, null)],
    paper: null,
  });
  const s = sensitivityAnalysis(config, { ...panel, flags: undefined }, [
    { label: "only", dependent: "y1" },
  ], run);
  assert.equal(s.variants[0].reason, "1 complete row");
  assert.deepEqual(s.variants[0].flaggedCells, {});
  assert.deepEqual(s.classChange, { changed: 0, compared: 0, share: null, cells: [] });
  // classes present on both sides but one unclassified (null) in the first: not compared
  const s2 = sensitivityAnalysis(config, panel, [
    { label: "a", dependent: "y1" },
    { label: "b", dependent: "y2" },
  ], (c) =>
    c.dependent.variable === "y1" ? run() : {
      ...run(),
      potential: [row("A", 2000, 2, "remodelling")],
    });
  assert.deepEqual(s2.classChange, { changed: 0, compared: 0, share: null, cells: [] });
  // a fitted run without a paper comparison: agreement null
  const s3 = sensitivityAnalysis(config, panel, [{ label: "a", dependent: "y1" }], () => ({
    ...RUNS.y1,
    paper: null,
  }));
  assert.equal(s3.variants[0].signAgreement, null);
  assert.equal(s3.variants[0].classAgreement, null);
});
