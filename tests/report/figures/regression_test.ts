/** The regression figures (lib/report/figures/regression.ts): coefficients, actual vs predicted, residuals. */
import assert from "node:assert/strict";
import {
  actualVsPredicted,
  coefficientPlot,
  residualsVsFitted,
} from "../../../lib/report/figures/regression.ts";
import { type El, marks, num, parse, texts } from "./figure_fixture.ts";

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
