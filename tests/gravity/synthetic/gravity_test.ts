// The synthetic DOTS-shaped gravity panel (lib/gravity/synthetic/gravity.ts) against its
// documentation: size and row order, the seed (a number or {seed}, default 1; positions from the
// Park-Miller "minimal standard" generator, recomputed here with BigInt), the geography (planar
// distances, contiguity below 1500 km, the RTA rule), about 40% zeros, more of them where trade
// is small, and the true coefficients recovered by lib/stats' PPML with exporter-year and
// importer-year effects; with `heteroskedastic` log-OLS is biased and PPML is not; with
// `resistance` the exporter-year and importer-year effects rise with the country's mean ln
// distance (mutation record: tests/mutation/gravity_synthetic_gravity.json).
import assert from "node:assert/strict";
import {
  GRAVITY_TRUTH,
  makeGravityPanel,
  type SyntheticGravityPanel,
} from "../../../lib/gravity/synthetic/gravity.ts";
import { fitModel } from "../../../lib/stats/model/fit.ts";
import { freshTmp } from "../../tmp.ts";

const within = (x: number, lo: number, hi: number, what: string) =>
  assert.ok(x >= lo && x <= hi, `${what}: ${x} not in [${lo}, ${hi}]`);

/** The first 2C uniforms of the Park-Miller generator s -> 16807 s mod (2^31 - 1). */
function minstd(seed: number, count: number): number[] {
  const m = 2147483647n;
  let s = BigInt(seed);
  return Array.from({ length: count }, () => {
    s = (s * 16807n) % m;
    return Number(s) / 2147483647;
  });
}

/** lib/stats data: the columns, the labels and the year as a label. */
const data = (p: SyntheticGravityPanel) => ({
  columns: p.columns,
  labels: { ...p.labels, year: Array.from(p.columns.year, String) },
});

const ppml = (p: SyntheticGravityPanel, fe = ["exporter^year", "importer^year"]) =>
  fitModel({
    dependent: "trade",
    terms: ["ln(dist)", "contig", "rta"],
    fe,
    estimator: "ppml",
    se: "cluster:pair",
  }, {
    ...data(p),
    labels: {
      ...data(p).labels,
      pair: p.labels.exporter.map((e, t) => [e, p.labels.importer[t]].sort().join("-")),
    },
  });

const coef = (fit: ReturnType<typeof fitModel>, term: string) =>
  fit.coefficients.find((c) => c.term === term)!;

Deno.test("makeGravityPanel: C x (C - 1) x years rows in year, exporter, importer order; the seed", () => {
  const p = makeGravityPanel(4, 3);
  assert.equal(p.n, 36);
  for (const c of Object.values(p.columns)) assert.equal(c.length, 36);
  const pairs: string[] = [];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (i !== j) pairs.push(`C${i}>C${j}`);
  assert.deepEqual(p.labels.exporter.map((e, t) => `${e}>${p.labels.importer[t]}`), [
    ...pairs,
    ...pairs,
    ...pairs,
  ]);
  assert.deepEqual(Array.from(p.columns.year), [
    ...Array(12).fill(2000),
    ...Array(12).fill(2001),
    ...Array(12).fill(2002),
  ]);
  // the seed: 1 by default, a number or { seed }, and another seed another panel
  assert.deepEqual(makeGravityPanel(4, 3, {}), p);
  assert.deepEqual(makeGravityPanel(4, 3, 1), p);
  assert.deepEqual(makeGravityPanel(5, 2, 9), makeGravityPanel(5, 2, { seed: 9 }));
  assert.notDeepEqual(makeGravityPanel(4, 3, 2).columns.dist, p.columns.dist);
  // positions: x = 100 u_i, y = 60 u_(C+i) from the first 2C Park-Miller uniforms; distance in km
  // = 100 x the planar distance + 100
  for (const seed of [1, 9]) {
    const u = minstd(seed, 8);
    const q = makeGravityPanel(4, 1, seed);
    let t = 0;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i === j) continue;
        const d = Math.hypot(100 * (u[i] - u[j]), 60 * (u[4 + i] - u[4 + j])) * 100 + 100;
        assert.ok(Math.abs(q.columns.dist[t] - d) < 1e-9, `seed ${seed} ${i}>${j}`);
        t++;
      }
    }
  }
});

