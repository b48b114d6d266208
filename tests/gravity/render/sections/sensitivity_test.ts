/**
 * sensitivitySpec (lib/gravity/render/sections/sensitivity.ts) on hand-built sensitivity results: the
 * coefficient and SE columns per variant, the difference column only for two variants, the N,
 * R2 and paper-agreement rows, and every note a reader relies on, written from the inputs.
 */
import assert from "node:assert/strict";
import type {
  SensitivityColumn,
  SensitivityResult,
} from "../../../../lib/gravity/study/sensitivity.ts";
import {
  sensitivityModelsSpec,
  sensitivitySpec,
} from "../../../../lib/gravity/render/sections/sensitivity.ts";
import { SIGNIF_NOTE } from "../../../../lib/report/models_table.ts";

function column(over: Partial<SensitivityColumn>): SensitivityColumn {
  return {
    label: "Reported",
    dependent: "trade",
    note: "",
    inPanel: true,
    estimable: true,
    reason: "",
    n: 30,
    r2: 0.5,
    coefficients: [],
    classes: [],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
    ...over,
  };
}

const TWO: SensitivityResult = {
  terms: ["ln_a", "_cons"],
  variants: [
    column({
      label: "Reported",
      dependent: "trade",
      note: "goods, reported",
      n: 30,
      r2: 0.8125,
      coefficients: [
        { term: "ln_a", estimate: 0.5, stdError: 0.25 },
        { term: "_cons", estimate: 2, stdError: 1.5 },
      ],
      signAgreement: { agree: 1, compared: 2 },
      classAgreement: { agree: 3, compared: 4 },
    }),
    column({
      label: "Mirror",
      dependent: "trade_m",
      n: 28,
      r2: 0.75,
      coefficients: [
        { term: "ln_a", estimate: 0.75, stdError: 0.125 },
        { term: "_cons", estimate: null, stdError: null },
      ],
      flaggedCells: { interpolated: 2, mirror: 5 },
      signAgreement: { agree: 0, compared: 1 },
    }),
  ],
  classChange: {
    changed: 1,
    compared: 8,
    share: 0.125,
    cells: [{ country: "KAZ", year: 2016, from: "huge", to: "expanding" }],
  },
};

Deno.test("sensitivity table, two variants: coefficient, SE and Diff columns; N, R2, agreement rows", () => {
  const spec = sensitivitySpec(TWO);
  assert.equal(spec.title, "Sensitivity: the same equation on each dependent variable");
  assert.deepEqual(spec.columns.map((c) => [c.key, c.label, c.align ?? null]), [
    ["term", "Term", null],
    ["b0", "(1) Coef.", "right"],
    ["se0", "(1) SE", "right"],
    ["b1", "(2) Coef.", "right"],
    ["se1", "(2) SE", "right"],
    ["diff", "Diff", null],
  ]);
  assert.deepEqual(spec.rows, [
    { term: "ln_a", b0: 0.5, se0: 0.25, b1: 0.75, se1: 0.125, diff: 0.25 },
    { term: "_cons", b0: 2, se0: 1.5, b1: null, se1: null, diff: null },
    { term: "N", b0: 30, b1: 28 },
    { term: "R2", b0: 0.8125, b1: 0.75 },
    { term: "same sign as paper", b0: "1/2", b1: "0/1" },
    { term: "same class as paper", b0: "3/4", b1: "." },
  ]);
  // numbers to 3 decimals (integers as they are), strings as they are, null as "."
  const fmt = spec.columns[1].format!;
  assert.equal(fmt(0.8125), "0.813");
  assert.equal(fmt(30), "30");
  assert.equal(fmt("1/2"), "1/2");
  assert.equal(fmt(null), ".");
  assert.equal(spec.columns[5].format!(0.25), "0.250");
  assert.deepEqual(spec.notes, [
    "(1) Reported: dependent ln trade (goods, reported).",
    "(2) Mirror: dependent ln trade_m; cells in the sample flagged interpolated (2), mirror (5).",
    "K classes that change from (1) to (2): 1 of 8 country-years classified by both (12.5%): " +
    "KAZ 2016 huge -> expanding.",
    "Diff = coefficient (2) - coefficient (1).",
  ]);
});

