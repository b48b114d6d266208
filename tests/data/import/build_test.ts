import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { buildImport, writeImport } from "../../../lib/data/import/build.ts";
import { parseImportConfig } from "../../../lib/data/import/config.ts";
import { loadPanel, panelValue } from "../../../lib/data/panel.ts";
import { runImport } from "../../../lib/cli/import.ts";
import { InputError } from "../../../lib/errors.ts";
import { freshTmp } from "../../tmp.ts";

const CONFIG = "tests/fixtures/data/import.config.json";

Deno.test("fixture import: priority, interpolation, derived variables and flags", async () => {
  const out = freshTmp("data-fixture-");
  await writeImport({ config: CONFIG, outDir: out });
  const p = await loadPanel(out);
  assert.deepEqual(p.countries, ["CHN", "KAZ"]);
  assert.deepEqual(p.years, [2014, 2015, 2016, 2017, 2018, 2019, 2020]); // latest = 2020 (trade page row)
  // pop: the API file first; its empty 2016 cell is filled from the bulk file (second in priority).
  assert.equal(panelValue(p, "KAZ", 2015, "pop"), 1100);
  assert.equal(panelValue(p, "KAZ", 2016, "pop"), 1210);
  const flagsPop = await Deno.readTextFile(`${out}/panel-flags.csv`);
  assert.match(
    flagsPop,
    /\nKAZ,2014,pop,observed,tests\/fixtures\/data\/API_SP\.POP\.TOTL_DS2_en_csv_v2_fixture\.csv:SP\.POP\.TOTL\n/,
  );
  assert.match(
    flagsPop,
    /\nKAZ,2016,pop,observed,tests\/fixtures\/data\/wdi_bulk\.csv:SP\.POP\.TOTL\n/,
  );
  // internet: 2015 interpolated (60 + 71)/2; 2017 edge stays missing.
  assert.equal(panelValue(p, "KAZ", 2015, "internet_users"), 65.5);
  assert.equal(p.flags["KAZ|2015|internet_users"], "interpolated");
  assert.equal(p.flags["KAZ|2017|internet_users"], "missing");
  // derived: cpi_proxy = 100 + inflation; trans_dist = haversine x oil.
  assert.equal(panelValue(p, "KAZ", 2016, "cpi_proxy"), 104.5);
  assert.equal(p.flags["KAZ|2014|cpi_proxy"], "missing");
  // dist_km reference: Python, same haversine formula and R = 6371.0088 km, (40, 116) to (51, 71).
  const d = panelValue(p, "KAZ", 2015, "dist_km");
  assert.ok(Math.abs(d - 3648.839510727568) < 1e-9);
  assert.equal(panelValue(p, "KAZ", 2015, "trans_dist"), d * 50);
  assert.equal(p.flags["CHN|2015|trans_dist"], "not-applicable");
  assert.equal(panelValue(p, "KAZ", 2016, "dist_cepii_km"), 3600.5);
  // year-level oil on every row; trade never interpolated.
  assert.equal(panelValue(p, "CHN", 2016, "oil_price"), 40);
  assert.equal(panelValue(p, "KAZ", 2020, "trade_goods_usd"), 21400000000);
  assert.equal(p.flags["KAZ|2019|trade_goods_usd"], "missing");
  const v = p.variables.find((x) => x.name === "pop")!;
  assert.equal(
    v.vintage,
    "tests/fixtures/data/API_SP.POP.TOTL_DS2_en_csv_v2_fixture.csv:SP.POP.TOTL: 2024-06-28; tests/fixtures/data/wdi_bulk.csv:SP.POP.TOTL: fixture bulk",
  );
  assert.equal(p.variables.find((x) => x.name === "internet_users")!.indicator, "IT.NET.USER.ZS");
  // every cell has a flag
  assert.equal(Object.keys(p.flags).length, 2 * 7 * p.variables.length);
});

Deno.test("unknown indicator in the config: error names the file", async () => {
  const c = parseImportConfig(Deno.readTextFileSync(CONFIG), CONFIG);
  c.sources[1].indicator = "XX.NOPE";
  await assert.rejects(
    buildImport(c),
    (e: Error) =>
      e instanceof InputError &&
      e.message === 'tests/fixtures/data/wdi_bulk.csv: indicator "XX.NOPE" not found',
  );
});

Deno.test("the real import is deterministic: byte-identical to the committed data/", async () => {
  const out = freshTmp("data-");
  await runImport(["--out", out]);
  for (
    const f of [
      "panel.csv",
      "panel-flags.csv",
      "variables.json",
      "trade-selection.csv",
      "totals-selection.csv",
      "README.md",
      "world-trade.csv.gz",
      "world-trade.json",
    ]
  ) {
    const a = await Deno.readFile(`${out}/${f}`);
    const b = await Deno.readFile(`data/${f}`);
    assert.ok(
      a.length === b.length && a.every((x, i) => x === b[i]),
      `${f} differs from data/${f}; run deno task import`,
    );
  }
});

Deno.test("the shipped panel honours its contract", async () => {
  const p = await loadPanel();
  assert.deepEqual(p.countries, ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]);
  assert.equal(p.years[0], 2010);
  assert.equal(p.years.at(-1), 2024);
  // Values straight from raw files (population-long.csv; dist_cepii distcap; trade page 31.2 billion USD).
  assert.equal(panelValue(p, "KAZ", 2022, "trade_goods_usd"), 31.2e9);
  assert.equal(panelValue(p, "KAZ", 2022, "dist_cepii_km"), 3655.658);
  assert.equal(panelValue(p, "CHN", 2022, "cbec_share_chn"), 2.1e12 / 42.07e12);
  assert.equal(panelValue(p, "KAZ", 2022, "etrade_proxy"), 31.2e9 * (2.1e12 / 42.07e12));
  // raw/macro/open_numbers_wdi__fp_cpi_totl__cpi_2010eq100.subset.csv: chn,2022,131.91936
  assert.equal(panelValue(p, "CHN", 2022, "cpi"), 131.91936);
  assert.equal(p.flags["CHN|2017|cbec_total_chn"], "missing"); // narrow 2017 figure excluded
  assert.equal(p.flags["CHN|2019|cbec_total_chn"], "interpolated");
  assert.equal(p.flags["CHN|2020|dist_km"], "not-applicable");
  const dep = p.rows.filter((r) =>
    r.year >= 2015 && r.year <= 2022 && !Number.isNaN(r.values.trade_goods_usd)
  );
  // China-reported DOTS (DOTS_40) for every partner 2015-2020, then official China-side page
  // statements for 2021-2022 where one passes the selection rule.
  const dots = ["KAZ", "KGZ", "TJK", "TKM", "UZB"].flatMap((c) =>
    [2015, 2016, 2017, 2018, 2019, 2020].map((y) => `${c} ${y}`)
  );
  assert.deepEqual(
    dep.map((r) => `${r.iso3} ${r.year}`),
    [...dots, "KAZ 2021", "KAZ 2022", "KGZ 2022", "TKM 2022"].sort(),
  );
  for (const v of ["cpi_proxy", "etrade_proxy"]) {
    assert.equal(p.variables.find((x) => x.name === v)!.proxy, true);
  }
});
