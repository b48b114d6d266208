import assert from "node:assert/strict";
import { DOMParser } from "linkedom";
import {
  actualVsPredicted,
  cbecIndexByCountry,
  CLASS_COLORS,
  coefficientPlot,
  correlationHeatmap,
  type IndicatorRow,
  indicatorsOverTime,
  kHeatmap,
  kLines,
  type KRow,
  loadingsBars,
  MISSING_COLOR,
  residualsVsFitted,
  screePlot,
} from "../../../lib/report/figures/figures.ts";
import { SVG_NS } from "../../../lib/report/dom.ts";

interface El {
  getAttribute(n: string): string | null;
  textContent: string | null;
  parentNode: El | null;
  tagName: string;
  querySelectorAll(s: string): El[];
  closest(s: string): El | null;
}

/** Parse an SVG string as XML (so it must be well-formed) and return its root element. */
function parse(svg: string): El {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as {
    documentElement: El;
  };
  const root = doc.documentElement;
  assert.equal(root.tagName, "svg");
  assert.equal(root.getAttribute("xmlns"), SVG_NS);
  return root;
}

const all = (root: El, sel: string) => [...root.querySelectorAll(sel)];
/** Marks drawn by Plot (inside the nested panel svg), excluding the frame's legend. */
const marks = (root: El, label: string, tag: string) =>
  all(root, `svg g[aria-label="${label}"] ${tag}`);
const num = (el: El, a: string) => Number(el.getAttribute(a));
const texts = (root: El) => all(root, "text").map((t) => t.textContent ?? "");
/** Fill of a mark: its own attribute or that of the nearest group setting one. */
function fillOf(el: El | null): string | null {
  for (let e = el; e; e = e.parentNode) {
    const f = e.getAttribute?.("fill");
    if (f) return f;
  }
  return null;
}

const KAZ_UZB = ["KAZ", "UZB"];

function indicatorRows(): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const country of KAZ_UZB) {
    for (const year of [2015, 2016, 2017]) {
      for (const variable of ["internet", "servers"]) {
        rows.push({
          country,
          year,
          variable,
          value: country === "UZB" && year === 2017 && variable === "servers" ? null : year - 2000,
          flag: country === "KAZ" && year === 2016 && variable === "internet"
            ? "interpolated"
            : null,
        });
      }
    }
  }
  return rows;
}

