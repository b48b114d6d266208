import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { float32Shortest, linkSeries, readGmd } from "../../../lib/data/sources/macro.ts";
import { buildImport } from "../../../lib/data/import/build.ts";
import { parseImportConfig } from "../../../lib/data/import/config.ts";
import { InputError } from "../../../lib/errors.ts";
import { skipWithoutShared } from "../../shared_data.ts";

const CONFIG = "tests/fixtures/data/macro/import.config.json";
const close = (a: number, b: number, rel = 1e-12) =>
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} != ${b}`);

Deno.test("float32Shortest: GMD float32 renderings back to their decimal, others unchanged", () => {
  // SOURCES.md section 11: "GMD values are float32 renderings (7.40500020980835 = 7.405)".
  assert.equal(float32Shortest(7.40500020980835), 7.405);
  assert.equal(float32Shortest(5.276999950408936), 5.277); // parses to a neighbour of the float32
  assert.equal(float32Shortest(12.30399990081787), 12.304);
  assert.equal(float32Shortest(7.31), 7.31); // few digits: as written
  assert.equal(float32Shortest(48699432), 48699432); // 8 digits: as written
  assert.equal(float32Shortest(8.922046941795129), 8.922046941795129); // a double, not a float32
  assert.ok(Number.isNaN(float32Shortest(NaN)));
});

Deno.test("readGmd reads one source column, keeps the wanted countries, counts float32 fixes", () => {
  const text = Deno.readTextFileSync("tests/fixtures/data/macro/gmd_infl.csv");
  const r = readGmd(text, "infl.csv", { column: "WB_CC", countries: ["TKM"] });
  assert.deepEqual(r.observations.map((o) => [o.iso3, o.year, o.value, o.row]), [
    ["TKM", 2011, 5.277, 4],
    ["TKM", 2012, 5.314, 5],
  ]);
  assert.match(r.notes[0], /infl\.csv:WB_CC: 2 of 2 value\(s\) were float32 renderings/);
  const raw = readGmd(text, "infl.csv", { column: "WB_CC", countries: ["TKM"], float32: false });
  assert.equal(raw.observations[0].value, 5.276999950408936);
  assert.throws(
    () => readGmd(text, "infl.csv", { column: "IMF_WEO", countries: ["TKM"] }),
    (e: Error) =>
      e instanceof InputError && /infl\.csv/.test(e.message) && /IMF_WEO/.test(e.message),
  );
});

Deno.test("readGmd: a value that is not a number is one line naming file, row and column", () => {
  const text =
    "ISO3,countryname,year,WB_CC\nTKM,Turkmenistan,2015,7.405\nTKM,Turkmenistan,2016,abc\n";
  assert.throws(
    () => readGmd(text, "infl.csv", { column: "WB_CC", countries: ["TKM"] }),
    (e: Error) =>
      e instanceof InputError &&
      /^infl\.csv: row 3, column "WB_CC": "abc" is not a number/.test(e.message),
  );
});

Deno.test("linkSeries: splice at the latest common year, else rebase, else nothing", () => {
  const years = [2010, 2011, 2012, 2013];
  const splice = linkSeries(years, [100, 120, NaN, NaN], [200, 220, 242, 266.2], {
    year: 2010,
    value: 100,
  });
  assert.equal(splice.method, "splice");
  assert.equal(splice.at, 2011);
  close(splice.values[2], 132);
  close(splice.values[3], 145.2);
  assert.equal(splice.values[1], 120); // exact at the link year
  const rebase = linkSeries(years, [NaN, NaN, NaN, NaN], [50, 52.5, NaN, 60], {
    year: 2010,
    value: 100,
  });
  assert.equal(rebase.method, "rebase");
  assert.deepEqual(rebase.values.map((v) => Number.isNaN(v) ? null : v), [100, 105, null, 120]);
  const none = linkSeries(years, [NaN, NaN, NaN, NaN], [NaN, 1, 2, 3], { year: 2010, value: 100 });
  assert.equal(none.method, "none");
  assert.ok(none.values.every(Number.isNaN));
});

Deno.test("fixture import: WDI CPI first, WB_CC linked or rebased in the gaps, flagged rebased", async () => {
  const built = await buildImport(
    parseImportConfig(Deno.readTextFileSync(CONFIG), CONFIG),
  );
  const files = Object.fromEntries(
    Object.entries(built).map(([k, v]) => [k, typeof v === "string" ? v : ""]),
  );
  const rows = files["panel.csv"].trim().split("\n").map((l) => l.split(","));
  const h = rows[0];
  const cell = (c: string, y: number, v: string) => {
    const r = rows.find((x) => x[0] === c && x[1] === String(y))!;
    return r[h.indexOf(v)] === "" ? NaN : Number(r[h.indexOf(v)]);
  };
  const flag = (c: string, y: number, v: string) =>
    files["panel-flags.csv"].split("\n").find((l) => l.startsWith(`${c},${y},${v},`))!
      .split(",")[3];
  // CHN: all four WDI years; the GMD file has CHN too but fills nothing.
  assert.deepEqual([2010, 2011, 2012, 2013].map((y) => cell("CHN", y, "cpi")), [
    100,
    105,
    110.25,
    115.7625,
  ]);
  assert.equal(flag("CHN", 2013, "cpi"), "observed");
  // KAZ: WDI 2010-2011, then WB_CC linked at 2011: 120 x 242/220 and 120 x 266.2/220.
  close(cell("KAZ", 2012, "cpi"), 132);
  close(cell("KAZ", 2013, "cpi"), 145.2);
  assert.equal(flag("KAZ", 2011, "cpi"), "observed");
  assert.equal(flag("KAZ", 2012, "cpi"), "rebased");
  // the year-on-year change of the rebased cells equals the fixture's WB_CC inflation (10 %)
  close(100 * (cell("KAZ", 2012, "cpi") / cell("KAZ", 2011, "cpi") - 1), 10, 1e-9);
  close(100 * (cell("KAZ", 2013, "cpi") / cell("KAZ", 2012, "cpi") - 1), 10, 1e-9);
  // TKM: no WDI year: 100 x WB_CC_t / WB_CC_2010
  assert.equal(cell("TKM", 2010, "cpi"), 100);
  close(cell("TKM", 2011, "cpi"), 100 * 43292196 / 41122180);
  close(cell("TKM", 2012, "cpi"), 100 * 45592744 / 41122180);
  assert.equal(flag("TKM", 2012, "cpi"), "rebased");
  assert.ok(Number.isNaN(cell("TKM", 2013, "cpi")));
  assert.equal(flag("TKM", 2013, "cpi"), "missing");
  // inflation from the gmd layout, float32 renderings read back as 5.277 / 5.314
  assert.equal(cell("TKM", 2011, "inflation"), 5.277);
  assert.equal(cell("TKM", 2012, "inflation"), 5.314);
  // the README states the rule and each link
  assert.match(files["README.md"], /- Rebased: a source with a `rebase` rule/);
  assert.match(files["README.md"], /KAZ 2012-2013 \(2 cells\) linked at 2011/);
  assert.match(files["README.md"], /TKM 2010-2012 \(3 cells\) rebased to 2010 = 100/);
  assert.match(
    files["panel-flags.csv"],
    /\nTKM,2011,cpi,rebased,tests\/fixtures\/data\/macro\/gmd_cpi\.csv:WB_CC rebased to 2010 = 100 \(x /,
  );
});

Deno.test("config: gmd needs an indicator (the source column)", () => {
  const cfg = JSON.parse(Deno.readTextFileSync(CONFIG));
  delete cfg.sources[0].indicator;
  assert.throws(
    () => parseImportConfig(JSON.stringify(cfg), "cfg.json"),
    /cfg\.json: sources\[0\] \("inflation"\): layout "gmd" needs "indicator"/,
  );
});

// ---- The shipped data/: cpi equals the source cells (WDI) or the WB_CC index rebased, recomputed
// here independently from the raw files (SOURCES.md section 11).
const RAW = "../shared/data/raw/macro/";
const skipRaw = skipWithoutShared(RAW, "the cpi test against the raw macro files");

function csvRows(path: string): Record<string, string>[] {
  const [head, ...lines] = Deno.readTextFileSync(path).trim().split(/\r?\n/);
  const h = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [h[i], v])));
}

Deno.test({
  name: "data/panel.csv cpi: WDI FP.CPI.TOTL cells exactly, WB_CC rebased cells recomputed",
  ignore: skipRaw,
  fn() {
    const panel = csvRows("data/panel.csv");
    const flags = new Map(
      csvRows("data/panel-flags.csv").filter((r) => r.variable === "cpi").map((
        r,
      ) => [`${r.iso3}|${r.year}`, r.flag]),
    );
    const wdi = new Map(
      csvRows(`${RAW}open_numbers_wdi__fp_cpi_totl__cpi_2010eq100.subset.csv`).map((
        r,
      ) => [`${r.geo.toUpperCase()}|${r.time}`, r.fp_cpi_totl]),
    );
    const gmd = csvRows(`${RAW}gmd_2025_06__CPI__cpi_level_multisource.subset.csv`);
    const wbcc = new Map(
      gmd.filter((r) => r.WB_CC !== "").map((r) => [
        `${r.ISO3}|${r.year}`,
        Number(r.WB_CC),
      ]),
    );
    const infl = new Map(
      csvRows(`${RAW}gmd_2025_06__infl__cpi_inflation_multisource.subset.csv`).filter((r) =>
        r.WB_CC !== ""
      ).map((r) => [`${r.ISO3}|${r.year}`, Number(r.WB_CC)]),
    );
    let exact = 0;
    let rebased = 0;
    for (const r of panel) {
      const key = `${r.iso3}|${r.year}`;
      if (wdi.has(key)) {
        assert.equal(r.cpi, wdi.get(key), `${key}: WDI cell`); // the same text as the source
        assert.equal(flags.get(key), "observed");
        exact++;
        continue;
      }
      if (r.cpi === "") continue;
      // TJK after 2016: linked at TJK's last WDI year; TKM: rebased to 2010 = 100.
      const wdiYears = [...wdi.keys()].filter((k) => k.startsWith(`${r.iso3}|`)).map((k) =>
        Number(k.split("|")[1])
      );
      const expected = wdiYears.length
        ? Number(wdi.get(`${r.iso3}|${Math.max(...wdiYears)}`)) * wbcc.get(key)! /
          wbcc.get(`${r.iso3}|${Math.max(...wdiYears)}`)!
        : 100 * wbcc.get(key)! / wbcc.get(`${r.iso3}|2010`)!;
      close(Number(r.cpi), expected, 1e-12);
      assert.equal(flags.get(key), "rebased", key);
      // the year-on-year change matches WB_CC inflation (the independent infl file)
      const prev = panel.find((p) => p.iso3 === r.iso3 && Number(p.year) === Number(r.year) - 1);
      if (prev?.cpi && Number(r.year) > 2010) {
        const yoy = 100 * (Number(r.cpi) / Number(prev.cpi) - 1);
        assert.ok(Math.abs(yoy - infl.get(key)!) < 1e-4, `${key}: ${yoy} vs ${infl.get(key)}`);
      }
      rebased++;
    }
    // every country has a level in the study years 2015-2022
    for (const c of ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]) {
      for (let y = 2015; y <= 2022; y++) {
        assert.notEqual(
          panel.find((p) => p.iso3 === c && p.year === String(y))!.cpi,
          "",
          `${c} ${y}`,
        );
      }
    }
    assert.equal(rebased, 7 + 14); // TJK 2017-2023, TKM 2010-2023
    assert.ok(exact >= 60);
  },
});