Deno.test("sensitivity table: a term a variant lacks, a variant not estimated, no class compared", () => {
  const spec = sensitivitySpec({
    terms: ["ln_a", "ln_b"],
    variants: [
      column({
        coefficients: [{ term: "ln_a", estimate: -1, stdError: 0.5 }],
      }),
      column({
        label: "Missing",
        dependent: "nope",
        estimable: false,
        reason: '"nope" is not a panel variable',
        n: 0,
        r2: null,
        coefficients: [],
      }),
    ],
    classChange: { changed: 0, compared: 0, share: null, cells: [] },
  });
  assert.deepEqual(spec.rows.slice(0, 2), [
    { term: "ln_a", b0: -1, se0: 0.5, b1: null, se1: null, diff: null },
    { term: "ln_b", b0: null, se0: null, b1: null, se1: null, diff: null },
  ]);
  assert.deepEqual(spec.notes, [
    "(1) Reported: dependent ln trade.",
    '(2) Missing: dependent ln nope; NOT ESTIMATED: "nope" is not a panel variable.',
    "K classes that change from (1) to (2): no country-year is classified by both.",
    "Diff = coefficient (2) - coefficient (1).",
  ]);
  // classes compared, none changed: the share (an integer percent as it is) and no cells
  const same = sensitivitySpec({
    ...TWO,
    classChange: { changed: 0, compared: 8, share: 0, cells: [] },
  });
  assert.equal(
    same.notes![2],
    "K classes that change from (1) to (2): 0 of 8 country-years classified by both (0%).",
  );
  // the rounding of the share is to one decimal: 1 of 3 is 33.3%
  const third = sensitivitySpec({
    ...TWO,
    classChange: { ...TWO.classChange, compared: 3, share: 1 / 3 },
  });
  assert.match(third.notes![2], /1 of 3 country-years classified by both \(33\.3%\): KAZ/);
  // a share of null with something compared (not produced, but read as 0)
  const nullShare = sensitivitySpec({
    ...TWO,
    classChange: { ...TWO.classChange, share: null },
  });
  assert.match(nullShare.notes![2], /classified by both \(0%\): /);
});

Deno.test("sensitivity table: one variant has no Diff column and no class-change note; three have no Diff", () => {
  const one = sensitivitySpec({ ...TWO, variants: [TWO.variants[0]] });
  assert.deepEqual(one.columns.map((c) => c.key), ["term", "b0", "se0"]);
  assert.deepEqual(one.rows[0], { term: "ln_a", b0: 0.5, se0: 0.25 });
  assert.deepEqual(one.notes, ["(1) Reported: dependent ln trade (goods, reported)."]);
  const three = sensitivitySpec({
    ...TWO,
    variants: [...TWO.variants, column({ label: "Third", dependent: "t3" })],
  });
  assert.deepEqual(three.columns.map((c) => c.key), [
    "term",
    "b0",
    "se0",
    "b1",
    "se1",
    "b2",
    "se2",
  ]);
  assert.deepEqual(three.rows[0], {
    term: "ln_a",
    b0: 0.5,
    se0: 0.25,
    b1: 0.75,
    se1: 0.125,
    b2: null,
    se2: null,
  });
  assert.deepEqual(three.rows[2], { term: "N", b0: 30, b1: 28, b2: 30 });
  assert.deepEqual(three.notes, [
    "(1) Reported: dependent ln trade (goods, reported).",
    "(2) Mirror: dependent ln trade_m; cells in the sample flagged interpolated (2), mirror (5).",
    "(3) Third: dependent ln t3.",
    "K classes that change from (1) to (2): 1 of 8 country-years classified by both (12.5%): " +
    "KAZ 2016 huge -> expanding.",
  ]);
});