Deno.test("indicatorsOverTime: one panel per country, a dot per value, flagged ones hollow", () => {
  const rows = indicatorRows();
  const root = parse(indicatorsOverTime(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 11); // 12 rows, one missing
  const hollow = dots.filter((c) => fillOf(c) === "white");
  assert.equal(hollow.length, 1);
  const headings = all(root, "text.panel-heading").map((t) => t.textContent);
  assert.deepEqual(headings, KAZ_UZB);
  const t = texts(root);
  for (
    const label of [
      "internet",
      "servers",
      "observed",
      "interpolated/extrapolated/rebased (flagged)",
    ]
  ) {
    assert.ok(t.includes(label), label);
  }
  assert.ok(t.some((s) => s.includes("1 missing not drawn")));
  // one line per series in each panel
  assert.equal(marks(root, "line", "path").length, 4);
  const byVariable = parse(indicatorsOverTime(rows, { facet: "variable" }));
  assert.deepEqual(all(byVariable, "text.panel-heading").map((x) => x.textContent), [
    "internet",
    "servers",
  ]);
});

Deno.test("correlationHeatmap: a cell per pair, r printed, colour by r", () => {
  const root = parse(correlationHeatmap({
    variables: ["a", "b", "c"],
    matrix: [[1, 0.8, -0.3], [0.8, 1, 0.1], [-0.3, 0.1, 1]],
  }));
  const cells = marks(root, "cell", "rect");
  assert.equal(cells.length, 9);
  const labels = marks(root, "text", "text").map((x) => x.textContent);
  assert.deepEqual(labels, [
    "1.00",
    "0.80",
    "−0.30",
    "0.80",
    "1.00",
    "0.10",
    "−0.30",
    "0.10",
    "1.00",
  ]);
  // symmetric matrix -> symmetric colours; the diagonal has the legend's r = 1 colour
  const fill = cells.map((c) => c.getAttribute("fill"));
  assert.equal(fill[1], fill[3]);
  assert.equal(fill[2], fill[6]);
  assert.notEqual(fill[1], fill[2]);
  const legend = all(root, "g.legend-item");
  const one = legend.find((g) => g.querySelectorAll("text")[0].textContent === "r = 1.0");
  assert.equal(one?.querySelectorAll("rect")[0].getAttribute("fill"), fill[0]);
});

Deno.test("screePlot: a dot per eigenvalue and the Kaiser line at eigenvalue 1", () => {
  const root = parse(screePlot([2.5, 1, 0.5]));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const rule = marks(root, "rule", "line");
  assert.equal(rule.length, 1);
  // the rule sits exactly at the height of the eigenvalue-1 dot
  assert.ok(Math.abs(num(rule[0], "y1") - num(dots[1], "cy")) < 1e-9);
  assert.ok(texts(root).includes("eigenvalue = 1"));
});

Deno.test("loadingsBars: a bar per variable and component, coloured by sign", () => {
  const root = parse(loadingsBars({
    variables: ["a", "b", "c"],
    loadings: [[0.6, 0.2], [0.6, -0.3], [-0.5, 0.9]],
  }));
  const bars = marks(root, "bar", "rect");
  assert.equal(bars.length, 6);
  const red = bars.filter((b) => b.getAttribute("fill") === "#d73027");
  assert.equal(red.length, 2);
  // bar width proportional to |loading|: 0.6 vs 0.3 within one panel scale
  const w = bars.map((b) => num(b, "width"));
  assert.ok(Math.abs(w[0] / w[4] - 2) < 0.02, `${w}`);
  assert.ok(texts(root).includes("PC2"));
  assert.ok(texts(root).includes("−0.50"));
});

Deno.test("cbecIndexByCountry: a dot per value, countries in the legend", () => {
  const rows = [
    { country: "UZB", year: 2015, index: -1 },
    { country: "KAZ", year: 2015, index: 0.5 },
    { country: "KAZ", year: 2016, index: 1.5 },
    { country: "KAZ", year: 2017, index: NaN },
  ];
  const root = parse(cbecIndexByCountry(rows));
  assert.equal(marks(root, "dot", "circle").length, 3);
  assert.deepEqual(all(root, "g.legend-item text").map((t) => t.textContent), ["KAZ", "UZB"]);
});

Deno.test("coefficientPlot: dots, CI bars around them, intercept dropped, paper series", () => {
  const ours = [
    { term: "(Intercept)", estimate: 5, ciLower: 1, ciUpper: 9 },
    { term: "ln_gdp", estimate: 0.8, ciLower: 0.3, ciUpper: 1.3 },
    { term: "ln_dist", estimate: -1.1, ciLower: -2, ciUpper: -0.2 },
  ];
  const paper = [{ term: "ln_gdp", estimate: 0.5 }, { term: "ln_dist", estimate: -0.7 }];
  const root = parse(coefficientPlot(ours, { paper }));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 4);
  const rules = marks(root, "rule", "line").filter((l) =>
    l.getAttribute("y1") !== null &&
    l.getAttribute("x1") !== l.getAttribute("x2")
  );
  assert.equal(rules.length, 2); // CIs of ours only (paper has none)
  // each CI bar spans its estimate's dot; facets are drawn term by term (ours, then paper)
  for (let i = 0; i < 2; i++) {
    const cx = num(dots[2 * i], "cx");
    assert.ok(num(rules[i], "x1") < cx && cx < num(rules[i], "x2"));
  }
  const t = texts(root);
  assert.ok(!t.includes("(Intercept)"));
  assert.ok(t.includes("ln_gdp") && t.includes("paper") && t.includes("ours"));
  assert.ok(t.some((s) => s.startsWith("2 estimate(s) without")));
  const alone = parse(coefficientPlot(ours, { dropIntercept: false }));
  assert.equal(marks(alone, "dot", "circle").length, 3);
});