Deno.test("makeGravityPanel: symmetric fixed distances, contiguity below 1500 km, the RTA rule, about 40% zeros", () => {
  const years = 6;
  const p = makeGravityPanel(20, years, 3);
  const key = new Map<string, number>();
  let zeros = 0, near = 0, nearZeros = 0;
  for (let t = 0; t < p.n; t++) {
    const e = p.labels.exporter[t], m = p.labels.importer[t];
    const i = Number(e.slice(1)), j = Number(m.slice(1));
    const y = p.columns.year[t] - 2000;
    const d = p.columns.dist[t];
    const pair = [e, m].sort().join("-");
    if (key.has(pair)) assert.equal(key.get(pair), d, `${pair} ${y}`);
    key.set(pair, d);
    assert.ok(d >= 100 && d <= Math.hypot(100, 60) * 100 + 100, `${d}`);
    assert.equal(p.columns.contig[t], d < 1500 ? 1 : 0);
    assert.equal(p.columns.rta[t], (7 * i + 7 * j) % 5 === 0 && y > years / 3 ? 1 : 0, `${t}`);
    assert.ok(Number.isFinite(p.columns.trade[t]) && p.columns.trade[t] >= 0);
    if (p.columns.trade[t] === 0) zeros++;
    if (d < 3000) {
      near++;
      if (p.columns.trade[t] === 0) nearZeros++;
    }
  }
  // the RTA switches on after the first third of the years (y = 3, 4, 5 here)
  assert.ok(p.columns.rta.some((r) => r === 1));
  within(zeros / p.n, 0.3, 0.5, "share of zeros");
  // zeros are likelier where mu is small: far pairs have more of them than near ones
  within(nearZeros / near, 0, zeros / p.n - 0.05, "share of zeros among near pairs");
});

/**
 * The documented panel rebuilt from the seed's Park-Miller stream: positions (x 100 u, y 60 u),
 * exporter-year then importer-year effects (2 z each, z Box-Muller from two uniforms), plus
 * resistance x (mean ln distance - 8); then per row eta = 12 + effects - ln d + 0.5 contig +
 * 0.4 rta, zero when u < 1 / (1 + mu / 20), else mu exp(s z - s^2 / 2).
 */
function replay(C: number, years: number, seed: number, resistance: number, het: boolean) {
  const m = 2147483647n;
  let s = BigInt(seed);
  const rnd = () => {
    s = (s * 16807n) % m;
    return Number(s) / 2147483647;
  };
  const gauss = () => {
    const a = rnd(), b = rnd();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
  };
  const px = Array.from({ length: C }, () => 100 * rnd());
  const py = Array.from({ length: C }, () => 60 * rnd());
  const ex = Array.from({ length: C * years }, () => 2 * gauss());
  const im = Array.from({ length: C * years }, () => 2 * gauss());
  const km = (i: number, j: number) => 100 * Math.hypot(px[i] - px[j], py[i] - py[j]) + 100;
  for (let i = 0; i < C; i++) {
    let sum = 0;
    for (let j = 0; j < C; j++) if (j !== i) sum += Math.log(km(i, j));
    for (let y = 0; y < years; y++) {
      ex[i * years + y] += resistance * (sum / (C - 1) - 8);
      im[i * years + y] += resistance * (sum / (C - 1) - 8);
    }
  }
  const trade: number[] = [];
  for (let y = 0; y < years; y++) {
    for (let i = 0; i < C; i++) {
      for (let j = 0; j < C; j++) {
        if (i === j) continue;
        const d = km(i, j);
        const contig = d < 1500 ? 1 : 0;
        const rta = (7 * (i + j)) % 5 === 0 && y > years / 3 ? 1 : 0;
        const mu = Math.exp(
          12 + ex[i * years + y] + im[j * years + y] - Math.log(d) + 0.5 * contig + 0.4 * rta,
        );
        const zero = rnd() < 1 / (1 + mu / 20);
        const sd = het ? 0.4 + 0.8 * Math.min(d / 10000, 1) : 0.8;
        trade.push(zero ? 0 : mu * Math.exp(sd * gauss() - sd * sd / 2));
      }
    }
  }
  return trade;
}

