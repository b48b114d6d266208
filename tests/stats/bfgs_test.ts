/**
 * The BFGS minimiser and the Newton polish on test functions whose minima are known exactly:
 * Rosenbrock's (at 1, 1, ..., 1 in 2 and 10 dimensions), an ill-conditioned quadratic, and a
 * start outside the domain's good region (f infinite beyond a wall).
 */
import assert from "node:assert/strict";
import { minimizeBfgs, newtonPolish, type Objective } from "../../lib/stats/bfgs.ts";

const rosenbrock = (n: number): Objective => (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < n - 1; i++) {
    const a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
    f += a * a + 100 * b * b;
    g[i] += -2 * a - 400 * x[i] * b;
    g[i + 1] += 200 * b;
  }
  return f;
};

for (const initialHessian of ["identity", "differences"] as const) {
  Deno.test(`BFGS (${initialHessian} start) finds Rosenbrock's minimum in 2 and 10 dimensions`, () => {
    for (const [n, x0] of [[2, [-1.2, 1]], [10, new Array(10).fill(-1)]] as const) {
      const r = minimizeBfgs(rosenbrock(n), x0, { initialHessian });
      assert.equal(r.converged, true, r.message);
      for (const v of r.x) assert.ok(Math.abs(v - 1) < 1e-7, `${n}: ${v}`);
      assert.ok(r.f < 1e-14);
    }
  });
}

Deno.test("BFGS on an ill-conditioned quadratic (condition 1e8) reaches the minimum", () => {
  const d = [1, 1e2, 1e4, 1e6, 1e8];
  const c = [1, -2, 3, -4, 5];
  const r = minimizeBfgs((x, g) => {
    let f = 0;
    for (let i = 0; i < 5; i++) {
      f += 0.5 * d[i] * (x[i] - c[i]) ** 2;
      g[i] = d[i] * (x[i] - c[i]);
    }
    return f;
  }, [0, 0, 0, 0, 0]);
  assert.equal(r.converged, true, r.message);
  r.x.forEach((v, i) => assert.ok(Math.abs(v - c[i]) < 1e-6 * Math.max(1, Math.abs(c[i])), `${i}`));
});

Deno.test("BFGS backs off a wall where f is infinite", () => {
  // f = x - ln x on x > 0 (infinite at x <= 0): minimum at x = 1, started where a full step
  // along the gradient would cross the wall
  const r = minimizeBfgs((x, g) => {
    if (!(x[0] > 0)) return Infinity;
    g[0] = 1 - 1 / x[0];
    return x[0] - Math.log(x[0]);
  }, [0.05]);
  assert.equal(r.converged, true, r.message);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-8);
});

Deno.test("Newton polish converges quadratically from near a minimum", () => {
  const r = newtonPolish(rosenbrock(2), [0.9, 0.8]);
  assert.equal(r.converged, true, r.message);
  assert.ok(Math.abs(r.x[0] - 1) < 1e-8 && Math.abs(r.x[1] - 1) < 1e-8);
  assert.ok(r.iterations <= 8);
});