Deno.test("actualVsPredicted: log-log dots on the 45-degree line, labels, dropped counted", () => {
  const rows = [
    { country: "KAZ", year: 2015, actual: 1e9, predicted: 1e9 },
    { country: "KAZ", year: 2016, actual: 4e9, predicted: 2e9 },
    { country: "UZB", year: 2015, actual: 1e10, predicted: 1e10 },
    { country: "UZB", year: 2016, actual: 0, predicted: 3e9 },
  ];
  const root = parse(actualVsPredicted(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const path = marks(root, "line", "path")[0].getAttribute("d") ?? "";
  const [x0, y0, x1, y1] = path.replace(/[ML]/g, " ").trim().split(/[ ,]+/).map(Number);
  // points with actual = predicted lie on the line (in pixels), the other one above it
  const onLine = (c: El) => {
    const x = num(c, "cx"), y = num(c, "cy");
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0) - y;
  };
  assert.ok(Math.abs(onLine(dots[0])) < 1e-6);
  assert.ok(Math.abs(onLine(dots[2])) < 1e-6);
  assert.ok(onLine(dots[1]) > 10); // actual > predicted: above (smaller svg y)
  // log x scale: predicted 1e9, 2e9, 1e10 sit at log10 distances (0.30103 of a decade)
  const cx = dots.map((c) => num(c, "cx"));
  assert.ok(Math.abs((cx[1] - cx[0]) / (cx[2] - cx[0]) - Math.log10(2)) < 1e-9);
  const t = texts(root);
  assert.ok(t.includes("KAZ 2015") && t.includes("UZB 2015") && !t.includes("UZB 2016"));
  assert.ok(t.some((s) => s.startsWith("1 row(s) with missing or non-positive")));
});

Deno.test("residualsVsFitted: a dot per row and the zero rule", () => {
  const rows = [
    { fitted: 1, residual: 0.5, label: "a" },
    { fitted: 2, residual: 0, label: "b" },
    { fitted: 3, residual: -0.5, label: "c" },
  ];
  const root = parse(residualsVsFitted(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const rule = marks(root, "rule", "line");
  assert.equal(rule.length, 1);
  assert.ok(Math.abs(num(rule[0], "y1") - num(dots[1], "cy")) < 1e-9);
  assert.deepEqual(marks(root, "text", "text").map((x) => x.textContent), ["a", "b", "c"]);
});

const kRows: KRow[] = [
  { country: "KAZ", year: 2015, k: 0.5, class: "huge" },
  { country: "KAZ", year: 2016, k: 1.0, class: "expanding" },
  { country: "UZB", year: 2015, k: 1.3, class: "remodelling" },
  { country: "UZB", year: 2016, k: null, class: null },
];

Deno.test("kHeatmap: cells coloured by class, K printed, legend with thresholds", () => {
  const root = parse(kHeatmap(kRows));
  const cells = marks(root, "cell", "rect");
  assert.deepEqual(cells.map((c) => c.getAttribute("fill")), [
    CLASS_COLORS.huge,
    CLASS_COLORS.expanding,
    CLASS_COLORS.remodelling,
    MISSING_COLOR,
  ]);
  assert.deepEqual(marks(root, "text", "text").map((x) => x.textContent), [
    "0.50",
    "1.00",
    "1.30",
    ".",
  ]);
  const legend = all(root, "g.legend-item text").map((x) => x.textContent);
  assert.deepEqual(legend, [
    "huge potential (K ≤ 0.8)",
    "expanding potential (0.8 < K < 1.2)",
    "re-modelling (K ≥ 1.2)",
  ]);
  const custom = parse(kHeatmap(kRows, { thresholds: { huge: 0.9, remodelling: 1.1 } }));
  assert.ok(texts(custom).includes("re-modelling (K ≥ 1.1)"));
});

Deno.test("kLines: threshold rules exactly at K = 0.8 and 1.2, configurable", () => {
  const rows: KRow[] = [
    { country: "KAZ", year: 2015, k: 0.8, class: "huge" },
    { country: "KAZ", year: 2016, k: 1.2, class: "remodelling" },
    { country: "UZB", year: 2015, k: 2, class: "remodelling" },
  ];
  const root = parse(kLines(rows));
  const dots = marks(root, "dot", "circle");
  assert.equal(dots.length, 3);
  const rules = marks(root, "rule", "line").map((l) => num(l, "y1"));
  assert.equal(rules.length, 2);
  assert.ok(Math.abs(rules[0] - num(dots[0], "cy")) < 1e-9);
  assert.ok(Math.abs(rules[1] - num(dots[1], "cy")) < 1e-9);
  assert.ok(texts(root).includes("K = 0.8") && texts(root).includes("K = 1.2"));
  const custom = parse(kLines(rows, { thresholds: { huge: 2, remodelling: 3 } }));
  const r2 = marks(custom, "rule", "line").map((l) => num(l, "y1"));
  assert.ok(Math.abs(r2[0] - num(marks(custom, "dot", "circle")[2], "cy")) < 1e-9);
  assert.ok(texts(custom).includes("K = 3"));
});

Deno.test("kLines: a missing year breaks the country's line (no slope across the gap)", () => {
  const rows: KRow[] = [
    { country: "KGZ", year: 2018, k: 1.3, class: "remodelling" },
    { country: "KGZ", year: 2019, k: 1.1, class: "expanding" },
    { country: "KGZ", year: 2022, k: 0.5, class: "huge" },
    { country: "KGZ", year: 2023, k: 0.6, class: "huge" },
  ];
  const root = parse(kLines(rows));
  assert.equal(marks(root, "dot", "circle").length, 4);
  // Two runs (2018-2019 and 2022-2023): two paths, each with two points (one "L" command).
  const paths = marks(root, "line", "path").map((p) => p.getAttribute("d") ?? "");
  assert.equal(paths.length, 2);
  for (const d of paths) assert.equal((d.match(/L/g) ?? []).length, 1);
});

const figures: [string, () => string][] = [
  ["indicatorsOverTime", () => indicatorsOverTime([])],
  ["correlationHeatmap", () => correlationHeatmap({ variables: [], matrix: [] })],
  ["screePlot", () => screePlot([])],
  ["loadingsBars", () => loadingsBars({ variables: [], loadings: [] })],
  ["cbecIndexByCountry", () => cbecIndexByCountry([])],
  ["coefficientPlot", () => coefficientPlot([])],
  ["actualVsPredicted", () => actualVsPredicted([])],
  ["residualsVsFitted", () => residualsVsFitted([])],
  ["kHeatmap", () => kHeatmap([])],
  ["kLines", () => kLines([{ country: "KAZ", year: 2015, k: null, class: null }])],
];

Deno.test("every figure gives a small 'no data' SVG on empty input", () => {
  for (const [name, f] of figures) {
    const root = parse(f());
    assert.ok(texts(root).includes("no data"), name);
    assert.ok(num(root, "width") <= 320, name);
  }
});

Deno.test("figures are deterministic and leak no DOM globals", () => {
  const make = () => [
    indicatorsOverTime(indicatorRows()),
    correlationHeatmap({ variables: ["a", "b"], matrix: [[1, 0.3], [0.3, 1]] }),
    screePlot([1.5, 0.5]),
    loadingsBars({ variables: ["a", "b"], loadings: [[0.7, 0.7], [0.7, -0.7]] }),
    kHeatmap(kRows),
    kLines(kRows),
    coefficientPlot([{ term: "x", estimate: 1, ciLower: 0, ciUpper: 2 }]),
    actualVsPredicted([{ country: "KAZ", year: 2015, actual: 2, predicted: 1 }]),
    residualsVsFitted([{ fitted: 1, residual: 1 }]),
    cbecIndexByCountry([{ country: "KAZ", year: 2015, index: 1 }]),
  ];
  assert.deepEqual(make(), make());
  const g = globalThis as Record<string, unknown>;
  assert.equal(g.document, undefined);
  assert.equal(g.window, undefined);
});

Deno.test("screePlot: threshold null draws no reference line, and the y axis follows the data", () => {
  const root = parse(screePlot([0.8, 0.5], { threshold: null }));
  assert.equal(marks(root, "rule", "line").length, 0);
  assert.ok(!texts(root).some((t) => t.startsWith("eigenvalue =")));
  assert.equal(marks(root, "dot", "circle").length, 2);
  // another threshold: its line and label
  const other = parse(screePlot([2.5, 1, 0.5], { threshold: 0.7 }));
  assert.ok(texts(other).includes("eigenvalue = 0.7"));
});
