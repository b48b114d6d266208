/**
 * The README's "What the study finds" section types a few figures of the study on the shipped
 * data/. They would go stale silently, so this test recomputes them and fails when they differ
 * (then update the README section, or the data, on purpose).
 */
import "./root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { loadPanel } from "../lib/data/panel.ts";
import { loadStudyConfig } from "../lib/gravity/config/study.ts";
import { loadPaperTables } from "../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../lib/gravity/study/run.ts";

Deno.test("README 'What the study finds' figures match deno task study on data/", async () => {
  const readme = (await Deno.readTextFile("README.md")).replace(/\s+/g, " ");
  const config = await loadStudyConfig("data/study.config.json");
  const r = runGravityStudy(config, await loadPanel("data"), {
    paper: await loadPaperTables("data/paper"),
  });
  const fit = r.regression.fit!;
  const years = r.regression.sample.map((s) => s.year);
  const cmp = r.paper!.comparison;
  const [china, mirror] = r.sensitivity!.variants;
  const cc = r.sensitivity!.classChange;
  const expected = [
    `N = ${fit.n} partner-years, ${Math.min(...years)}-${Math.max(...years)}`,
    `${cmp.signAgreement.agree} of the ${cmp.signAgreement.compared} coefficients have the paper's sign`,
    `${cmp.classAgreement.agree} of the ${cmp.classAgreement.compared} country-years both tables classify`,
    `adds ${mirror.n - china.n} partner-years`,
    `changes ${cc.changed} of ${cc.compared} K classes`,
  ];
  for (const e of expected) assert.ok(readme.includes(e), `README should say "${e}"`);
});