Deno.test("makeGravityPanel: every flow as the documented model draws it from the seed", () => {
  for (
    const [C, years, seed, resistance, het] of [
      [6, 3, 1, 0, false],
      [7, 4, 5, 2, true],
      [5, 2, 8, 0.5, false],
    ] as const
  ) {
    const p = makeGravityPanel(C, years, { seed, resistance, heteroskedastic: het });
    const want = replay(C, years, seed, resistance, het);
    assert.equal(p.n, want.length);
    want.forEach((v, t) => {
      const got = p.columns.trade[t];
      assert.ok(
        v === 0 ? got === 0 : Math.abs(got / v - 1) < 1e-9,
        `C ${C} seed ${seed} row ${t}: ${got} vs ${v}`,
      );
    });
    assert.ok(want.some((v) => v === 0) && want.some((v) => v > 0));
  }
});

Deno.test("makeGravityPanel: seed 0 (a stream stuck at 0) still gives finite flows, all zero", () => {
  // the uniform is then always 0: ln(0 + 1e-300) keeps the normal draws finite, and every flow
  // is a zero (u = 0 < 1 / (1 + mu / 20))
  const p = makeGravityPanel(3, 1, 0);
  assert.deepEqual(Array.from(p.columns.trade), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(p.columns.dist), [100, 100, 100, 100, 100, 100]);
});

Deno.test("synthetic_gravity.ts as a script: COUNTRIES YEARS FILE writes the panel as CSV", async () => {
  const dir = freshTmp("synthetic-gravity-cli-");
  const file = `${dir}/g.csv`;
  const script = new URL("../../../lib/gravity/synthetic/gravity.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-check", "--allow-env", `--allow-write=${dir}`, script, "3", "2", file],
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const lines = Deno.readTextFileSync(file).split("\n");
  assert.equal(lines[0], "exporter,importer,year,trade,dist,contig,rta");
  assert.equal(lines.length, 1 + 3 * 2 * 2 + 1); // header, 12 rows, final newline
  assert.equal(lines.at(-1), "");
  const p = makeGravityPanel(3, 2);
  for (let t = 0; t < 12; t++) {
    const f = lines[1 + t].split(",");
    assert.deepEqual(f.slice(0, 3), [
      p.labels.exporter[t],
      p.labels.importer[t],
      String(2000 + Math.floor(t / 6)),
    ]);
    assert.deepEqual(f.slice(3).map(Number), [
      p.columns.trade[t],
      p.columns.dist[t],
      p.columns.contig[t],
      p.columns.rta[t],
    ]);
  }
});

Deno.test("makeGravityPanel: PPML with exporter-year and importer-year effects recovers GRAVITY_TRUTH", () => {
  assert.deepEqual(GRAVITY_TRUTH, { "ln(dist)": -1, contig: 0.5, rta: 0.4 });
  // PPML is dominated by the largest flows (the effects have sd 2), so one panel of 40 countries
  // pins the slopes only to about 0.1-0.15 (cluster-robust SEs): each estimate must lie within
  // 0.25 (ln dist), 0.35 (contig, rta) of the truth, which a flipped sign or a lost term is not.
  // (The zeros also bend E[y | x] = mu^2 / (20 + mu) away from mu for small mu, a slight bias.)
  const band: Record<string, number> = { "ln(dist)": 0.25, contig: 0.35, rta: 0.35 };
  for (const heteroskedastic of [false, true]) {
    const fit = ppml(makeGravityPanel(40, 3, { seed: 5, heteroskedastic }));
    for (const [term, truth] of Object.entries(GRAVITY_TRUTH)) {
      const c = coef(fit, term);
      assert.ok(
        Math.abs(c.estimate - truth) < band[term],
        `${heteroskedastic} ${term}: ${c.estimate} (se ${c.stdError}) vs ${truth}`,
      );
      within(c.stdError, 0.05, 0.2, `${term} se`);
    }
  }
});

