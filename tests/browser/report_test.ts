/**
 * The HTML a user opens, tested the way they see it: in headless Chromium (Debian's
 * /usr/bin/chromium via puppeteer-core). Builds the study report (`deno task study`, both the
 * default config and the equation (1) config) and the rendered notebooks (`deno task
 * report`'s code path) into a fresh directory under out/, opens each page from file:// and
 * checks: no console errors, no failed requests and no request outside file:/data:; every figure
 * and table present, visible, non-empty and not clipped (no title, legend or label outside its
 * svg or container); same-page links reach their targets; math typeset by KaTeX with no raw TeX
 * left; and the marks of the K heatmap, actual-vs-predicted and coefficient figures carry a
 * tooltip (<title>) with the value shown. Full-page screenshots go to out/screenshots/.
 */
import "../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import type { Browser } from "puppeteer-core";
import {
  checkPage,
  CHROMIUM,
  launchBrowser,
  type PageReport,
  type TitledFigure,
} from "./browser.ts";
import { listNotebooks } from "../../notebooks/harness.ts";
import { renderNotebooks } from "../../notebooks/render.ts";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const shots = `${root}/out/screenshots`;

/** Run `deno task study --config CONFIG --out DIR` as the task does (cwd = repo root). */
async function study(config: string, dir: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      `--allow-write=${root}/out`,
      "--allow-env=NO_COLOR",
      "lib/cli/main.ts",
      "study",
      "--config",
      config,
      "--out",
      dir,
    ],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, `study ${config} failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** fmt of lib/report/figures/shared.ts: fixed digits, typographic minus. */
const fmt = (v: number, digits: number) => v.toFixed(digits).replace("-", "−");

interface Results {
  potential: { country: string; year: number; k: number | null; actual: number | null }[];
  regression: { fit: { coefficients: { term: string; estimate: number }[] } | null };
}

function titledFigure(report: PageReport, kind: string): TitledFigure {
  const f = report.titled.find((t) => t.kind === kind);
  assert.ok(f, `${report.url}: no figure with data-kind="${kind}"`);
  return f;
}

function markTitles(f: TitledFigure, label: string): string[] {
  const g = f.groups.find((g) => g.label === label);
  assert.ok(g, `${f.kind}: no "${label}" mark`);
  assert.ok(g.titles.length > 0, `${f.kind}: the "${label}" mark is empty`);
  g.titles.forEach((t, i) => assert.ok(t?.trim(), `${f.kind}: ${label} ${i + 1} has no title`));
  return g.titles as string[];
}

/** The tooltips of the figures a user hovers over hold the values of results.json. */
function checkTooltips(report: PageReport, results: Results): void {
  const heat = titledFigure(report, "kHeatmap");
  const cells = markTitles(heat, "cell");
  assert.equal(cells.length, heat.texts.length);
  cells.forEach((t, i) => assert.ok(t.includes(heat.texts[i]), `K cell title ${t}`));
  for (const p of results.potential) {
    if (p.k === null) continue;
    assert.ok(
      cells.some((t) => t.includes(`${p.country} ${p.year}`) && t.includes(fmt(p.k!, 2))),
      `no K cell titled ${p.country} ${p.year} K = ${fmt(p.k, 2)}`,
    );
  }
  const avp = titledFigure(report, "actualVsPredicted");
  const dots = markTitles(avp, "dot");
  const drawn = results.potential.filter((p) => p.actual !== null && p.k !== null);
  assert.equal(dots.length, drawn.length);
  for (const p of drawn) {
    assert.ok(
      dots.some((t) => t.includes(`${p.country} ${p.year}`) && t.includes(`K = ${fmt(p.k!, 2)}`)),
      `no actual-vs-predicted dot titled ${p.country} ${p.year} K = ${fmt(p.k!, 2)}`,
    );
  }
  const coef = titledFigure(report, "coefficientPlot");
  const est = markTitles(coef, "dot");
  for (const c of results.regression.fit!.coefficients) {
    if (c.term === "(Intercept)") continue;
    assert.ok(
      est.some((t) => t.includes(c.term) && t.includes(fmt(c.estimate, 3))),
      `no coefficient dot titled ${c.term} ${fmt(c.estimate, 3)}`,
    );
  }
}

function assertClean(r: PageReport): void {
  assert.deepEqual(r.problems, [], `${r.url}:\n  ${r.problems.join("\n  ")}`);
  assert.ok(r.figures.length > 0, `${r.url}: no figures`);
  assert.ok(r.tables > 0, `${r.url}: no tables`);
}

Deno.test({
  name: "browser: report.html and the rendered notebooks in headless Chromium",
  // puppeteer keeps a websocket and timers of its own; the browser is closed in `finally`.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    await Deno.stat(CHROMIUM).catch(() => {
      throw new Error(`${CHROMIUM} not found: apt-get install chromium (.ci/run does)`);
    });
    await Deno.mkdir(`${root}/out`, { recursive: true });
    const tmp = await Deno.makeTempDir({ dir: `${root}/out`, prefix: "browser-" });
    await Deno.mkdir(shots, { recursive: true });
    const studies = [
      ["data/study.config.json", `${tmp}/study`],
      ["data/study.eq1.config.json", `${tmp}/study-eq1`],
    ];
    const [notebooks] = await Promise.all([
      renderNotebooks(listNotebooks(`${root}/notebooks`), { outDir: `${tmp}/notebooks` }),
      ...studies.map(([config, dir]) => study(config, dir)),
    ]);
    for (const n of notebooks) assert.ok(n.ok, `${n.output}: ${n.error}`);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(`${tmp}/profile`);
      const b = browser;
      for (const [config, dir] of studies) {
        await t.step(`study report.html (${config})`, async () => {
          const name = dir.slice(dir.lastIndexOf("/") + 1);
          const r = await checkPage(b, `${dir}/report.html`, `${shots}/${name}-report.png`);
          assertClean(r);
          assert.ok(r.links >= 5, `${r.links} table-of-contents links`);
          // every figure the study wrote (9, plus the K intervals and the world benchmark's)
          const written = [...Deno.readDirSync(`${dir}/figures`)].length;
          assert.equal(r.figures.length, written, r.figures.map((f) => f.name).join(", "));
          assert.ok(r.figures.some((f) => !f.noData && f.kind === "correlationHeatmap"));
          const results = JSON.parse(await Deno.readTextFile(`${dir}/results.json`));
          if (results.regression.fit) {
            assert.deepEqual(r.figures.filter((f) => f.noData).map((f) => f.name), []);
            checkTooltips(r, results);
          } else {
            // Not estimable: the regression figures say so, each with the reason.
            for (const f of r.figures.filter((f) => f.noData)) {
              assert.match(f.caption, /^Not drawn: /, `${f.name} is empty without a reason`);
            }
          }
        });
      }
      for (const n of notebooks) {
        const name = n.output.slice(n.output.lastIndexOf("/") + 1, -".html".length);
        await t.step(`notebook ${name}.html`, async () => {
          const r = await checkPage(b, n.output, `${shots}/notebook-${name}.png`);
          assertClean(r);
          const nb = JSON.parse(await Deno.readTextFile(`${root}/notebooks/${name}.ipynb`));
          const markdown = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "markdown")
            .map((c: { source: string | string[] }) => [c.source].flat().join("")).join("\n");
          const prose = markdown.replace(/```[\s\S]*?```|`[^`]*`/g, "");
          if (/\$[^$\s][^$]*\$/.test(prose)) assert.ok(r.katex > 0, `${name}: no typeset math`);
          for (const f of r.figures) assert.equal(f.noData, null, `${name}: ${f.name} is empty`);
          const expected = nb.metadata.cbec?.expect?.svg ?? 0;
          assert.ok(
            r.figures.length >= expected,
            `${name}: ${r.figures.length} figures < ${expected}`,
          );
        });
      }
    } finally {
      await browser?.close();
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  },
});
