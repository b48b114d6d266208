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

Deno.test("BFGS's zoom on a step past the minimum: the cubic of a parabola is the parabola", () => {
  // f = (x - 0.52)^2 from 0: g = -1.04, the trial step 1 / |g| along -g reaches x = 1, lower
  // (f = 0.2304 < 0.2704) but climbing (f' = 0.96 > 0.9 * 1.04): the zoom runs from that point
  // back toward 0, and its interpolating cubic is f itself, minimised at 0.52
  const r = recorded((x, g) => {
    g[0] = 2 * (x[0] - 0.52);
    return (x[0] - 0.52) ** 2;
  });
  minimizeBfgs(r.fn, [0], { maxIterations: 1 });
  assert.equal(r.points.length, 3);
  close(r.points[1][0], 1, 1e-15);
  close(r.points[2][0], 0.52, 1e-15);
});

/** A rough 1-D objective: f and its reported slope at x0 = 0 and elsewhere, as given. */
const rough = (f0: number, g0: number, f: (x: number) => number, g: (x: number) => number) =>
  recorded((x, grad) => {
    grad[0] = x[0] === 0 ? g0 : g(x[0]);
    return x[0] === 0 ? f0 : f(x[0]);
  });

Deno.test("BFGS's zoom bisects when the cubic's minimiser is in the first or last tenth", () => {
  // f flat at 1, slope -1 at 0 and -20 elsewhere: the cubic on [0, 1] (equal values, slopes -1
  // and -20) is least at t = 0.0235 (d1 = -21, d2 = sqrt(421)), inside the first tenth: the
  // probe is the midpoint 0.5
  const low = rough(1, -1, () => 1, () => -20);
  minimizeBfgs(low.fn, [0], { maxIterations: 1 });
  assert.deepEqual(low.points.slice(0, 3), [[0], [1], [0.5]]);
  // f = -5x with slope -1 at 0 and +1 elsewhere: x = 1 is lower but climbing, so the zoom runs
  // from 1 back to 0; the cubic through (1, -5, 1) and (0, 0, -1) is least at 0.968, in the
  // last tenth of [0, 1]: again the midpoint
  const high = rough(0, -1, (x) => -5 * x, () => 1);
  minimizeBfgs(high.fn, [0], { maxIterations: 1 });
  assert.deepEqual(high.points.slice(0, 3), [[0], [1], [0.5]]);
});

Deno.test("BFGS's zoom bisects toward the last finite point when a probe lands where f is infinite", () => {
  // f = (x - 1)^2, infinite on (0.9, 1.1). From 0.5 (g = -1) the trial x = 1.5 has f = f0 and
  // the cubic (f itself) sends the zoom to 1.0, infinite; the next probe is the midpoint of
  // [0, 0.5] in step, x = 0.75, where f = 0.0625 and |f'| = 0.5 <= 0.9: accepted
  const r = recorded((x, g) => {
    if (x[0] > 0.9 && x[0] < 1.1) return Infinity;
    g[0] = 2 * (x[0] - 1);
    return (x[0] - 1) ** 2;
  });
  minimizeBfgs(r.fn, [0.5], { maxIterations: 1 });
  assert.deepEqual(r.points, [[0.5], [1.5], [1], [0.75]]);
});