Deno.test("sensitivity table: Diff is empty when only the second variant has the term; changed cells joined by '; '", () => {
  const spec = sensitivitySpec({
    ...TWO,
    variants: [
      column({ coefficients: [] }),
      column({ label: "Mirror", coefficients: [{ term: "ln_a", estimate: 0.5, stdError: 0.1 }] }),
    ],
    classChange: {
      changed: 2,
      compared: 4,
      share: 0.5,
      cells: [
        { country: "KAZ", year: 2016, from: "huge", to: "expanding" },
        { country: "UZB", year: 2018, from: "remodelling", to: "expanding" },
      ],
    },
  });
  assert.deepEqual(spec.rows[0], {
    term: "ln_a",
    b0: null,
    se0: null,
    b1: 0.5,
    se1: 0.1,
    diff: null,
  });
  assert.equal(
    spec.notes![2],
    "K classes that change from (1) to (2): 2 of 4 country-years classified by both (50%): " +
      "KAZ 2016 huge -> expanding; UZB 2018 remodelling -> expanding.",
  );
});

Deno.test("sensitivity models side by side (LaTeX): stars from p, SEs in parentheses, half-missing terms left out, N, R2, agreement rows", () => {
  const spec = sensitivityModelsSpec({
    ...TWO,
    variants: [
      {
        ...TWO.variants[0],
        // p 0.046 < 0.05: two stars; no p: no stars
        coefficients: [
          { term: "ln_a", estimate: 0.5, stdError: 0.25, p: 0.046 },
          { term: "_cons", estimate: 2, stdError: 1.5 },
        ],
      },
      {
        ...TWO.variants[1],
        // p 0.0001 < 0.01: three stars; a term with only an estimate or only an SE is left out
        coefficients: [
          { term: "ln_a", estimate: 0.75, stdError: 0.125, p: 0.0001 },
          { term: "_cons", estimate: null, stdError: null },
          { term: "ln_b", estimate: 1, stdError: null, p: 0.5 },
          { term: "ln_c", estimate: null, stdError: 0.3, p: 0.5 },
        ],
      },
      column({
        label: "Missing",
        dependent: "nope",
        estimable: false,
        reason: "no rows",
        n: 0,
        r2: null,
      }),
    ],
  });
  assert.equal(spec.title, "Sensitivity: the same equation on each dependent variable");
  assert.deepEqual(spec.columns.map((c) => c.label), [
    "",
    "(1) Reported",
    "(2) Mirror",
    "(3) Missing",
  ]);
  assert.deepEqual(spec.rows, [
    { label: "ln_a", m0: "0.500**", m1: "0.750***", m2: "" },
    { label: "", m0: "(0.250)", m1: "(0.125)", m2: "" },
    { label: "_cons", m0: "2.000", m1: "", m2: "" },
    { label: "", m0: "(1.500)", m1: "", m2: "" },
    { label: "Observations", m0: "30", m1: "28", m2: "." },
    { label: "R2", m0: "0.813", m1: "0.750", m2: "." },
    { label: "Fixed effects", m0: "none", m1: "none", m2: "none" },
    { label: "Same sign as paper", m0: "1/2", m1: "0/1", m2: "." },
    { label: "Same class as paper", m0: "3/4", m1: ".", m2: "." },
  ]);
  assert.deepEqual(spec.notes, [
    SIGNIF_NOTE,
    "(1) Reported: dependent ln trade (goods, reported).",
    "(2) Mirror: dependent ln trade_m; cells in the sample flagged interpolated (2), mirror (5).",
    "(3) Missing: dependent ln nope; NOT ESTIMATED: no rows.",
    "K classes that change from (1) to (2): 1 of 8 country-years classified by both (12.5%): " +
    "KAZ 2016 huge -> expanding.",
  ]);
});
