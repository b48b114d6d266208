/**
 * `deno task mutate [lib/file.ts ...]`: StrykerJS mutation testing of lib/, one target file at a
 * time with concurrency 1, each against the tests of its folder (Stryker's `command` test runner
 * calling `deno test --no-check`). Stryker is a dev tool installed by `npm ci` into
 * tools/mutate/node_modules (git-ignored), never a runtime dependency.
 *
 * Stryker works in a sandbox copy of the repository under out/mutate/.stryker-tmp/ (never in
 * place: other test runs and your edits are unaffected). The tests that read the NIST data as
 * ../shared/data/nist-strd/ find a copy of it beside the sandbox (copied, not linked, so cleaning
 * the sandbox can never touch ../shared). This driver also checks that `git diff` of the target
 * is unchanged afterwards. Reports go to out/mutate/<file>.json and .html;
 * the score per file and the surviving mutants are printed (and written to out/mutate/summary.md).
 *
 * Without arguments it runs DEFAULT_TARGETS. Takes roughly 1.5-5 s per mutant on one core.
 * `--survivors` re-tests only the lines where the last full run of a file left mutants alive
 * (after tests were added for them) and merges the verdicts into out/mutate/<file>.merged.json.
 * @module
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const TOOL = `${ROOT}tools/mutate`;
const OUT = `${ROOT}out/mutate`;

/** Files checked by default, in the order the issue asks (where gaps were found first). */
export const DEFAULT_TARGETS = [
  "lib/gravity/cbec_index.ts",
  "lib/gravity/study.ts",
  "lib/gravity/compare.ts",
  "lib/gravity/potential.ts",
  "lib/gravity/terms.ts",
  "lib/gravity/config.ts",
  "lib/gravity/synthetic.ts",
  "lib/stats/pca.ts",
  "lib/stats/correlation.ts",
  "lib/stats/distributions.ts",
  "lib/stats/complete.ts",
  "lib/stats/terms.ts",
];

/**
 * The tests that judge a target: its folder's tests (tests/gravity/ for lib/gravity/...), without
 * the CLI tests (their subprocesses run without --allow-env, which the mutant switch needs).
 */