Deno.test("makeGravityPanel heteroskedastic: log-OLS on the positive flows is biased, homoskedastic it is not", () => {
  const logOls = (heteroskedastic: boolean) => {
    const p = makeGravityPanel(30, 4, { seed: 2, heteroskedastic });
    const keep = Array.from({ length: p.n }, (_, t) => t).filter((t) => p.columns.trade[t] > 0);
    const col = (c: string) => Float64Array.from(keep, (t) => p.columns[c][t]);
    const lab = (c: string[]) => keep.map((t) => c[t]);
    const fit = fitModel({
      dependent: "ln_trade",
      terms: ["ln(dist)", "contig", "rta"],
      fe: ["exporter^year", "importer^year"],
      se: "hc1",
    }, {
      columns: {
        ln_trade: col("trade").map(Math.log),
        dist: col("dist"),
        contig: col("contig"),
        rta: col("rta"),
      },
      labels: {
        exporter: lab(p.labels.exporter),
        importer: lab(p.labels.importer),
        year: keep.map((t) => String(p.columns.year[t])),
      },
    });
    return coef(fit, "ln(dist)");
  };
  // E[ln eta | d] = -s(d)^2 / 2 falls with distance when s grows with it: the slope is too steep
  const het = logOls(true);
  assert.ok(het.estimate < -1 - 4 * het.stdError, `${het.estimate} (se ${het.stdError})`);
  const hom = logOls(false);
  assert.ok(Math.abs(hom.estimate + 1) < 3 * hom.stdError, `${hom.estimate} (se ${hom.stdError})`);
});

Deno.test("makeGravityPanel resistance: exporter-year and importer-year effects rise with the mean ln distance", () => {
  const slope = (resistance: number) => {
    const p = makeGravityPanel(30, 3, { seed: 4, resistance });
    assert.ok(p.columns.trade.every(Number.isFinite));
    // each country's mean ln distance to the others, from the panel's first year
    const m = new Map<string, number>();
    for (let t = 0; t < 30 * 29; t++) {
      const e = p.labels.exporter[t];
      m.set(e, (m.get(e) ?? 0) + Math.log(p.columns.dist[t]) / 29);
    }
    const fit = ppml(p);
    // regress the estimated effects on the country's mean ln distance
    const slopeOf = (dim: string) => {
      const fe = fit.model.fe.find((f) => f.dimension === dim)!;
      const xs: number[] = [], ys: number[] = [];
      for (const [label, v] of Object.entries(fe.effects)) {
        xs.push(m.get(label.split("^")[0])!);
        ys.push(v);
      }
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0, sxx = 0;
      xs.forEach((x, k) => {
        sxy += (x - mx) * (ys[k] - my);
        sxx += (x - mx) ** 2;
      });
      return sxy / sxx;
    };
    // the slopes are still recovered with the effects in the model
    const c = coef(fit, "ln(dist)");
    assert.ok(Math.abs(c.estimate + 1) < 3 * c.stdError, `${resistance}: ${c.estimate}`);
    return [slopeOf("exporter^year"), slopeOf("importer^year")];
  };
  for (const s of slope(0)) within(s, -2.5, 2.5, "no resistance");
  for (const s of slope(6)) within(s, 3, 9, "resistance 6");
});
