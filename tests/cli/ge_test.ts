/**
 * `deno task cli ge` as a user runs it (a subprocess): `ge_gravity`'s EU example with --partial
 * (welfare and flows against the numpy fixture of tests/fixtures/ge/make_ge_gravity_fixture.py),
 * the book's trade-without-borders run with --x/--counterfactual and --method book (per-country
 * results against tests/fixtures/ge/make_book_fixture.py), every output format, and the bad
 * inputs: one line on stderr, exit 1, nothing on stdout.
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../lib/data/read/numeric_csv.ts";
import { freshTmp } from "../tmp.ts";
import { cli } from "./run_cli.ts";

const RAW = new URL("../../../shared/data/raw/gravity-teaching/", import.meta.url).pathname;
const FIX = new URL("../fixtures/ge/", import.meta.url).pathname;
const T = freshTmp("cli-ge-");
const geGravity = JSON.parse(Deno.readTextFileSync(FIX + "ge_gravity_expected.json"));
const book = JSON.parse(Deno.readTextFileSync(FIX + "book_expected.json"));

/** The EU example's year-2000 rows with eu_effect = 0.224249 x new EU pair, as a CSV. */
async function euCsv(): Promise<string> {
  const d = await readNumericColumns(RAW + "ge-gravity-example/TradeData0014.csv", [
    "year",
    "trade",
    "eu_enlargement",
  ], ["exporter", "importer"]);
  const e14 = new Map<string, number>();
  for (let i = 0; i < d.n; i++) {
    if (d.columns.year[i] === 2014) {
      e14.set(`${d.strings.exporter[i]}-${d.strings.importer[i]}`, d.columns.eu_enlargement[i]);
    }
  }
  const lines = ["exporter,importer,trade,eu_effect"];
  for (let i = 0; i < d.n; i++) {
    if (d.columns.year[i] !== 2000) continue;
    const k = `${d.strings.exporter[i]}-${d.strings.importer[i]}`;
    const eff = 0.224249 * (e14.get(k)! - d.columns.eu_enlargement[i]);
    lines.push(`${d.strings.exporter[i]},${d.strings.importer[i]},${d.columns.trade[i]},${eff}`);
  }
  const path = `${T}/eu2000.csv`;
  Deno.writeTextFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** The book's 2006 rows with INTL_BRDR, as a CSV. */
async function book2006Csv(): Promise<string> {
  const d = await readNumericColumns(RAW + "agtpa/Chapter2Application2.csv", [
    "year",
    "trade",
    "DIST",
    "CNTG",
  ], ["exporter", "importer"]);
  const lines = ["exporter,importer,trade,DIST,CNTG,INTL_BRDR"];
  for (let i = 0; i < d.n; i++) {
    if (d.columns.year[i] !== 2006) continue;
    const ex = d.strings.exporter[i], im = d.strings.importer[i];
    lines.push(
      `${ex},${im},${d.columns.trade[i]},${d.columns.DIST[i]},${d.columns.CNTG[i]},${
        ex === im ? 0 : 1
      }`,
    );
  }
  const path = `${T}/book2006.csv`;
  Deno.writeTextFileSync(path, lines.join("\n") + "\n");
  return path;
}

const EU = await euCsv();
const BASE = [
  "ge",
  "--data",
  EU,
  "--exporter",
  "exporter",
  "--importer",
  "importer",
  "--y",
  "trade",
];

Deno.test("cli ge --partial: ge_gravity's EU example as JSON, welfare and flows equal the numpy fixture (2e-6)", async () => {
  const r = await cli([...BASE, "--partial", "eu_effect", "--theta", "4", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j).slice(0, 6), [
    "method",
    "theta",
    "iterations",
    "converged",
    "countries",
    "flows",
  ]);
  assert.equal(j.method, "exact");
  assert.equal(j.theta, 4);
  assert.equal(j.converged, true);
  assert.deepEqual(Object.keys(j.countries[0]), [
    "country",
    "welfare",
    "realGdpChange",
    "priceChange",
    "inwardResistanceChange",
    "outwardResistanceChange",
    "exportsChange",
    "exportsChangeConditional",
  ]);
  j.countries.forEach((c: { country: string; welfare: number }, i: number) => {
    assert.equal(c.country, geGravity.countries[i]);
    assert.ok(Math.abs(c.welfare - geGravity.additive.welfare[i]) < 2e-6, c.country);
  });
  assert.equal(j.flows.length, 44 * 44);
  j.flows.forEach((f: { counterfactual: number }, k: number) => {
    const x = geGravity.additive.flows[Math.floor(k / 44)][k % 44];
    assert.ok(Math.abs(f.counterfactual / x - 1) < 2e-6);
  });
  assert.match(r.stderr, /ge: General-equilibrium counterfactual: exact/);
});

Deno.test("cli ge: text, markdown, CSV and HTML show the same numbers as JSON; HTML has the sorted welfare figure with tooltips", async () => {
  const args = [
    ...BASE,
    "--partial",
    "eu_effect",
    "--sigma",
    "5",
    "--deficits",
    "multiplicative",
    "--reference",
    "DEU",
  ];
  const json = JSON.parse((await cli([...args, "--format", "json"])).stdout);
  assert.equal(json.reference, "DEU");
  assert.equal(json.deficits, "multiplicative");
  const deu = json.countries.find((c: { country: string }) => c.country === "DEU");
  assert.ok(Math.abs(deu.inwardResistanceChange) < 1e-9, "DEU's price index is the numeraire");
  const csv = (await cli([...args, "--format", "csv"])).stdout.trim().split("\n");
  assert.equal(
    csv[0],
    "country,welfare,realGdpChange,priceChange,inwardResistanceChange,outwardResistanceChange,exportsChange,exportsChangeConditional",
  );
  assert.equal(csv.length, 45);
  const pol = csv.find((l) => l.startsWith("POL,"))!.split(",").map(Number);
  const polJ = json.countries.find((c: { country: string }) => c.country === "POL");
  assert.equal(pol[1], polJ.welfare);
  assert.equal(pol[6], polJ.exportsChange);
  const text = (await cli([...args, "--format", "text"])).stdout;
  assert.match(text, /Welfare %/);
  const polLine = text.split("\n").find((l) => l.startsWith("POL "))!;
  const signed = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(3)}`;
  assert.deepEqual(polLine.trim().split(/\s+/).slice(1), [
    signed((polJ.welfare - 1) * 100),
    signed(polJ.realGdpChange),
    signed(polJ.priceChange),
    signed(polJ.inwardResistanceChange),
    signed(polJ.outwardResistanceChange),
    signed(polJ.exportsChange),
    signed(polJ.exportsChangeConditional),
  ]);
  const md = (await cli([...args, "--format", "markdown"])).stdout;
  assert.match(md, /^\*\*General-equilibrium counterfactual: exact/);
  assert.match(md, /\| POL \| \+/);
  const html = (await cli([...args, "--format", "html"])).stdout;
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /data-kind="welfareBars"/);
  // bars sorted by welfare, the largest gain first; every bar has a tooltip naming the country
  const sorted = [...json.countries].sort((a, b) => b.welfare - a.welfare).map((c) => c.country);
  const titles = [...html.matchAll(/<title>([A-Z]{3})\nwelfare ([+−][0-9.]+)%/g)].map((m) => m[1]);
  assert.deepEqual(titles, sorted);
});

Deno.test("cli ge --x --counterfactual --method book: the book's trade without borders, every country to 1e-3 pp", async () => {
  const file = await book2006Csv();
  const r = await cli([
    "ge",
    "--data",
    file,
    "--exporter",
    "exporter",
    "--importer",
    "importer",
    "--y",
    "trade",
    "--x",
    "ln(DIST),CNTG,INTL_BRDR",
    "--counterfactual",
    "INTL_BRDR=0",
    "--sigma",
    "7",
    "--reference",
    "DEU",
    "--method",
    "book",
    "--format",
    "json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.method, "book");
  assert.equal(j.iterations, 5);
  assert.match(r.stderr, /INTL_BRDR -2\.4744/);
  for (const row of book.countries) {
    const c = j.countries.find((c: { country: string }) => c.country === row.country);
    assert.ok(Math.abs(c.realGdpChange - row.change_rGDP_FULL) < 1e-3, row.country);
    assert.ok(Math.abs(c.exportsChange - row.change_Xi_FULL) < 1e-3, row.country);
    assert.ok(Math.abs(c.exportsChangeConditional - row.change_Xi_CDL) < 1e-3, row.country);
    assert.ok(Math.abs(c.priceChange - row.change_price_FULL) < 1e-3, row.country);
  }
  // the same scenario, exact: a border removed for one pair only through a column
  const one = `${T}/book2006_one.csv`;
  const lines = Deno.readTextFileSync(file).trim().split("\n");
  Deno.writeTextFileSync(
    one,
    [
      lines[0] + ",BRDR_CF",
      ...lines.slice(1).map((l) => {
        const [ex, im, , , , b] = l.split(",");
        return `${l},${(ex === "CHN" && im === "KOR") || (ex === "KOR" && im === "CHN") ? 0 : b}`;
      }),
    ].join("\n") + "\n",
  );
  const e = await cli([
    "ge",
    "--data",
    one,
    "--exporter",
    "exporter",
    "--importer",
    "importer",
    "--y",
    "trade",
    "--x",
    "ln(DIST),CNTG,INTL_BRDR",
    "--counterfactual",
    "INTL_BRDR=BRDR_CF",
    "--sigma",
    "7",
    "--format",
    "json",
  ]);
  assert.equal(e.code, 0, e.stderr);
  const ej = JSON.parse(e.stdout);
  const kor = ej.countries.find((c: { country: string }) => c.country === "KOR");
  const deu = ej.countries.find((c: { country: string }) => c.country === "DEU");
  assert.ok(kor.welfare > 1 && kor.exportsChange > 0, "KOR gains from its border with CHN removed");
  assert.ok(deu.welfare < 1, "a third country loses (trade diversion)");
  const chnKor = ej.flows.find((f: { exporter: string; importer: string }) =>
    f.exporter === "CHN" && f.importer === "KOR"
  );
  assert.ok(chnKor.counterfactual > 5 * chnKor.baseline);
});

Deno.test("cli ge: bad input is one line on stderr, exit 1, nothing on stdout", async () => {
  const put = (name: string, text: string) => {
    const p = `${T}/${name}`;
    Deno.writeTextFileSync(p, text);
    return p;
  };
  const ok = "exporter,importer,trade,b\nA,A,10,0\nA,B,2,0.1\nB,A,3,0.1\nB,B,20,0\n";
  const files = {
    nonSquare: put("ns.csv", "exporter,importer,trade,b\nA,A,10,0\nA,B,2,0.1\nB,B,20,0\nA,C,1,0\n"),
    incomplete: put(
      "inc.csv",
      "exporter,importer,trade,b\nA,A,10,0\nA,B,2,0.1\nB,A,3,0.1\nB,B,20,0\nC,C,5,0\nC,A,1,0\nA,C,1,0\n",
    ),
    noDomestic: put("nodom.csv", "exporter,importer,trade,b\nA,A,10,0\nA,B,2,0.1\nB,A,3,0.1\n"),
    zeroDomestic: put("zerodom.csv", ok.replace("B,B,20", "B,B,0")),
    negative: put("neg.csv", ok.replace("A,B,2", "A,B,-2")),
    twice: put("twice.csv", ok + "A,B,4,0\n"),
    good: put("ok.csv", ok),
  };
  const base = (
    f: string,
  ) => ["ge", "--data", f, "--exporter", "exporter", "--importer", "importer", "--y", "trade"];
  const cases: [string[], RegExp][] = [
    [
      [...base(files.nonSquare), "--partial", "b", "--theta", "4"],
      /not square: importer C never appears as exporter/,
    ],
    [
      [...base(files.incomplete), "--partial", "b", "--theta", "4"],
      /incomplete: 7 of 9 pairs given \(3 countries\); missing e\.g\. B-C/,
    ],
    [
      [...base(files.noDomestic), "--partial", "b", "--theta", "4"],
      /domestic flow of B .* is missing/,
    ],
    [
      [...base(files.zeroDomestic), "--partial", "b", "--theta", "4"],
      /zerodom\.csv: row 5, column "trade": the domestic flow of B is 0/,
    ],
    [
      [...base(files.negative), "--partial", "b", "--theta", "4"],
      /neg\.csv: row 3, column "trade": negative trade \(-2\)/,
    ],
    [
      [...base(files.twice), "--partial", "b", "--theta", "4"],
      /twice\.csv: row 6: pair A-B appears twice \(first at row 3\)/,
    ],
    [
      [...base(files.good), "--partial", "b", "--theta", "0"],
      /theta must be a number > 0 \(got 0\)/,
    ],
    [
      [...base(files.good), "--partial", "b", "--theta=-2"],
      /theta must be a number > 0 \(got -2\)/,
    ],
    [[...base(files.good), "--partial", "b", "--sigma", "1"], /sigma must be a number > 1/],
    [[...base(files.good), "--partial", "b"], /give the trade elasticity/],
    [
      [...base(files.good), "--partial", "b", "--theta", "4", "--reference", "XYZ"],
      /reference country "XYZ" is not in the flow matrix \(A, B\)/,
    ],
    [
      [...base(files.good), "--x", "b", "--counterfactual", "c=0", "--theta", "4"],
      /counterfactual term "c" is not a regressor of the model \(--x terms: b\)/,
    ],
    [[...base(files.good), "--x", "b", "--theta", "4"], /--x needs --counterfactual/],
    [
      [...base(files.good), "--partial", "b", "--x", "b", "--theta", "4"],
      /either --partial COL .* or --x TERMS/,
    ],
    [[
      ...base(files.good),
      "--partial",
      "b",
      "--theta",
      "4",
      "--method",
      "book",
      "--reference",
      "A",
    ], /book needs --x/],
    [
      [...base(files.good), "--partial", "b", "--theta", "4", "--method", "nope"],
      /--method "nope" is not one of exact, book/,
    ],
    [[...base(files.good), "--partial", "nope", "--theta", "4"], /no column "nope"/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 1, `${args.join(" ")}: exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stdout, "", `${args.join(" ")} printed on stdout`);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], pattern);
  }
});
