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

/** The objective with every point it is asked for recorded (1-D problems: the x values). */
function recorded(fn: Objective): { fn: Objective; points: number[][] } {
  const points: number[][] = [];
  return {
    points,
    fn: (x, g) => {
      points.push(Array.from(x));
      return fn(x, g);
    },
  };
}

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

/** f = (x - 3)^2: f' = 2 (x - 3). */
const parabola: Objective = (x, g) => {
  g[0] = 2 * (x[0] - 3);
  return (x[0] - 3) ** 2;
};

Deno.test("BFGS on a parabola: a first step of length 1 along -g, then the secant step to the minimum", () => {
  // x0 = 0: g = -6, so the first trial step is 1 / |g| along -g, to x = 1 (f = 4, f' = -4:
  // sufficient decrease, and |f'| = 4 <= 0.9 |g . d| = 32.4, a strong-Wolfe point at once).
  // The secant pair s = 1, y = 2 gives the inverse Hessian 1/2 exactly, whose step -g/2 = 2
  // lands on x = 3, where g = 0: two iterations, three evaluations.
  const r = recorded(parabola);
  const seen: [number, number][] = [];
  const out = minimizeBfgs(r.fn, [0], { onIteration: (i, f) => seen.push([i, f]) });
  assert.deepEqual(r.points, [[0], [1], [3]]);
  assert.deepEqual(seen, [[1, 4], [2, 0]]);
  assert.deepEqual(Array.from(out.x), [3]);
  assert.deepEqual(Array.from(out.gradient), [0]);
  assert.equal(out.f, 0);
  assert.equal(out.iterations, 2);
  assert.equal(out.evaluations, 3);
  assert.equal(out.converged, true);
  assert.equal(out.message, "gradient below tolerance");
});

Deno.test("BFGS stops at the iteration limit, and still reports a minimum reached on the last iteration", () => {
  // the parabola's iterates are x = 1 after one iteration and x = 3 after two (test above)
  const one = minimizeBfgs(parabola, [0], { maxIterations: 1 });
  assert.deepEqual([one.x[0], one.f, one.iterations, one.evaluations], [1, 4, 1, 2]);
  assert.equal(one.converged, false);
  assert.equal(one.message, "iteration limit reached");
  const two = minimizeBfgs(parabola, [0], { maxIterations: 2 });
  assert.deepEqual([two.x[0], two.iterations, two.evaluations], [3, 2, 3]);
  assert.equal(two.converged, true);
  assert.equal(two.message, "gradient below tolerance");
  const none = minimizeBfgs(parabola, [0], { maxIterations: 0 });
  assert.deepEqual([none.x[0], none.iterations, none.evaluations], [0, 0, 1]);
  assert.equal(none.converged, false);
  assert.equal(none.message, "iteration limit reached");
});

Deno.test("BFGS's stopping rule: max |g_i| max(|x_i|, 1) <= tolerance max(|f|, scale)", () => {
  // at x0 = 0: |g| max(|x|, 1) / max(|f|, 1) = 6 / 9 = 2/3, so a tolerance of exactly 2/3 stops
  // before any step
  const atStart = minimizeBfgs(parabola, [0], { gradientTolerance: 2 / 3 });
  assert.deepEqual([atStart.x[0], atStart.iterations, atStart.evaluations], [0, 0, 1]);
  assert.equal(atStart.converged, true);
  assert.equal(atStart.message, "gradient below tolerance");
  // a scale of 1e12 makes 6 / 1e12 = 6e-12 <= 1e-10: converged at the start too
  const scaled = minimizeBfgs(parabola, [0], { scale: 1e12 });
  assert.deepEqual([scaled.iterations, scaled.evaluations, scaled.converged], [0, 1, true]);
  // at x0 = -3: |g| = 12 times |x| = 3, over f = 36: exactly 1 > 0.5, so it steps on (x = -2,
  // then the secant step to 3)
  const far = recorded(parabola);
  const r = minimizeBfgs(far.fn, [-3], { gradientTolerance: 0.5 });
  assert.deepEqual(far.points, [[-3], [-2], [3]]);
  assert.equal(r.iterations, 2);
});

