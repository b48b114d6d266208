/**
 * The study command on a bad counterfactual section (run as a user runs it): theta <= 0, sigma <= 1,
 * a reference that is not a study country, a misspelt key (the nearest suggested), a scenario
 * without its change: exit 1, one line on stderr naming the file and the field, nothing written.
 */
import assert from "node:assert/strict";
import { cli } from "./run_cli.ts";
import { freshTmp } from "../tmp.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const T = freshTmp("study-counterfactual-bad-");
const study = JSON.parse(Deno.readTextFileSync(`${ROOT}data/study.config.json`));
const cfg = (name: string, patch: (c: Record<string, unknown>) => void) => {
  const c = structuredClone(study);
  patch(c.counterfactual);
  const path = `${T}/${name}.json`;
  Deno.writeTextFileSync(path, JSON.stringify(c, null, 2));
  return path;
};
const scenario = (c: Record<string, unknown>) => (c.scenarios as Record<string, unknown>[])[1];

const CASES: [string, string, string][] = [
  [
    "theta",
    cfg("theta", (c) => (c.theta = 0)),
    '"counterfactual.theta" must be > 0, not 0',
  ],
  [
    "sigma",
    cfg("sigma", (c) => {
      delete c.theta;
      c.sigma = 0.5;
    }),
    '"counterfactual.sigma" must be > 1, not 0.5',
  ],
  [
    "reference",
    cfg("reference", (c) => (c.reference = "USA")),
    '"counterfactual.reference" "USA" is not one of CHN, KAZ, KGZ, TJK, TKM, UZB',
  ],
  [
    "key",
    cfg("key", (c) => {
      c.deficit = c.deficits;
      delete c.deficits;
    }),
    'unknown key "deficit" in "counterfactual" (allowed: enabled, year, theta, sigma, deficits, ' +
    'reference, domestic, scenarios); did you mean "deficits"?',
  ],
  [
    "change",
    cfg("change", (c) => delete scenario(c).distanceFactor),
    '"counterfactual.scenarios[1]" needs exactly one of "set" (the term\'s new value) and ' +
    '"distanceFactor"',
  ],
];

for (const [name, path, message] of CASES) {
  Deno.test(`study with a bad counterfactual section (${name}): one line, exit 1, nothing written`, async () => {
    const out = `${T}/out-${name}`;
    const r = await cli(["study", "--config", path, "--out", out], [
      "--allow-read",
      `--allow-write=${T}`,
      "--allow-env=NO_COLOR",
    ]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error: ${path}: ${message}\n`);
    assert.equal(r.stdout, "");
    assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
  });
}