Deno.test("BFGS's zoom stops after 20 probes when none decreases f enough", () => {
  // f = 1 at 0 and 1 - 2e-14 elsewhere (more than f's rounding, 1e-14, below it, but never the
  // sufficient decrease 1e-4 a |g . d|), slope 2 at 0 and 40 elsewhere: the cubic's minimiser is
  // always in the first tenth, so the zoom bisects: from the trial a = 1/2 (x = -1) to
  // x = -2^-k, k = 1..20; then no step is found along -g and the gradient measure is 2
  const r = rough(1, 2, () => 1 - 2e-14, () => 40);
  const out = minimizeBfgs(r.fn, [0]);
  assert.deepEqual(r.points, [
    [0],
    [-1],
    ...Array.from({ length: 20 }, (_, k) => [-(2 ** -(k + 1))]),
  ]);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [0, 22, false]);
  assert.equal(
    out.message,
    "line search found no lower point (f is flat or rough here; gradient 2.0e+0)",
  );
  // f = 4 at 0 and 4 - 2e-14 elsewhere: that is within f's rounding there (1e-14 * 4), so three
  // such probes end the zoom
  const flat = rough(4, 2, () => 4 - 2e-14, () => 40);
  const out4 = minimizeBfgs(flat.fn, [0]);
  assert.deepEqual(flat.points, [[0], [-1], [-0.5], [-0.25], [-0.125]]);
  assert.equal(out4.evaluations, 5);
});

Deno.test("BFGS's line search shrinks by tenths at most 40 times while f is infinite", () => {
  // f finite only at x0 = 0: the trial a = 1 (|g| = 1) and 39 tenths of it are all infinite
  const r = rough(0, -1, () => Infinity, () => 0);
  const out = minimizeBfgs(r.fn, [0]);
  assert.equal(r.points.length, 41);
  [1, 0.1, 0.01, 1e-3].forEach((v, i) => close(r.points[i + 1][0], v, 1e-15));
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [0, 41, false]);
});

Deno.test("BFGS takes the best sufficient-decrease point when no point meets the curvature condition", () => {
  // f = 1 at (0, 0) and 0.99 elsewhere, reported gradient (-10, 0) there and (-10 + 1e-12, 2)
  // elsewhere. The trial a = 1/10 reaches (1, 0) with enough decrease (0.99 <= 1 - 1e-4 * 0.1 *
  // 100) but slope -100: the step grows to a = 0.4 (4, 0), no lower, so the zoom on [0.1, 0.4]
  // runs its 20 probes (none is lower than 0.99) and settles for (1, 0), probed once more: 23
  // evaluations. The pair s = (1, 0), y = (1e-12, 2) has s'y = 1e-12 <= 1e-12 |s| |y|: no
  // update, so the next step is along -g = (10 - 1e-12, -2), of length 1
  const r = recorded((p, g) => {
    const at0 = p[0] === 0 && p[1] === 0;
    g[0] = at0 ? -10 : -10 + 1e-12;
    g[1] = at0 ? 0 : 2;
    return at0 ? 1 : 0.99;
  });
  const out = minimizeBfgs(r.fn, [0, 0], { maxIterations: 2 });
  assert.deepEqual(r.points.slice(0, 3), [[0, 0], [1, 0], [4, 0]]);
  assert.deepEqual(r.points[23], [1, 0]);
  close(r.points[24][0], 11 - 1e-12, 1e-15);
  assert.equal(r.points[24][1], -2);
  assert.equal(out.evaluations > 24, true);
});

Deno.test("BFGS accepts a slope of exactly 0.9 times the initial one", () => {
  // f = 1 at 0 and 0.5 elsewhere, slope -1 at 0 and -0.9 elsewhere: the trial x = 1 has
  // |f'| = 0.9 = c2 |g . d|, a strong-Wolfe point
  const r = rough(1, -1, () => 0.5, () => -0.9);
  const out = minimizeBfgs(r.fn, [0], { maxIterations: 1 });
  assert.deepEqual(r.points, [[0], [1]]);
  assert.equal(out.evaluations, 2);
});

Deno.test("BFGS's sufficient decrease is 1e-4 times the step times the slope", () => {
  // f = 1 at 0 and 0.99 elsewhere, slope -10: the trial a = 1/10 (x = 1) needs f <= 1 -
  // 1e-4 * 0.1 * 100 = 0.999, which 0.99 meets; the slope there is still -100 so the step grows
  // to a = 0.4 (x = 4)
  const r = rough(1, -10, () => 0.99, () => -10);
  minimizeBfgs(r.fn, [0], { maxIterations: 1 });
  assert.deepEqual(r.points.slice(0, 3), [[0], [1], [4]]);
});