export function testsFor(target: string): string[] {
  if (TESTS[target]) return TESTS[target];
  const dir = target.replace(/^lib\//, "tests/").replace(/\/[^/]+$/, "/");
  return [dir];
}

/** The forecast modules: the forecast tests and those written for their mutants (fast first). */
const FORECAST_TESTS = [
  "tests/gravity/forecast_mutants_test.ts",
  "tests/gravity/forecast_config_mutants_test.ts",
  "tests/gravity/forecast_study_mutants_test.ts",
  "tests/gravity/forecast_test.ts",
];

/** Targets judged by a narrower set of test files than their folder (faster, same verdicts). */
const TESTS: Record<string, string[]> = {
  "lib/gravity/figures.ts": ["tests/gravity/figures_test.ts"],
  "lib/gravity/format.ts": [
    "tests/gravity/study_test.ts",
    "tests/gravity/figures_test.ts",
    "tests/gravity/study_paths_test.ts",
  ],
  "lib/stats/pca.ts": [
    "tests/stats/pca_test.ts",
    "tests/stats/pca_paths_test.ts",
    "tests/gravity/cbec_index_test.ts",
    "tests/gravity/boundaries_test.ts",
  ],
  "lib/stats/correlation.ts": [
    "tests/stats/correlation_test.ts",
    "tests/stats/correlation_paths_test.ts",
    "tests/gravity/figures_test.ts",
  ],
  "lib/stats/distributions.ts": [
    "tests/stats/distributions_test.ts",
    "tests/stats/distributions_edges_test.ts",
    "tests/stats/ols_test.ts",
    "tests/stats/pca_test.ts",
  ],
  "lib/stats/complete.ts": [
    "tests/stats/terms_complete_test.ts",
    "tests/stats/correlation_test.ts",
    "tests/stats/pca_test.ts",
    "tests/stats/ols_test.ts",
  ],
  "lib/stats/terms.ts": [
    "tests/stats/terms_complete_test.ts",
    "tests/stats/ols_test.ts",
  ],
  "lib/gravity/forecast.ts": FORECAST_TESTS,
  "lib/gravity/forecast_fit.ts": FORECAST_TESTS,
  "lib/gravity/forecast_naive.ts": FORECAST_TESTS,
  "lib/gravity/forecast_scenario.ts": FORECAST_TESTS,
  "lib/gravity/forecast_uncertainty.ts": FORECAST_TESTS,
  "lib/gravity/forecast_config.ts": FORECAST_TESTS,
  "lib/gravity/forecast_study.ts": FORECAST_TESTS,
  // potential modules (mut-gravity): the slow coverage acceptance tests (6-18 s each) are
  // filtered out; tests/gravity/*_mutants_test.ts check the same code on closed forms
  "lib/gravity/uncertainty.ts": [
    "--filter='/^([^aP]|adding|PPML cov)/'",
    "tests/gravity/potential_mutants_test.ts",
    "tests/gravity/uncertainty_test.ts",
    "tests/gravity/benchmark_ppml_test.ts",
    "tests/gravity/benchmark_test.ts",
  ],
  "lib/gravity/benchmark.ts": [
    "--filter='/^([^aP]|adding|PPML cov)/'",
    "tests/gravity/benchmark_mutants_test.ts",
    "tests/gravity/benchmark_survivors_test.ts",
    "tests/gravity/benchmark_test.ts",
    "tests/gravity/benchmark_ppml_test.ts",
  ],
  "lib/gravity/structural.ts": [
    "tests/gravity/structural_mutants_test.ts",
    "tests/gravity/structural_survivors_test.ts",
    "tests/gravity/structural_test.ts",
  ],
  "lib/gravity/sensitivity.ts": [
    "tests/gravity/sensitivity_mutants_test.ts",
    "tests/gravity/sensitivity_test.ts",
  ],
  "lib/gravity/china_world.ts": [
    "tests/gravity/china_world_mutants_test.ts",
    "tests/gravity/china_world_test.ts",
    "tests/gravity/benchmark_test.ts",
  ],
  "lib/gravity/world_gravity.ts": [
    "tests/gravity/world_gravity_mutants_test.ts",
  ],
  "lib/gravity/benchmark_io.ts": [
    "--filter='/^([^aP]|adding|PPML cov)/'",
    "tests/gravity/benchmark_io_mutants_test.ts",
    "tests/gravity/benchmark_ppml_test.ts",
  ],
  "lib/stats/ppml.ts": [
    "tests/stats/ppml_mutants_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/fe.ts": [
    "tests/stats/fe_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/inference.ts": [
    "tests/stats/inference_mutants_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/separation.ts": [
    "tests/stats/separation_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/estimate.ts": [
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/lsq.ts": [
    "tests/stats/ols_test.ts",
    "tests/stats/nist_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/model.ts": [
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/design.ts": [
    "tests/stats/design_spec_mutants_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/spec.ts": [
    "tests/stats/design_spec_mutants_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
    "tests/stats/ppml_test.ts",
  ],
  "lib/stats/ols.ts": [
    "tests/stats/ols_test.ts",
    "tests/stats/nist_test.ts",
  ],
  "lib/stats/qr.ts": [
    "tests/stats/ols_test.ts",
    "tests/stats/nist_test.ts",
    "tests/stats/inference_mutants_test.ts",
    "tests/stats/model_mutants_test.ts",
    "tests/stats/model_test.ts",
    "tests/stats/ppml_gamma_test.ts",
  ],
};

async function run(cmd: string, args: string[], cwd = ROOT): Promise<number> {
  const p = new Deno.Command(cmd, {
    args,
    cwd,
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  return (await p.status).code;
}

async function gitDiff(file: string): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["diff", "--", file],
    cwd: ROOT,
  }).output();
  return new TextDecoder().decode(out.stdout);
}

interface MutantJson {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: {
    start: { line: number; column: number };
    end: { line: number; column: number };
  };
}

/** Score = killed (incl. timeouts) / (killed + survived + no coverage), as Stryker reports it. */
export function score(mutants: MutantJson[]) {
  const n = (s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
  const killed = n(["Killed", "Timeout"]);
  const survived = n(["Survived", "NoCoverage"]);
  const errors = n(["CompileError", "RuntimeError"]);
  const total = killed + survived;
  return {
    killed,
    survived,
    errors,
    total,
    score: total ? (100 * killed) / total : NaN,
  };
}

/** Key of a mutant that survives a rerun (same place, same mutation). */
const mutantKey = (m: MutantJson) => {
  const { start, end } = m.location;
  return `${start.line}:${start.column}-${end.line}:${end.column}|${m.mutatorName}|` +
    (m.replacement ?? "");
};

async function mutateOne(
  target: string,
  survivorsOnly: boolean,
): Promise<string> {
  const name = target.replace(/^lib\//, "").replace(/\.ts$/, "").replaceAll(
    "/",
    "_",
  );
  // --survivors: re-test only the lines where the last full run left mutants alive (tests are
  // only ever added, so its killed mutants stay killed), then merge the verdicts
  let previous: MutantJson[] | null = null;
  let mutate = [target];
  if (survivorsOnly) {
    previous = readMutants(`${OUT}/${name}.json`);
    const lines = [
      ...new Set(
        previous.filter((m) => m.status === "Survived" || m.status === "NoCoverage")
          .map((m) => m.location.start.line),
      ),
    ];
    if (lines.length === 0) return summarise(target, previous, 0);
    mutate = lines.map((l) => `${target}:${l}-${l}`);
  }
  const reportName = survivorsOnly ? `${name}.rerun` : name;
  const before = await gitDiff(target);
  const tests = testsFor(target);
  const config = {
    mutate,
    testRunner: "command",
    commandRunner: {
      command: "NO_COLOR=1 deno test --no-check --fail-fast --allow-read --allow-write=out " +
        `--allow-run --allow-env ${tests.join(" ")}`,
    },
    inPlace: false,
    disableTypeChecks: false,
    concurrency: 1,
    coverageAnalysis: "off",
    timeoutMS: 20000,
    reporters: ["clear-text", "progress-append-only", "json", "html"],
    jsonReporter: { fileName: `out/mutate/${reportName}.json` },
    htmlReporter: { fileName: `out/mutate/${reportName}.html` },
    clearTextReporter: {
      allowColor: false,
      logTests: false,
      reportScoreTable: true,
    },
    tempDirName: "out/mutate/.stryker-tmp",
    cleanTempDir: true,
    symlinkNodeModules: false,
    ignorePatterns: ["out", "notebooks", "bench", "tools", ".git"],
  };
  await Deno.mkdir(OUT, { recursive: true });
  const cfgPath = `${OUT}/${reportName}.stryker.conf.json`;
  await Deno.writeTextFile(cfgPath, JSON.stringify(config, null, 2));
  // ../shared/data/nist-strd as the tests see it from the sandbox (out/mutate/.stryker-tmp/X/)
  const nist = `${OUT}/.stryker-tmp/shared/data/nist-strd`;
  await Deno.mkdir(nist, { recursive: true });
  for (const e of Deno.readDirSync(`${ROOT}../shared/data/nist-strd`)) {
    if (e.isFile) {
      await Deno.copyFile(
        `${ROOT}../shared/data/nist-strd/${e.name}`,
        `${nist}/${e.name}`,
      );
    }
  }
  const t0 = performance.now();
  console.error(`mutate: ${target} against ${tests.join(" ")}`);
  const code = await run(`${TOOL}/node_modules/.bin/stryker`, ["run", cfgPath]);
  const seconds = (performance.now() - t0) / 1000;
  if ((await gitDiff(target)) !== before) {
    throw new Error(
      `${target} was left mutated: restore it with git checkout -- ${target}`,
    );
  }
  if (code !== 0) return `| ${target} | stryker exited with ${code} | | | | |`;
  let mutants = readMutants(`${OUT}/${reportName}.json`);
  if (previous) {
    const now = new Map(mutants.map((m) => [mutantKey(m), m]));
    mutants = previous.map((m) => now.get(mutantKey(m)) ?? m);
    await Deno.writeTextFile(
      `${OUT}/${name}.merged.json`,
      JSON.stringify(mutants),
    );
  }
  return summarise(target, mutants, seconds);
}

function readMutants(path: string): MutantJson[] {
  const report = JSON.parse(Deno.readTextFileSync(path));
  return Object.values(
    report.files as Record<string, { mutants: MutantJson[] }>,
  )
    .flatMap((f) => f.mutants);
}

function summarise(
  target: string,
  mutants: MutantJson[],
  seconds: number,
): string {
  const s = score(mutants);
  const survivors = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .map((m) =>
      `  - ${target}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}` +
      ` -> ${JSON.stringify(m.replacement ?? "").slice(0, 80)}`
    );
  const row =
    `| ${target} | ${s.score.toFixed(1)}% | ${s.killed} | ${s.survived} | ${s.errors} | ` +
    `${Math.round(seconds)} s |`;
  return [row, ...survivors].join("\n");
}

if (import.meta.main) {
  try {
    await Deno.stat(`${TOOL}/node_modules/.bin/stryker`);
  } catch {
    console.error("mutate: installing StrykerJS (npm ci in tools/mutate)");
    if (await run("npm", ["ci", "--no-audit", "--no-fund"], TOOL) !== 0) {
      Deno.exit(1);
    }
  }
  const survivorsOnly = Deno.args.includes("--survivors");
  const args = Deno.args.filter((a) => a !== "--survivors");
  const targets = args.length ? args : DEFAULT_TARGETS;
  const lines = [
    "| file | score | killed | survived | errors | time |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const t of targets) {
    const block = await mutateOne(t, survivorsOnly);
    lines.push(block);
    console.log(block);
  }
  await Deno.writeTextFile(`${OUT}/summary.md`, lines.join("\n") + "\n");
  console.log(lines.filter((l) => l.startsWith("|")).join("\n"));
}