Deno.test("BFGS's line search extrapolates by 4, then interpolates a cubic exactly", () => {
  // f = x^3 - 3x (minimum at x = 1) from x0 = -0.5: g = -2.25, first trial 1 / |g| along -g,
  // to x = 0.5, still descending steeply (f' = -2.25, more than 0.9 |g . d|): the step grows
  // fourfold, to x = 3.5, where f = 32.375 > f0. The cubic through the two end points' values
  // and slopes along the line is f itself, so its minimiser x = 1 is the next probe: f' = 0.
  const r = recorded((x, g) => {
    g[0] = 3 * x[0] ** 2 - 3;
    return x[0] ** 3 - 3 * x[0];
  });
  const out = minimizeBfgs(r.fn, [-0.5]);
  assert.equal(r.points.length, 4);
  assert.deepEqual(r.points.slice(0, 3), [[-0.5], [0.5], [3.5]]);
  close(r.points[3][0], 1, 1e-14);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [1, 4, true]);
  close(out.f, -2);
});

Deno.test("BFGS's line search shrinks a step that lands where f is infinite to a tenth", () => {
  // f = (x - 1)^2 below the wall x = 1.2, infinite beyond. From x0 = 0.5 (g = -1) the first
  // trial is x = 1.5, past the wall; a tenth of that step, x = 0.6, gives f = 0.16 and
  // |f'| = 0.8 <= 0.9: accepted. The secant pair (0.1, 0.2) gives the exact inverse Hessian
  // 1/2, so the next step lands on 1.
  const r = recorded((x, g) => {
    if (x[0] >= 1.2) return Infinity;
    g[0] = 2 * (x[0] - 1);
    return (x[0] - 1) ** 2;
  });
  const out = minimizeBfgs(r.fn, [0.5]);
  assert.deepEqual(r.points.slice(0, 2), [[0.5], [1.5]]);
  close(r.points[2][0], 0.6, 1e-15);
  close(r.points[3][0], 1, 1e-15);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [2, 4, true]);
});

Deno.test("BFGS on a flat f with a nonzero gradient: the line search gives up, in words", () => {
  // f = 1 everywhere, gradient reported as 1. The trial x = -1 fails sufficient decrease, and
  // every zoom probe does too. With equal values and slopes -1 at both ends, the interpolating
  // cubic's minimiser sits at the fraction r = (sqrt 3 - 1) / (2 sqrt 3) of the interval
  // (d1 = -2, d2 = sqrt 3: t = b - b (-1 + sqrt 3 + 2) / (2 sqrt 3)), so the probes are
  // -1, -r, -r^2, -r^3; each leaves f unchanged to rounding, and three such probes end the search.
  const r = recorded((_x, g) => {
    g[0] = 1;
    return 1;
  });
  const out = minimizeBfgs(r.fn, [0]);
  const q = (Math.sqrt(3) - 1) / (2 * Math.sqrt(3));
  assert.equal(r.points.length, 5);
  assert.deepEqual(r.points.slice(0, 2), [[0], [-1]]);
  [q, q * q, q ** 3].forEach((v, i) => close(r.points[i + 2][0], -v, 1e-13));
  assert.deepEqual([out.x[0], out.f, out.iterations, out.evaluations], [0, 1, 0, 5]);
  assert.equal(out.converged, false);
  assert.equal(
    out.message,
    "line search found no lower point (f is flat or rough here; gradient 1.0e+0)",
  );
});

Deno.test("BFGS on a flat f whose gradient is nearly zero: the minimum at double precision", () => {
  // gradient 1e-7: the trial x = -1e-7 satisfies sufficient decrease (1e-4 * 1e-14 is lost in
  // f = 1) with a slope still -1e-14, so the step grows fourfold (x = -4e-7) and f does not
  // fall: the zoom on [1, 4] (times 1e-7) probes 1 + 3r, then 1 + (3r) r, 1 + 3 r^3... and gives
  // up after three probes that leave f unchanged. A gradient measure of 1e-7 <= 1e-6 is read as
  // the minimum.
  const r = recorded((_x, g) => {
    g[0] = 1e-7;
    return 1;
  });
  const out = minimizeBfgs(r.fn, [0]);
  const q = (Math.sqrt(3) - 1) / (2 * Math.sqrt(3));
  assert.deepEqual(r.points.slice(0, 3), [[0], [-1e-7], [-4e-7]]);
  close(r.points[3][0], -(1 + 3 * q) * 1e-7, 1e-13);
  close(r.points[4][0], -(1 + 3 * q * q) * 1e-7, 1e-13);
  assert.deepEqual([out.x[0], out.iterations, out.evaluations, out.converged], [0, 0, 6, true]);
  assert.equal(out.message, "f cannot be lowered at double precision (gradient 1.0e-7)");
});