Deno.test("BFGS calls a gradient measure of exactly 1e-6 at a flat f the minimum", () => {
  const r = rough(1, 1e-6, () => 1, () => 1e-6);
  const out = minimizeBfgs(r.fn, [0]);
  assert.equal(out.converged, true);
  assert.equal(out.message, "f cannot be lowered at double precision (gradient 1.0e-6)");
});

Deno.test("BFGS judges the last iterate by the tolerance too, equality included", () => {
  // the parabola from -10: |g| |x| / f = 26 * 10 / 169 = 1.54 > 4/3. The trial step 1 / |g| to
  // -9 still falls too steeply (|f'| = 24 * 26 > 0.9 * 26^2), so it grows fourfold, to -6
  // (|f'| = 18 * 26 <= 0.9 * 26^2): there 18 * 6 / 81 = 4/3 exactly
  const out = minimizeBfgs(parabola, [-10], { maxIterations: 1, gradientTolerance: 4 / 3 });
  assert.equal(out.x[0], -6);
  assert.equal(out.converged, true);
  assert.equal(out.message, "gradient below tolerance");
});

Deno.test("BFGS: a predicted decrease below f's rounding ends the run, relative to |f|", () => {
  // the quadratic of the Newton-step test plus 1e4, with no gradient tolerance: after the Newton
  // step the predicted decrease (about 1e-16) is below 1e-14 * 1e4
  const out = minimizeBfgs(
    (x, g) => {
      const a = x[0] - 3, b = x[1] - 1;
      g[0] = 2 * a + b;
      g[1] = 4 * b + a;
      return 1e4 + a * a + 2 * b * b + a * b;
    },
    [0, 0],
    { initialHessian: "differences", gradientTolerance: 0 },
  );
  assert.equal(out.message, "predicted decrease below double precision");
  assert.equal(out.converged, true);
  assert.equal(out.iterations, 1);
});

Deno.test("Newton polish: the step count, the stopping rule's equality and a failed Cholesky", () => {
  // a quadratic in 2 dimensions: one Newton step (exact but for the differences' rounding),
  // 1 + 2 * 2 + 1 evaluations
  const q = newtonPolish(
    (x, g) => {
      g[0] = 2 * (x[0] - 1);
      g[1] = 8 * (x[1] + 2);
      return (x[0] - 1) ** 2 + 4 * (x[1] + 2) ** 2;
    },
    [3, 3],
    { gradientTolerance: 1e-6 },
  );
  assert.deepEqual([q.iterations, q.evaluations, q.converged], [1, 6, true]);
  close(q.x[0], 1, 1e-9);
  close(q.x[1], -2, 1e-9);
  // f = 1 with gradient x - 1: at 0 the measure is 1, so a tolerance of 1 takes no step, and
  // with no steps allowed a tolerance of 0.01 is met at 100 times it
  const flat: Objective = (x, g) => {
    g[0] = x[0] - 1;
    return 1;
  };
  const none = newtonPolish(flat, [0], { gradientTolerance: 1 });
  assert.deepEqual([none.iterations, none.evaluations, none.converged], [0, 1, true]);
  const zero = newtonPolish(flat, [0], { gradientTolerance: 0.01, maxSteps: 0 });
  assert.equal(zero.converged, true);
  // x^2 + y^2 + 1e4 x y: no shift below 1e3 makes the Hessian positive: no step
  const saddle = newtonPolish((x, g) => {
    g[0] = 2 * x[0] + 1e4 * x[1];
    g[1] = 2 * x[1] + 1e4 * x[0];
    return x[0] ** 2 + x[1] ** 2 + 1e4 * x[0] * x[1];
  }, [1, 0]);
  assert.deepEqual([saddle.iterations, saddle.evaluations, saddle.converged], [0, 5, false]);
  assert.equal(saddle.message, "Newton polish stalled");
});

