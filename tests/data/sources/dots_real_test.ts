/**
 * Tests on the shared raw files and the shipped data/: the China-reported dependent variable and
 * the world panel against an independent reading of the IMF DOTS workbooks
 * (tests/fixtures/data/make_dots_truth.py: Python standard library zipfile + xml.etree, written to
 * tests/fixtures/data/dots_truth.json).
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { loadPanel, panelValue } from "../../../lib/data/panel.ts";
import { loadWorldPanel } from "../../../lib/data/world.ts";
import { parseDots } from "../../../lib/data/sources/dots.ts";
import { readXlsx } from "../../../lib/data/read/xlsx.ts";
import { loadCountryNames } from "../../../lib/data/sources/country_names.ts";
import { parseCsv } from "../../../lib/data/read/csv.ts";
import { skipWithoutShared } from "../../shared_data.ts";

const DOTS = "../shared/data/raw/trade/imf-dots";
const skipRaw = skipWithoutShared(
  `${DOTS}/DOTS_40.xlsx`,
  "the two tests on the raw DOTS workbooks (rejection rules, Kazakhstan against WITS)",
);
const truth = JSON.parse(Deno.readTextFileSync("tests/fixtures/data/dots_truth.json"));
const PARTNERS = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];

Deno.test("trade_goods_usd equals DOTS_40 exports + imports exactly, every partner-year it comes from DOTS", async () => {
  const p = await loadPanel();
  const flags = parseCsv(await Deno.readTextFile("data/panel-flags.csv"), { file: "flags" });
  let checked = 0;
  for (const c of PARTNERS) {
    for (let y = 2010; y <= 2020; y++) {
      const row = flags.rows.find((r) =>
        r[0] === c && r[1] === String(y) && r[2] === "trade_goods_usd"
      )!;
      assert.equal(row[4], "raw/trade/imf-dots/DOTS_40.xlsx", `${c} ${y} source`);
      const t = truth.china[c][String(y)];
      // The Python reading: float('%.15g' % ((X + M) * 1e6)) from the cells' stored text.
      assert.equal(panelValue(p, c, y, "trade_goods_usd"), t.total_usd, `${c} ${y}`);
      checked++;
    }
  }
  assert.equal(checked, 55); // 5 partners x 2010-2020, covering the study's 2015-2020
  // SOURCES.md section 6: China-reported CHN-TKM 2018 total 8436.874 and CHN-KAZ 2018 19944.1 US$ mn.
  assert.equal(Math.round(panelValue(p, "TKM", 2018, "trade_goods_usd") / 1e3), 8436874);
  assert.equal(Math.round(panelValue(p, "KAZ", 2018, "trade_goods_usd") / 1e5), 199441);
});

Deno.test("the world panel holds every non-aggregate cell of the 235 workbooks (independent count)", async () => {
  const w = await loadWorldPanel();
  const stats = JSON.parse(await Deno.readTextFile("data/world-trade.json"));
  const t = truth.world;
  assert.equal(t.workbooks, 235);
  assert.equal(stats.workbooks, 235);
  // Every distinct (reporter, partner, flow, year) country cell is one row ...
  assert.equal(w.n, t.distinct_keys);
  assert.equal(stats.rows, t.distinct_keys);
  // ... and every other non-aggregate cell is an identical duplicate that was counted.
  const dupWb = stats.duplicateWorkbooks.reduce(
    (s: number, d: { cells: number }) => s + d.cells,
    0,
  );
  assert.equal(stats.rows + stats.duplicateRowCells + dupWb, t.cells_nonaggregate);
  let est = 0, sx = 0, sm = 0;
  for (let i = 0; i < w.n; i++) {
    est += w.estimate[i];
    if (w.flow[i] === 0) sx += w.value[i] / 1e6;
    else sm += w.value[i] / 1e6;
  }
  assert.equal(est, t.estimates);
  // Sums over ~1e6 values in a different order: equal to 1e-9 relative.
  assert.ok(Math.abs(sx / t.sum_X_mn - 1) < 1e-9, `${sx} vs ${t.sum_X_mn}`);
  assert.ok(Math.abs(sm / t.sum_M_mn - 1) < 1e-9, `${sm} vs ${t.sum_M_mn}`);
  // Aggregates are never rows.
  const names = await loadCountryNames();
  const countries = new Set(
    [...names.values()].filter((n) => n.kind === "country").map((n) => n.iso3),
  );
  assert.ok(w.codes.every((c) => countries.has(c)));
  // China's 2020 exports to Kazakhstan, as in the workbook (DOTS_40, Exports, FOB).
  const [chn, kaz] = ["CHN", "KAZ"].map((c) => w.codes.indexOf(c));
  const i = [...Array(w.n).keys()].find((k) =>
    w.reporter[k] === chn && w.partner[k] === kaz && w.flow[k] === 0 && w.year[k] === 2020
  )!;
  assert.equal(w.value[i], Number(truth.china.KAZ["2020"].X) * 1e6);
  assert.equal(w.sources[w.source[i]], "DOTS_40");
});

Deno.test({
  name:
    "rejection rules hold on the raw files: TKM-reported 2004-2019 = China's mirror x 1.06; Comtrade KAZ",
  ignore: skipRaw,
  fn: async () => {
    const names = await loadCountryNames();
    const chn = parseDots(await readXlsx(`${DOTS}/DOTS_40.xlsx`), "DOTS_40", names);
    const tkm = parseDots(await readXlsx(`${DOTS}/DOTS_201.xlsx`), "DOTS_201", names);
    const get = (wb: typeof chn, p: string, f: string, y: number) =>
      wb.cells.find((c) => c.partner === p && c.flow === f && c.year === y)!.value;
    for (let y = 2004; y <= 2019; y++) {
      // Turkmenistan's imports from China = China's exports x 1.06; its exports = China's imports / 1.06.
      assert.ok(
        Math.abs(get(tkm, "CHN", "M", y) / (get(chn, "TKM", "X", y) * 1.06) - 1) < 1e-4,
        `M ${y}`,
      );
      assert.ok(
        Math.abs(get(tkm, "CHN", "X", y) * 1.06 / get(chn, "TKM", "M", y) - 1) < 1e-4,
        `X ${y}`,
      );
    }
    assert.ok(
      Math.abs(get(tkm, "CHN", "M", 2020) / (get(chn, "TKM", "X", 2020) * 1.06) - 1) > 0.01,
    );
    const sel = parseCsv(await Deno.readTextFile("data/trade-selection.csv"), { file: "sel" });
    const h = (n: string) => sel.header.indexOf(n);
    const tkmRows = sel.rows.filter((r) =>
      r[0] === "raw/trade/imf-dots/DOTS_201.xlsx" && +r[h("year")] >= 2010 && +r[h("year")] <= 2019
    );
    assert.equal(tkmRows.length, 20);
    assert.ok(
      tkmRows.every((r) => r[h("decision")] === "rejected" && /x 1\.06/.test(r[h("reason")])),
    );
    const kazM = sel.rows.filter((r) =>
      r[0].includes("comtrade") && r[h("partner")] === "KAZ" &&
      /imports \(M\) of KAZ/.test(r[h("flow")]) &&
      +r[h("year")] >= 2020 && +r[h("year")] <= 2022
    );
    assert.equal(kazM.length, 3);
    assert.ok(
      kazM.every((r) => r[h("decision")] === "rejected" && /conflict/.test(r[h("reason")])),
    );
  },
});

Deno.test("every mirror-filled cell is flagged mirror and comes from trade_mirror_usd", async () => {
  const p = await loadPanel();
  let filled = 0;
  for (const c of PARTNERS) {
    for (const y of p.years) {
      const own = panelValue(p, c, y, "trade_goods_usd");
      const mirror = panelValue(p, c, y, "trade_mirror_usd");
      const fill = panelValue(p, c, y, "trade_goods_usd_mirror_fill");
      const flag = p.flags[`${c}|${y}|trade_goods_usd_mirror_fill`];
      if (!Number.isNaN(own)) {
        assert.equal(fill, own);
        assert.notEqual(flag, "mirror");
      } else if (!Number.isNaN(mirror)) {
        assert.equal(fill, mirror);
        assert.equal(flag, "mirror");
        filled++;
      } else assert.ok(Number.isNaN(fill));
    }
  }
  assert.ok(filled > 0);
});

Deno.test({
  name: "Kazakhstan-reported DOTS (DOTS_103) against World Bank WITS (SOURCES.md section 8)",
  ignore: skipRaw,
  fn: async () => {
    const names = await loadCountryNames();
    const kaz = parseDots(await readXlsx(`${DOTS}/DOTS_103.xlsx`), "DOTS_103", names);
    const [wits] = await readXlsx("../shared/data/raw/trade/kaz-wits/Kazakhstan China Data.xlsx");
    const same: string[] = [];
    let compared = 0;
    for (const r of wits.rows.slice(1)) {
      const flow = r[1] === "Export Amt" ? "X" : r[1] === "Import Amt" ? "M" : null;
      const year = Number(r[0]);
      const dots = kaz.cells.find((c) => c.partner === "CHN" && c.flow === flow && c.year === year);
      if (!flow || !dots || year < 2010) continue;
      compared++;
      // WITS in US$ thousand, DOTS in US$ million; other vintages differ by revisions (< 3 %).
      const diff = Math.abs(dots.value * 1e3 - Number(r[2]));
      if (diff < 0.01) same.push(`${flow} ${year}`);
      assert.ok(diff / Number(r[2]) < 0.03, `${flow} ${year}`);
    }
    assert.equal(compared, 22); // 2010-2020, both flows
    // Equal to ten dollars where both carry the same vintage, 2015 being SOURCES.md's check.
    assert.deepEqual(same.sort(), [
      "M 2011",
      "M 2015",
      "M 2019",
      "M 2020",
      "X 2011",
      "X 2015",
      "X 2019",
      "X 2020",
    ]);
  },
});