Deno.test("BFGS with f not finite at the start returns at once, in words", () => {
  const out = minimizeBfgs((_x, g) => {
    g[0] = 1;
    return NaN;
  }, [2]);
  assert.deepEqual([out.x[0], out.iterations, out.evaluations, out.converged], [2, 0, 1, false]);
  assert.ok(Number.isNaN(out.f));
  assert.equal(out.message, "f is not finite at the start");
});

Deno.test("BFGS with the Hessian by differences takes the Newton step on a quadratic", () => {
  // f = (x - 3)^2 + 2 (y - 1)^2 + (x - 3)(y - 1): Hessian [[2, 1], [1, 4]], positive definite.
  // Its inverse by central differences of the gradient (4 more calls at x0 +- 1e-7 e_j) makes the
  // first step, of length 1 (not 1 / |g|), the Newton step to (3, 1); there the predicted
  // decrease is below f's rounding: 1 iteration, 1 + 4 + 1 evaluations.
  const r = recorded((x, g) => {
    const a = x[0] - 3, b = x[1] - 1;
    g[0] = 2 * a + b;
    g[1] = 4 * b + a;
    return a * a + 2 * b * b + a * b;
  });
  const out = minimizeBfgs(r.fn, [0, 0], { initialHessian: "differences" });
  const h = 1e-5 * 1e-2; // 1e-5 max(|x_j|, 1e-2)
  assert.deepEqual(r.points.slice(1, 5), [[h, 0], [-h, 0], [0, h], [0, -h]]);
  close(r.points[5][0], 3, 1e-8);
  close(r.points[5][1], 1, 1e-8);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [1, 6, true]);
  assert.equal(out.message, "predicted decrease below double precision");
});

Deno.test("BFGS's Hessian by differences is shifted by 10^k times its largest diagonal until positive", () => {
  // f = x^4 - x^2 at x0 = 0.1: f'' = 12 x^2 - 2 = -1.88. Shifts 1e-10 .. 1 times 1.88 leave it
  // <= 0; 10 times gives 16.92, so the first step is -g / 16.92 with g = 4e-3 - 0.2 = -0.196
  // (length 1: the start is not the identity), to x = 0.1 + 0.196 / 16.92; f' is still steep
  // there, so the step grows by 4, 16, 64.
  const r = recorded((x, g) => {
    g[0] = 4 * x[0] ** 3 - 2 * x[0];
    return x[0] ** 4 - x[0] ** 2;
  });
  minimizeBfgs(r.fn, [0.1], { initialHessian: "differences", maxIterations: 1 });
  const step = 0.196 / 16.92;
  [1, 4, 16].forEach((k, i) => close(r.points[3 + i][0], 0.1 + k * step, 1e-9));
});

Deno.test("BFGS's Hessian by differences falls back to the identity when no shift below 1e3 makes it positive", () => {
  // f = x^2 + y^2 + 1e4 x y: Hessian [[2, 1e4], [1e4, 2]] needs a shift of 1e4 - 2 > 1e3 * 2.
  // The start is then the identity with the first step 1 / |g| along -g, g = (2, 1e4) at (1, 0).
  const r = recorded((x, g) => {
    g[0] = 2 * x[0] + 1e4 * x[1];
    g[1] = 2 * x[1] + 1e4 * x[0];
    return x[0] ** 2 + x[1] ** 2 + 1e4 * x[0] * x[1];
  });
  const out = minimizeBfgs(r.fn, [1, 0], { initialHessian: "differences", maxIterations: 1 });
  const norm = Math.hypot(2, 1e4);
  close(r.points[5][0], 1 - 2 / norm, 1e-12);
  close(r.points[5][1], -1e4 / norm, 1e-12);
  assert.equal(out.evaluations, r.points.length);
});

