/**
 * Acceptance table: the CLI run (as a subprocess, as a user runs it) on a list of bad inputs.
 * Every one gives exit code != 0, exactly one line on stderr, no stack trace, and leaves the
 * output directory as it was (a file placed there before is the only thing there after).
 * The README's "Bad input" table lists these classes and message shapes.
 */
import assert from "node:assert/strict";
import { freshTmp } from "../tmp.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = `${ROOT}lib/cli/main.ts`;
const T = freshTmp("bad-input-");

const put = (name: string, text: string | Uint8Array) => {
  const path = `${T}/${name}`;
  if (typeof text === "string") Deno.writeTextFileSync(path, text);
  else Deno.writeFileSync(path, text);
  return path;
};

// --- data files -------------------------------------------------------------------------------
const dupCol = put("dup_col.csv", "y,x,x\n1,2,3\n2,3,5\n3,5,4\n4,4,4\n");
const good = put("good.csv", "y,x,z\n1,2,3\n2,3,5\n3,5,4\n4,4,4\n5,7,1\n");
const badNum = put("bad_num.csv", "y,x\n1,2\n2,1.2.3\n");
const ragged = put("ragged.csv", "y,x\n1,2\n2,3,4\n");
const quote = put("quote.csv", 'y,x\n1,"2\n2,3\n');
const empty = put("empty.csv", "");
const binary = put(
  "binary.csv",
  new Uint8Array([0x79, 0x2c, 0x78, 0x0a, 0xff, 0x00, 0x22, 0x0d, 0x2c]),
);
const newlineCell = put("newline_cell.csv", 'y,x\n1,"a\nb"\n');
const negative = put("negative.csv", "y,x\n1,2\n2,-3\n");
const emptyName = put("empty_name.csv", "y,,x\n1,2,3\n");
const dupG = put("dup_g.csv", "y,x,g,g\n1,2,a,b\n2,3,a,b\n3,5,c,d\n4,4,c,d\n");

// --- study configs and a panel with a repeated column / row -----------------------------------
const study = JSON.parse(Deno.readTextFileSync(`${ROOT}data/study.config.json`));
const studyCfg = (name: string, patch: (c: Record<string, unknown>) => void) => {
  const c = structuredClone(study);
  patch(c);
  return put(name, JSON.stringify(c, null, 2));
};
const unknownKey = studyCfg("unknown_key.json", (c) => {
  c.partnrs = c.partners;
  delete c.partners;
});
const sectionKey = studyCfg("section_key.json", (c) => {
  (c.uncertainty as Record<string, unknown>).drawz = 500;
});
const twicePartner = studyCfg("twice_partner.json", (c) => (c.partners = ["KAZ", "KGZ", "KAZ"]));
const twiceYear = put(
  "twice_year.json",
  Deno.readTextFileSync(`${ROOT}data/study.config.json`).replace(
    '"from": 2015',
    '"from": 2015, "from": 2016',
  ),
);
const notJson = put("not_json.json", '{"title": "x",');
const panelDir = `${T}/panel`;
Deno.mkdirSync(panelDir, { recursive: true });
const panelText = Deno.readTextFileSync(`${ROOT}data/panel.csv`);
const [head, ...panelRows] = panelText.split("\n");
// A repeated "pop" column (one more cell per row, so the table stays rectangular).
{
  const h = head.split(",");
  const j = h.indexOf("pop");
  const rows = panelRows.filter((r) => r !== "").map((r) => {
    const c = r.split(",");
    c.splice(j, 0, c[j]);
    return c.join(",");
  });
  h.splice(j, 0, "pop");
  Deno.writeTextFileSync(`${panelDir}/panel.csv`, [h.join(","), ...rows].join("\n") + "\n");
}
Deno.copyFileSync(`${ROOT}data/variables.json`, `${panelDir}/variables.json`);
Deno.copyFileSync(`${ROOT}data/panel-flags.csv`, `${panelDir}/panel-flags.csv`);
const panelCfg = studyCfg("panel_dup.json", (c) => (c.dataDir = panelDir));
const rowDir = `${T}/panel-row`;
Deno.mkdirSync(rowDir, { recursive: true });
Deno.writeTextFileSync(`${rowDir}/panel.csv`, panelText + panelRows[20] + "\n");
Deno.copyFileSync(`${ROOT}data/variables.json`, `${rowDir}/variables.json`);
Deno.copyFileSync(`${ROOT}data/panel-flags.csv`, `${rowDir}/panel-flags.csv`);
const rowCfg = studyCfg("panel_row.json", (c) => (c.dataDir = rowDir));
const panelRow20 = panelRows[20].split(",");