Deno.test("Newton polish rejects a step that raises f beyond rounding, after 30 halvings", () => {
  // f = 1 at 0 and 1 + 1e-6 elsewhere, gradient x - 1: every trial on the way to 1 (the step,
  // then 29 halvings of it) raises f, which fails f <= f0 - 1e-4 t |slope| and is beyond f's
  // rounding: no step, 1 + 2 + 30 evaluations
  const r = recorded((x, g) => {
    g[0] = x[0] - 1;
    return x[0] === 0 ? 1 : 1 + 1e-6;
  });
  const out = newtonPolish(r.fn, [0]);
  assert.deepEqual([out.iterations, out.evaluations, out.converged], [0, 33, false]);
  assert.equal(out.x[0], 0);
  // f = 4 at 0 and 4 + 2e-14 elsewhere: a rise within f's rounding (1e-14 * 4) with a lower
  // gradient is taken
  const noise = newtonPolish((x, g) => {
    g[0] = x[0] - 1;
    return x[0] === 0 ? 4 : 4 + 2e-14;
  }, [0]);
  assert.deepEqual([noise.iterations, noise.converged], [1, true]);
});

Deno.test("Newton polish does not take a step within f's rounding whose gradient is larger", () => {
  // f = 1, gradient cbrt(x - 1): Newton's step from 0 is 1 / (1/3) = 3, to x = 3, with the
  // measure |g| max(|x|, 1) = 2^(1/3) * 3 > 1; half of it, x = 1.5, 0.5^(1/3) * 1.5 = 1.19 > 1;
  // a quarter, x = 0.75: 0.25^(1/3) = 0.63 < 1, taken
  const r = recorded((x, g) => {
    g[0] = Math.cbrt(x[0] - 1);
    return 1;
  });
  newtonPolish(r.fn, [0], { maxSteps: 1 });
  [3, 1.5, 0.75].forEach((v, i) => close(r.points[3 + i][0], v, 1e-8));
  assert.equal(r.points.length, 6);
});

Deno.test("BFGS's zoom keeps the end whose slope points back at the new low point", () => {
  // f = 1 at 0 (slope -2, so d = 2 and d0 = -4), 2 at the trial x = 1 (a = 1/2, slope 1:
  // f fails sufficient decrease) and 0.5 elsewhere. The zoom's first probe is the cubic's
  // minimiser on [0, 1/2] in step (a = 0.0976, x = 0.195), lower than f0.
  const zoomed = (slope: number) => {
    const r = rough(1, -2, (x) => (x === 1 ? 2 : 0.5), (x) => (x === 1 ? 1 : slope));
    minimizeBfgs(r.fn, [0], { maxIterations: 1 });
    return r.points.map((p) => p[0]);
  };
  // slope there +1.5: |f' d| = 3 <= 0.9 * 4, a strong-Wolfe point: the search ends
  const done = zoomed(1.5);
  assert.equal(done.length, 3);
  close(done[2], 0.19526214587563506, 1e-12);
  // slope +5: climbing, so the minimum lies back toward 0: the next probe is below 0.195
  const back = zoomed(5);
  assert.ok(back[3] > 0 && back[3] < back[2], `${back}`);
  // slope -5: still falling, so it lies ahead: the next probe is between 0.195 and 1
  const ahead = zoomed(-5);
  assert.ok(ahead[3] > ahead[2] && ahead[3] < 1, `${ahead}`);
});

Deno.test("BFGS's line search backs off a wall after growing the step, from the last good step", () => {
  // f = 1 - 0.01 x below x = 2 (slope -1 reported) and infinite from 2 on: the trial x = 1 is
  // lower but as steep, so the step grows to 4, past the wall; a tenth of the way back from the
  // last good step is 1 + 0.3
  const r = rough(1, -1, (x) => (x >= 2 ? Infinity : 1 - 0.01 * x), () => -1);
  minimizeBfgs(r.fn, [0], { maxIterations: 1 });
  assert.deepEqual(r.points.slice(0, 3), [[0], [1], [4]]);
  close(r.points[3][0], 1.3, 1e-15);
});
