/**
 * lib/gravity/render/sections/potential.ts on the hand-built result of hand_results.ts: the exact markdown
 * and text of Table 3 (K, class, interval and P(class), the paper's K and class, the benchmark
 * columns, notes printed only when their condition holds). Expected strings are written from the
 * fixture's inputs.
 */
import assert from "node:assert/strict";
import { table3MatrixSpec, table3Spec } from "../../../../lib/gravity/render/sections/potential.ts";
import { formatTable } from "../../../../lib/report/table.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handStructural,
  handStudy,
  withPaper,
} from "../hand_results.ts";

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

Deno.test("Table 3: K, class, interval and P(class); the paper's K and class; notes", () => {
  const r = handStudy();
  r.potential[0].actual = 12345678.6;
  r.potential[0].predicted = 9876543.21;
  assert.equal(
    md(table3Spec(r)),
    [
      "**Table 3. Trade potential K: ours beside the paper's**",
      "",
      "| Country | Year | Actual | Predicted | K | Class | 90% int. | P(cls) | Paper K | " +
      "Paper class | Same class |",
      "|:---|---:|---:|---:|---:|:---|:---|---:|---:|:---|:---|",
      "| AAA | 2019 | 12345679 | 9876543.2100 | 0.700 | huge | 0.50-1.25 | 0.50 | . | - | . |",
      "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | 0.75 | . | - | . |",
      "| BBB | 2019 | . | 40 | . | (out of sample) | . | . | . | - | . |",
      "| BBB | 2020 | 5 | . | . | - | . | . | . | - | . |",
      "",
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "90% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // the paper: K with 3 decimals, class, agreement; its inconsistencies; P(class) of a row
  // without probabilities; a row in sample without a class
  withPaper(r);
  r.uncertainty!.level = 0.8;
  r.potential[1].classProbabilities = null;
  r.potential[2] = { ...r.potential[2], outOfSample: false };
  r.potential[0].actual = 7.5;
  r.potential[0].predicted = 10.25;
  assert.equal(
    md(table3Spec(r)),
    [
      "**Table 3. Trade potential K: ours beside the paper's**",
      "",
      "| Country | Year | Actual | Predicted | K | Class | 80% int. | P(cls) | Paper K | " +
      "Paper class | Same class |",
      "|:---|---:|---:|---:|---:|:---|:---|---:|---:|:---|:---|",
      "| AAA | 2019 | 7.5000 | 10.2500 | 0.700 | huge | 0.50-1.25 | 0.50 | 0.600 | huge | yes |",
      "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | . | 1.300 | expanding | NO |",
      "| BBB | 2019 | . | 40 | . | - | . | . | . | - | . |",
      "| BBB | 2020 | 5 | . | . | - | . | . | . | - | . |",
      "",
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "The paper contradicts its own thresholds: AAA 2020 (K 1.3, expanding); BBB 2018 (K 0.5, " +
      "remodelling).",
      "80% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // no uncertainty: no interval columns or note; rows without the interval fields
  r.uncertainty = null;
  r.paper!.comparison.paperInconsistencies = [];
  for (const p of r.potential) delete (p as { kLower?: unknown }).kLower;
  const s = table3Spec(r);
  assert.deepEqual(s.columns.map((c) => c.label), [
    "Country",
    "Year",
    "Actual",
    "Predicted",
    "K",
    "Class",
    "Paper K",
    "Paper class",
    "Same class",
  ]);
  assert.deepEqual(s.notes, [
    "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
    "K >= 1.25 remodelling.",
  ]);
  assert.equal("interval" in s.rows[0], false);
  assert.equal("pClass" in s.rows[0], false);
});

Deno.test("Table 3 with the benchmark: K-OLS, K-PPML, K-struct; compact text drops Actual and Predicted", () => {
  const r = handStudy();
  r.benchmark = handBenchmark([handBenchmarkFit("ols"), handBenchmarkFit("ppml")]);
  r.structural = handStructural();
  const full = table3Spec(r);
  assert.deepEqual(full.columns.map((c) => c.key), [
    "country",
    "year",
    "actual",
    "predicted",
    "k",
    "class",
    "interval",
    "pClass",
    "bench_ols",
    "bench_ppml",
    "struct_k",
    "paperK",
    "paperClass",
    "agree",
  ]);
  assert.equal(
    formatTable(table3Spec(r, { compact: true }), "text"),
    [
      "Table 3. Trade potential K: ours beside the paper's",
      "-".repeat(115),
      "Country  Year      K  Class            90% int.   P(cls)  K-OLS  K-PPML  K-struct  " +
      "Paper K  Paper class  Same class",
      "-".repeat(115),
      "AAA      2019  0.700  huge             0.50-1.25    0.50  0.500   0.500         2" +
      "        .  -            .",
      "AAA      2020  1.250  remodelling      1-1.50       0.75      .       .         ." +
      "        .  -            .",
      "BBB      2019      .  (out of sample)  .               .  1.250   1.500     0.500" +
      "        .  -            .",
      "BBB      2020      .  -                .               .      .       .         ." +
      "        .  -            .",
      "-".repeat(115),
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "K-OLS, K-PPML: K against the world benchmark (Table 3b); K-struct: the structural K " +
      "(Table 3c).",
      "90% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // compact without benchmark columns keeps Actual and Predicted
  const plain = handStudy();
  assert.deepEqual(
    table3Spec(plain, { compact: true }).columns.map((c) => c.key).slice(0, 4),
    ["country", "year", "actual", "predicted"],
  );
});

Deno.test("Table 3: a P(class) that is not a finite number prints '.'", () => {
  const r = handStudy();
  r.potential[0].classProbabilities = { huge: NaN, expanding: 0.5, remodelling: 0.5 };
  r.potential[1].classProbabilities = { huge: 0, expanding: 0, remodelling: Infinity };
  const rows = md(table3Spec(r)).split("\n");
  assert.equal(rows[4], "| AAA | 2019 | 7 | 10 | 0.700 | huge | 0.50-1.25 | . | . | - | . |");
  assert.equal(rows[5], "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | . | . | - | . |");
});

Deno.test("Table 3 compact (table3MatrixSpec): K and class letter per partner and year, the paper's row beneath, classes agreeing counted", () => {
  const r = handStudy();
  const notes = [
    "",
    "K = actual / predicted (level); classes: H huge (K <= 0.75), E expanding, R remodelling " +
    '(K >= 1.25); "." no K. The full Table 3 adds the intervals and the benchmark K.',
  ];
  // ours alone: AAA 2019 K 0.7 <= 0.75 (H), 2020 K 1.25 >= 1.25 (R); BBB has no K
  assert.equal(
    md(table3MatrixSpec(r)),
    [
      "**Table 3 (compact). Trade potential K and class by partner and year**",
      "",
      "| Country |  | 2019 | 2020 | Same class |",
      "|:---|:---|---:|---:|---:|",
      "| AAA | ours | 0.70 H | 1.25 R | . |",
      "| BBB | ours | . | . | . |",
      ...notes,
    ].join("\n"),
  );
  // with the paper: its K and its own class (1.30 read as expanding from its words); 2019 agrees,
  // 2020 does not; a K without a class shows "-", a class without a K ". H", and a cell the
  // comparison could not judge (agree null) is not counted
  withPaper(r);
  r.potential.push({ ...r.potential[2], year: 2020, k: 0.9, class: null });
  r.paper!.comparison.classes.push({
    ...r.paper!.comparison.classes[0],
    country: "BBB",
    year: 2019,
    oursK: null,
    oursClass: null,
    paperK: null,
    paperClass: "huge",
    agree: null,
  });
  assert.equal(
    md(table3MatrixSpec(r)),
    [
      "**Table 3 (compact). Trade potential K and class by partner and year, ours beside the " +
      "paper's**",
      "",
      "| Country |  | 2019 | 2020 | Same class |",
      "|:---|:---|---:|---:|---:|",
      "| AAA | ours | 0.70 H | 1.25 R | 1 of 2 |",
      "|  | paper | 0.60 H | 1.30 E |  |",
      "| BBB | ours | . | 0.90 - | 0 of 0 |",
      "|  | paper | . H | . |  |",
      ...notes,
    ].join("\n"),
  );
});
