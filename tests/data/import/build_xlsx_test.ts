/**
 * The import with imf-dots and comtrade-report sources and a world panel, on .xlsx fixtures made
 * in the test; bad inputs through the CLI: exit 1, one line on stderr, no stack trace, and the
 * output folder left exactly as it was.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { writeImport } from "../../../lib/data/import/build.ts";
import { loadPanel, panelValue } from "../../../lib/data/panel.ts";
import { loadWorldPanel } from "../../../lib/data/world.ts";
import { InputError } from "../../../lib/errors.ts";
import { comtradeReport, type DotsFixture, dotsWorkbook, NAMES_CSV } from "../xlsx_fixtures.ts";
import { freshTmp } from "../../tmp.ts";

const ROOT = freshTmp("import-xlsx-");
const REPO = new URL("../../../", import.meta.url).pathname;

const CHN_BOOK: DotsFixture = {
  reporter: "China, P.R.: Mainland",
  exports: [["World", 5000, 6000], ["Kyrgyz Rep.", "1,900.5", 700.25]],
  imports: [["Kyrgyz Rep.", 60.25, "40 e"], ["Kazakhstan, Rep. of", 3, 4]],
};

async function setup(name: string, kgz: DotsFixture = {}): Promise<string> {
  const dir = `${ROOT}/${name}`;
  await Deno.mkdir(`${dir}/dots`, { recursive: true });
  await Deno.writeTextFile(`${dir}/names.csv`, NAMES_CSV);
  await Deno.writeFile(`${dir}/dots/DOTS_1.xlsx`, await dotsWorkbook(CHN_BOOK));
  await Deno.writeFile(`${dir}/dots/DOTS_2.xlsx`, await dotsWorkbook(kgz));
  await Deno.writeFile(
    `${dir}/comtrade_m.xlsx`,
    await comtradeReport([
      ["1", "2021", "M", "China", "5", "Kyrgyzstan", "1457433215"],
      ["2", "2021", "M", "China", "6", "Other Asia, nes", "99"],
    ]),
  );
  await Deno.writeFile(
    `${dir}/comtrade_x.xlsx`,
    await comtradeReport([["1", "2021", "X", "China", "9", "Kyrgyzstan", "64090574.5"]]),
  );
  const bilateral = (name: string, extra = {}) => ({
    name,
    meaning: name,
    unit: "USD",
    scope: "bilateral",
    interpolate: false,
    ...extra,
  });
  const cfg = {
    reporter: "CHN",
    countries: ["CHN", "KGZ"],
    years: { from: 2019, to: 2021 },
    countryNames: `${dir}/names.csv`,
    variables: [
      bilateral("trade_goods_usd"),
      bilateral("trade_mirror_usd"),
      bilateral("trade_goods_usd_mirror_fill", {
        derive: { op: "fill", inputs: ["trade_goods_usd", "trade_mirror_usd"], formula: "fill" },
      }),
    ],
    sources: [
      {
        variable: "trade_goods_usd",
        file: `${dir}/dots/DOTS_1.xlsx`,
        layout: "imf-dots",
        reportedBy: "reporter",
      },
      {
        variable: "trade_mirror_usd",
        file: `${dir}/dots/DOTS_2.xlsx`,
        layout: "imf-dots",
        reportedBy: "partner",
      },
      {
        variable: "trade_mirror_usd",
        file: `${dir}/comtrade_m.xlsx`,
        with: [`${dir}/comtrade_x.xlsx`],
        layout: "comtrade-report",
        reportedBy: "partner",
      },
    ],
    world: { dir: `${dir}/dots` },
  };
  await Deno.writeTextFile(`${dir}/import.config.json`, JSON.stringify(cfg, null, 2));
  return dir;
}

Deno.test("import from DOTS and Comtrade fixtures: totals, mirror fill, world panel", async () => {
  const dir = await setup("good");
  await writeImport({ config: `${dir}/import.config.json`, outDir: `${dir}/data` });
  const p = await loadPanel(`${dir}/data`);
  // China-reported: exports 1,900.5 + imports 60.25 (2019); 700.25 + 40 e (2020), US$ mn -> USD.
  assert.equal(panelValue(p, "KGZ", 2019, "trade_goods_usd"), 1960750000);
  assert.equal(panelValue(p, "KGZ", 2020, "trade_goods_usd"), 740250000);
  // Kyrgyz-reported (the fixture's defaults): X to China 61.5 + M from China 1942.25 (2019).
  assert.equal(panelValue(p, "KGZ", 2019, "trade_mirror_usd"), 2003750000);
  // 2021: DOTS has no year; Comtrade X 64090574.5 + M 1457433215 USD.
  assert.equal(panelValue(p, "KGZ", 2021, "trade_mirror_usd"), 1521523789.5);
  assert.ok(Number.isNaN(panelValue(p, "KGZ", 2021, "trade_goods_usd")));
  assert.equal(panelValue(p, "KGZ", 2021, "trade_goods_usd_mirror_fill"), 1521523789.5);
  assert.equal(p.flags["KGZ|2021|trade_goods_usd_mirror_fill"], "mirror");
  assert.equal(p.flags["KGZ|2019|trade_goods_usd_mirror_fill"], "observed");
  const sel = await Deno.readTextFile(`${dir}/data/trade-selection.csv`);
  assert.match(sel, /IMF estimate/); // the 2020 " e" cell keeps its flag
  // Comtrade 2019-2020 would be superseded only if it had those years; DOTS_2 rows are used.
  assert.match(sel, /,2019,KGZ,exports \(X\) of KGZ,.*,used,.*trade_mirror_usd\n/);
  const w = await loadWorldPanel(`${dir}/data/world-trade.csv.gz`);
  // CHN: X KGZ 2019, 2020; M KGZ 2019, 2020; M KAZ 2019, 2020. KGZ: X CHN 2019, 2020; X KAZ 2019; M CHN 2019, 2020.
  assert.equal(w.n, 11);
  assert.deepEqual(w.codes, ["CHN", "KAZ", "KGZ"]);
  assert.equal(w.estimate.reduce((a, b) => a + b, 0), 2);
  const stats = JSON.parse(await Deno.readTextFile(`${dir}/data/world-trade.json`));
  assert.equal(stats.aggregateCells, 2 + 2 + 2 + 2);
  assert.deepEqual(w.sources, ["DOTS_1", "DOTS_2"]);
  const i = [...Array(w.n).keys()].find((k) =>
    w.codes[w.reporter[k]] === "CHN" && w.flow[k] === 0 && w.year[k] === 2019
  )!;
  assert.equal(w.value[i], 1900.5e6);
});

Deno.test("the import is byte-identical run after run (fixtures)", async () => {
  const dir = await setup("twice");
  await writeImport({ config: `${dir}/import.config.json`, outDir: `${dir}/a` });
  await writeImport({ config: `${dir}/import.config.json`, outDir: `${dir}/b` });
  for (const e of Deno.readDirSync(`${dir}/a`)) {
    assert.deepEqual(
      Deno.readFileSync(`${dir}/a/${e.name}`),
      Deno.readFileSync(`${dir}/b/${e.name}`),
      e.name,
    );
  }
});

Deno.test("a missing world panel names the command that builds it", async () => {
  await assert.rejects(
    loadWorldPanel(`${ROOT}/nowhere/world-trade.csv.gz`),
    (e: Error) =>
      e instanceof InputError && e.message.includes("deno task import") &&
      !e.message.includes("\n"),
  );
});

async function cliImport(dir: string): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      `--allow-write=${ROOT}`,
      REPO + "lib/cli/main.ts",
      "import",
      "--config",
      `${dir}/import.config.json`,
      "--out",
      `${dir}/data`,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

const BAD: [string, (dir: string) => Promise<void>, RegExp][] = [
  ["corrupt", async (d) => {
    const b = await dotsWorkbook();
    await Deno.writeFile(`${d}/dots/DOTS_2.xlsx`, b.slice(0, b.length / 2));
  }, /DOTS_2\.xlsx: not a readable \.xlsx workbook/],
  ["no-year-row", async (d) => {
    await Deno.writeFile(`${d}/dots/DOTS_2.xlsx`, await dotsWorkbook({ noYearRow: true }));
  }, /DOTS_2\.xlsx, sheet "Exports, FOB", row 7: no year row/],
  [
    "units",
    async (d) => {
      await Deno.writeFile(`${d}/dots/DOTS_2.xlsx`, await dotsWorkbook({ units: "US Dollars" }));
    },
    /DOTS_2\.xlsx, sheet "Exports, FOB", row 5: units "US Dollars" are not "US Dollars, Millions"/,
  ],
  ["unknown-name", async (d) => {
    await Deno.writeFile(
      `${d}/dots/DOTS_2.xlsx`,
      await dotsWorkbook({ imports: [["Freedonia", 1, 2]] }),
    );
  }, /DOTS_2\.xlsx, sheet "Imports, CIF", row 8: unknown country name "Freedonia"/],
  [
    "not-a-number",
    async (d) => {
      await Deno.writeFile(
        `${d}/dots/DOTS_2.xlsx`,
        await dotsWorkbook({ exports: [["Kyrgyz Rep.", "12..5", 1]] }),
      );
    },
    /DOTS_2\.xlsx, sheet "Exports, FOB", row 8, column C \(Kyrgyz Rep\., 2019\): "12\.\.5" is not a number/,
  ],
  [
    "comtrade-unknown-name",
    async (d) => {
      await Deno.writeFile(
        `${d}/comtrade_x.xlsx`,
        await comtradeReport([["1", "2021", "X", "China", "9", "Ruritania", "5"]]),
      );
    },
    /comtrade_x\.xlsx, sheet "Sheet1", row 2, column "reporterDesc": unknown country name "Ruritania"/,
  ],
];

for (const [name, spoil, message] of BAD) {
  Deno.test(`bad input (${name}): exit 1, one line on stderr, no stack trace, data/ untouched`, async () => {
    const dir = await setup(`bad-${name}`);
    await Deno.mkdir(`${dir}/data`);
    await Deno.writeTextFile(`${dir}/data/panel.csv`, "previous run\n");
    await spoil(dir);
    const { code, stderr } = await cliImport(dir);
    assert.equal(code, 1);
    const lines = stderr.trimEnd().split("\n").filter((l) => !l.startsWith("import: world panel"));
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], message);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.deepEqual([...Deno.readDirSync(`${dir}/data`)].map((e) => e.name), ["panel.csv"]);
    assert.equal(await Deno.readTextFile(`${dir}/data/panel.csv`), "previous run\n");
  });
}

Deno.test("world panel trimmed to configured years: the dropped cells are counted", async () => {
  const dir = await setup("trim");
  const { buildWorldPanel } = await import("../../../lib/data/import/world_build.ts");
  const { parseCountryNames } = await import("../../../lib/data/sources/country_names.ts");
  const seen: string[] = [];
  const built = await buildWorldPanel(parseCountryNames(NAMES_CSV, "n.csv"), {
    dir: `${dir}/dots`,
    from: 2020,
    onProgress: (done, total, f) => seen.push(`${done}/${total} ${f}`),
  });
  assert.deepEqual(seen, ["1/2 DOTS_1.xlsx", "2/2 DOTS_2.xlsx"]);
  assert.equal(built.stats.rows, 5); // the 2020 cells of the 11
  assert.equal(built.stats.outsideYears, 6);
  assert.equal(built.stats.firstYear, 2020);
});