// --- import configs ----------------------------------------------------------------------------
const fixture = JSON.parse(Deno.readTextFileSync(`${ROOT}tests/fixtures/data/import.config.json`));
const importCfg = (name: string, patch: (c: Record<string, unknown>) => void) => {
  const c = structuredClone(fixture);
  patch(c);
  return put(name, JSON.stringify(c, null, 2));
};
const impKey = importCfg("imp_key.json", (c) => (c.yaers = c.years));
const impTwice = importCfg("imp_twice.json", (c) => (c.countries = ["CHN", "KAZ", "KAZ"]));
const impType = importCfg("imp_type.json", (c) => (c.years = { from: "2014", to: "latest" }));
const notXlsx = importCfg("imp_xlsx.json", (c) =>
  (c.sources as Record<string, unknown>[]).unshift({
    variable: "trade_goods_usd",
    file: binary,
    layout: "imf-dots",
    reportedBy: "reporter",
  }));
const dupCepii = put("cepii_dup.csv", "iso_o,iso_d,distcap,distcap\nCHN,KAZ,1,2\n");
const impDupCol = importCfg("imp_dupcol.json", (c) => {
  for (const s of c.sources as { layout: string; file: string }[]) {
    if (s.layout === "cepii") s.file = dupCepii;
  }
});

type Case = { name: string; args: string[]; stderr: string | RegExp; out?: boolean };
const O = "OUT"; // replaced by the case's output directory
const fit = (data: string, ...more: string[]) => ["fit", "--data", data, "--y", "y", ...more];
const rep = (f: string, c: string, a: number, b: number) =>
  `error: ${f}: column "${c}" appears 2 times in the header (columns ${a}, ${b}); rename one`;

const CASES: Case[] = [
  { name: "fit: repeated column", args: fit(dupCol, "--x", "x"), stderr: rep(dupCol, "x", 2, 3) },
  {
    name: "fit: repeated cluster column",
    args: fit(dupG, "--x", "x", "--se", "cluster:g"),
    stderr: rep(dupG, "g", 3, 4),
  },
  {
    name: "fit: term twice in --x",
    args: fit(good, "--x", "x,z,x"),
    stderr: 'error: fit: "x" appears twice in --x',
  },
  {
    name: "fit: ln term twice in --x (written differently)",
    args: fit(good, "--x", "ln(x), LN( x )"),
    stderr: 'error: fit: "ln(x)" appears twice in --x',
  },
  {
    name: "fit: dependent term in --x",
    args: fit(good, "--x", "x,y"),
    stderr: 'error: fit: the dependent term "y" is also in --x',
  },
  {
    name: "fit: --se cluster with no column",
    args: ["fit", "--data", emptyName, "--y", "y", "--x", "x", "--se", "cluster: "],
    stderr: "error: --se cluster needs a column: --se cluster:COL",
  },
  {
    name: "fit: bad number",
    args: fit(badNum, "--x", "x"),
    stderr: `error: ${badNum}: row 3, column "x": "1.2.3" is not a number`,
  },
  {
    name: "fit: ragged row",
    args: fit(ragged, "--x", "x"),
    stderr: `error: ${ragged}: row 3: 3 fields, but the header has 2`,
  },
  {
    name: "fit: unclosed quote",
    args: fit(quote, "--x", "x"),
    stderr: /^error: .*quote\.csv: row \d+: /,
  },
  {
    name: "fit: empty file",
    args: fit(empty, "--x", "x"),
    stderr: `error: ${empty}: the file is empty (no header line)`,
  },
  { name: "fit: binary junk", args: fit(binary, "--x", "x"), stderr: /^error: .*binary\.csv: / },
  {
    name: "fit: a line break inside a quoted cell is escaped, not printed",
    args: fit(newlineCell, "--x", "x"),
    stderr: `error: ${newlineCell}: row 2, column "x": "a\\nb" is not a number`,
  },
  {
    name: "fit: ln of a negative",
    args: fit(negative, "--x", "ln(x)"),
    stderr: `error: ${negative}: row 3, column "x": ln of -3 (needs a value > 0)`,
  },
  {
    name: "fit: missing file",
    args: fit(`${T}/absent.csv`, "--x", "x"),
    stderr: `error: ${T}/absent.csv: cannot read the file (NotFound)`,
  },
  {
    name: "fit: unknown flag",
    args: fit(good, "--x", "x", "--bogus"),
    stderr: /^error: fit: unknown option --bogus \(deno task cli fit --help lists every option\)$/,
  },
  {
    name: "pca: column twice in --columns",
    args: ["pca", "--data", good, "--columns", "x,z,x"],
    stderr: 'error: pca: "x" appears twice in --columns',
  },
  {
    name: "pca: repeated column",
    args: ["pca", "--data", dupCol, "--columns", "y,x"],
    stderr: rep(dupCol, "x", 2, 3),
  },
  {
    name: "study: unknown config key, nearest suggested",
    args: ["study", "--config", unknownKey, "--out", O],
    stderr: new RegExp(
      `^error: ${unknownKey}: unknown key "partnrs" in the top level \\(allowed: title, .*\\); did you mean "partners"\\?$`,
    ),
    out: true,
  },
  {
    name: "study: unknown key in a section, nearest suggested",
    args: ["study", "--config", sectionKey, "--out", O],
    stderr:
      `error: ${sectionKey}: unknown key "drawz" in "uncertainty" (allowed: enabled, level, ` +
      'draws, seed, se, residual); did you mean "draws"?',
    out: true,
  },
  {
    name: "study: partner named twice",
    args: ["study", "--config", twicePartner, "--out", O],
    stderr: `error: ${twicePartner}: "KAZ" appears twice in "partners"`,
    out: true,
  },
  {
    name: "study: year key written twice",
    args: ["study", "--config", twiceYear, "--out", O],
    stderr: new RegExp(
      `^error: ${twiceYear}: "from" appears twice in the keys of "years" \\(line \\d+\\)$`,
    ),
    out: true,
  },
  {
    name: "study: not JSON",
    args: ["study", "--config", notJson, "--out", O],
    stderr: new RegExp(`^error: ${notJson}: not valid JSON \\(`),
    out: true,
  },
  {
    name: "study: panel with a repeated column",
    args: ["study", "--config", panelCfg, "--out", O],
    stderr:
      /^error: .*panel\/panel\.csv: column "pop" appears 2 times in the header \(columns \d+, \d+\); rename one$/,
    out: true,
  },
  {
    name: "study: panel with a country-year twice",
    args: ["study", "--config", rowCfg, "--out", O],
    stderr: new RegExp(
      `^error: ${rowDir}/panel\\.csv: row \\d+: ${panelRow20[0]} ${
        panelRow20[1]
      } appears twice \\(rows \\d+, \\d+\\); keep one$`,
    ),
    out: true,
  },
  {
    name: "study: bad --format",
    args: ["study", "--format", "pdf", "--out", O],
    stderr: 'error: --format "pdf" is not one of text, markdown, json, html, latex',
    out: true,
  },
  {
    name: "import: unknown config key",
    args: ["import", "--config", impKey, "--out", O],
    stderr: new RegExp(
      `^error: ${impKey}: unknown key "yaers" in the top level \\(allowed: .*\\); did you mean "years"\\?$`,
    ),
    out: true,
  },
  {
    name: "import: country named twice",
    args: ["import", "--config", impTwice, "--out", O],
    stderr: `error: ${impTwice}: "KAZ" appears twice in "countries"`,
    out: true,
  },
  {
    name: "import: value of the wrong type",
    args: ["import", "--config", impType, "--out", O],
    stderr: `error: ${impType}: "years.from" must be a number`,
    out: true,
  },
  {
    name: "import: a workbook that is not one",
    args: ["import", "--config", notXlsx, "--out", O],
    stderr: new RegExp(`^error: ${binary}: not a readable \\.xlsx workbook \\(.*\\)$`),
    out: true,
  },
  {
    name: "import: a source file with a repeated column",
    args: ["import", "--config", impDupCol, "--out", O],
    stderr: rep(dupCepii, "distcap", 3, 4),
    out: true,
  },
];