Deno.test("Newton polish on x^4: each step is 2/3 of x, 3 evaluations a step", () => {
  // f' = 4x^3, f'' = 12x^2 (by differences: + 4h^2, h = 1e-5 |x|): x <- x - x / 3. The loop
  // continues while 4x^3 > 1e-10 and calls it converged at 100 times that.
  const eight = newtonPolish((x, g) => {
    g[0] = 4 * x[0] ** 3;
    return x[0] ** 4;
  }, [1]);
  close(eight.x[0], (2 / 3) ** 8, 1e-9);
  assert.deepEqual([eight.iterations, eight.evaluations, eight.converged], [8, 25, false]);
  assert.equal(eight.message, "Newton polish stalled");
  // after 20 steps 4x^3 = 4 (2/3)^60 = 1.09e-10: above 1e-10 but within 100 times it
  const twenty = newtonPolish(
    (x, g) => {
      g[0] = 4 * x[0] ** 3;
      return x[0] ** 4;
    },
    [1],
    { maxSteps: 20 },
  );
  close(twenty.x[0], (2 / 3) ** 20, 1e-8);
  assert.deepEqual([twenty.iterations, twenty.evaluations, twenty.converged], [20, 61, true]);
  assert.equal(twenty.message, "Newton polish: gradient below tolerance");
  // a tolerance of 0.1 stops once 4x^3 <= 0.1, x <= 0.292: (2/3)^3 = 0.296 is not, (2/3)^4 is
  const loose = newtonPolish(
    (x, g) => {
      g[0] = 4 * x[0] ** 3;
      return x[0] ** 4;
    },
    [1],
    { gradientTolerance: 0.1 },
  );
  assert.equal(loose.iterations, 4);
});

Deno.test("Newton polish halves the step until f falls enough", () => {
  // f = sqrt(1 + x^2): f' = x / f, f'' = f^-3, so the Newton step from 2 is -2 * 5 = -10:
  // t = 1 gives x = -8 and t = 1/2 x = -3, both higher; t = 1/4 gives x = -0.5
  const r = recorded((x, g) => {
    const f = Math.sqrt(1 + x[0] ** 2);
    g[0] = x[0] / f;
    return f;
  });
  const out = newtonPolish(r.fn, [2], { maxSteps: 1 });
  [-8, -3, -0.5].forEach((v, i) => close(r.points[3 + i][0], v, 1e-8));
  assert.deepEqual([out.iterations, out.evaluations], [1, 6]);
  close(out.x[0], -0.5, 1e-8);
});

Deno.test("Newton polish accepts a step that leaves f flat to rounding but lowers the gradient", () => {
  // f = 1 with gradient x - 1: the Newton step from 0 lands on 1 (gradient 0) with f unchanged
  const out = newtonPolish((x, g) => {
    g[0] = x[0] - 1;
    return 1;
  }, [0]);
  close(out.x[0], 1, 1e-9);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [1, 4, true]);
});

Deno.test("BFGS retries along -g when the quasi-Newton direction finds no lower point", () => {
  // f = (x - 3)^2 + y^2 + 2xy, infinite beyond the wall (x - 1) + 2.2 y > 0. From (0, 0),
  // g = (-6, 0): the first step, 1 / |g| along -g, is to (1, 0) (on the wall; f = 4, g = (-4, 2)).
  // The pair s = (1, 0), y = (2, 2) (s'y = 2, y'y = 8) scales H to 1/4 and updates it to
  // H = V' H V + s s' / 2, V = I - y s' / 2: [[3/4, -1/4], [-1/4, 1/4]], whose direction
  // -H g = (3.5, -1.5) crosses the wall (3.5 - 2.2 * 1.5 > 0) at every step length down to f's
  // rounding. Along -g = (4, -2) (4 - 2.2 * 2 < 0) the step of length 1 to (5, -2) is accepted:
  // f = -12, g = (0, 6). The next pair s = (4, -2), y = (4, 4) (s'y = 8, y'y = 32) rescales H to
  // 1/4 and updates it to [[13/4, -9/4], [-9/4, 7/4]]: the third step is (13.5, -10.5).
  const r = recorded((p, g) => {
    const [x, y] = p;
    if ((x - 1) + 2.2 * y > 0) return Infinity;
    g[0] = 2 * (x - 3) + 2 * y;
    g[1] = 2 * y + 2 * x;
    return (x - 3) ** 2 + y * y + 2 * x * y;
  });
  const seen: [number, number][] = [];
  const out = minimizeBfgs(r.fn, [0, 0], {
    maxIterations: 3,
    onIteration: (i, f) => seen.push([i, f]),
  });
  assert.deepEqual(r.points.slice(0, 3), [[0, 0], [1, 0], [4.5, -1.5]]);
  assert.deepEqual(r.points.slice(-2), [[5, -2], [18.5, -12.5]]);
  assert.deepEqual(seen, [[1, 4], [2, -12], [3, -66]]);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [3, r.points.length, false]);
});
