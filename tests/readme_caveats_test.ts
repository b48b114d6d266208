/**
 * The README's data caveats and trade-potential section type figures of the partner reports the
 * study adjusts or rejects, the benchmark's smearing factor and a structural K with its
 * sensitivity. This test recomputes each from the data (the world panel through the benchmark's
 * loader, data/trade-selection.csv) and fails when the README says otherwise.
 */
import "./root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import Papa from "papaparse";
import { loadStudyConfig } from "../lib/gravity/config/study.ts";
import { loadBenchmarkWorld } from "../lib/gravity/world/load.ts";
import { runBenchmark } from "../lib/gravity/world/benchmark.ts";

const mn = (v: number) => (v / 1e6).toFixed(1);

Deno.test("README data caveats and structural K figures match the data", async () => {
  const readme = (await Deno.readTextFile("README.md")).replace(/\s+/g, " ");
  const config = await loadStudyConfig("data/study.config.json");
  const { options } = await loadBenchmarkWorld(config);
  const s = options.structural!;
  const report = (p: string, y: number) => s.reports.find((r) => r.partner === p && r.year === y)!;
  const expected: string[] = [];
  // Uzbekistan: its exports to China against China's imports, 2010-2015; the ratio range after
  for (let y = 2010; y <= 2015; y++) {
    const r = report("UZB", y);
    expected.push(`${y} ${mn(r.own!)} vs ${mn(r.mirror!)} (${(r.own! / r.mirror!).toFixed(2)} x)`);
  }
  const later = [2016, 2017, 2018, 2019, 2020].map((y) =>
    report("UZB", y).own! / report("UZB", y).mirror!
  );
  expected.push(
    `from 2016 the two sides are ${Math.min(...later).toFixed(2)}-${
      Math.max(...later).toFixed(2)
    } x apart`,
  );
  // Uzbekistan's imports from China (rejected cells of the import) against China's exports
  const sel = Papa.parse<Record<string, string>>(
    await Deno.readTextFile("data/trade-selection.csv"),
    { header: true, skipEmptyLines: true },
  ).data;
  const china = new Map(options.world!.rows.map((w) => [`${w.partner}|${w.year}`, w]));
  const ratios = sel.filter((r) =>
    r.partner === "UZB" && r.flow === "imports (M) of UZB" && r.variable === "trade_mirror_usd" &&
    Number(r.year) >= 2010 && Number(r.year) <= 2015
  ).map((r) => {
    assert.equal(r.decision, "rejected");
    return Number(r.value_usd) / china.get(`UZB|${r.year}`)!.exports;
  });
  assert.equal(ratios.length, 6);
  expected.push(
    `imports from China are ${Math.min(...ratios).toFixed(2)}-${
      Math.max(...ratios).toFixed(2)
    } x ` +
      `China's reported exports to it in 2010-2015`,
  );
  // Turkmenistan: China's imports / 1.06 in every year 2010-2019; its own figure in 2020
  for (let y = 2010; y <= 2019; y++) {
    const r = report("TKM", y);
    assert.ok(Math.abs((r.own! * 1.06) / r.mirror! - 1) < 1e-5, `TKM ${y}`);
    assert.equal((r.own! / r.mirror!).toFixed(4), "0.9434");
  }
  const t19 = report("TKM", 2019);
  const t20 = report("TKM", 2020);
  expected.push(`2019: ${mn(t19.own!)} vs ${mn(t19.mirror!)}`);
  expected.push(
    `exports to China ${mn(t20.own!)} vs China's ${mn(t20.mirror!)}, ` +
      `${(t20.own! / t20.mirror!).toFixed(2)} x`,
  );
  // Kazakhstan's Comtrade figures: as the import's own rejection reason states them
  const kaz = sel.find((r) =>
    r.partner === "KAZ" && r.decision === "rejected" &&
    r.reason.startsWith("Comtrade Kazakhstan imports from China 2020-2022")
  )!;
  for (const f of ["1955.3 / 2424.0 / 3575.0", "6346.5"]) {
    assert.ok(kaz.reason.includes(f), f);
    assert.ok(readme.includes(f), `README should give ${f}`);
  }
  // the benchmark's log-OLS smearing factor
  const b = runBenchmark(options.world!, { ...config.benchmark!, estimators: ["ols"] }, {
    partners: config.partners,
    thresholds: config.potential.thresholds,
    uncertainty: { ...config.uncertainty, enabled: false },
    definition: "smearing",
  });
  expected.push(`s = ${b.fits[0].kDefinition!.factor.toFixed(3)}, so its K`);
  // Uzbekistan 2011's structural K on China's figure and on its own
  const k11 = s.k.find((k) => k.country === "UZB" && k.year === 2011)!.k;
  const own11 = s.sensitivity!.k.find((k) => k.country === "UZB" && k.year === 2011)!.k;
  expected.push(
    `Uzbekistan 2011: ${k11.toFixed(3)} on China's figure, ${own11.toFixed(3)} on its own`,
  );
  for (const e of expected) assert.ok(readme.includes(e), `README should say "${e}"`);
});