async function runCase(c: Case, i: number): Promise<void> {
  const outDir = `${T}/out-${i}`;
  if (c.out) {
    await Deno.mkdir(outDir, { recursive: true });
    await Deno.writeTextFile(`${outDir}/previous.txt`, "previous output\n");
  }
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write=out",
      MAIN,
      ...c.args.map((a) => (a === O ? outDir : a)),
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(r.stderr);
  const what = `${c.name}: ${JSON.stringify(stderr)}`;
  assert.notEqual(r.code, 0, what);
  assert.ok(
    stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1,
    `one line: ${what}`,
  );
  assert.ok(!/\n\s+at |internal error|Stack backtrace/.test(stderr), `no stack trace: ${what}`);
  const line = stderr.slice(0, -1);
  if (typeof c.stderr === "string") assert.equal(line, c.stderr, c.name);
  else assert.match(line, c.stderr, c.name);
  if (c.out) {
    const names: string[] = [];
    for await (const e of Deno.readDir(outDir)) names.push(e.name);
    assert.deepEqual(names, ["previous.txt"], `no partial output: ${c.name}`);
    assert.equal(await Deno.readTextFile(`${outDir}/previous.txt`), "previous output\n");
  }
}

Deno.test(`bad input: ${CASES.length} cases, each exit != 0, one line, no stack trace, no output`, async () => {
  // Three subprocesses at a time (the machine is shared).
  for (let i = 0; i < CASES.length; i += 3) {
    await Promise.all(CASES.slice(i, i + 3).map((c, k) => runCase(c, i + k)));
  }
});
