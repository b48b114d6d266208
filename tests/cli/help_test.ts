/**
 * `--help` for every command, from the option table the parser reads: the help lists every
 * option the parser accepts, the README's command table is the one the tables make, each
 * example runs, and an unknown option names the nearest known one.
 */
import assert from "node:assert/strict";
import { ROOT } from "../root.ts";
import { COMMANDS } from "../../lib/cli/options/all.ts";
import {
  type CommandExample,
  commandsMarkdown,
  exampleLine,
  helpText,
  parseCommand,
} from "../../lib/cli/options/spec.ts";
import { cli } from "./run_cli.ts";

/** Cells of a markdown table's rows (separator row dropped), whitespace collapsed. */
const rows = (md: string) =>
  md.trim().split("\n").filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l)).map((l) =>
    l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\s+/g, " "))
  );

Deno.test("--help of every command lists every option the parser accepts, and exits 0", async () => {
  for (const spec of COMMANDS) {
    const { code, stdout, stderr } = await cli([spec.name, "--help"]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trimEnd(), helpText(spec));
    for (const o of spec.options) {
      assert.ok(stdout.includes(`--${o.name}`), `${spec.name} --help lacks --${o.name}`);
      // the parser accepts it: a valid value (or none) for it raises no "unknown option"
      const value = o.type === "boolean" ? [] : [o.values?.[0] ?? "x"];
      const required = spec.options.filter((r) => r.required && r.name !== o.name)
        .flatMap((r) => [`--${r.name}`, "x"]);
      const parsed = parseCommand(spec, [...required, `--${o.name}`, ...value]);
      assert.ok(o.name in parsed, `${spec.name}: the parser does not take --${o.name}`);
    }
    const short = await cli([spec.name, "-h"]);
    assert.equal(short.stdout, stdout);
  }
  const list = await cli(["--help"]);
  assert.equal(list.code, 0);
  for (const spec of COMMANDS) {
    assert.match(list.stdout, new RegExp(`^  ${spec.name} +${spec.about}$`, "m"));
  }
});

Deno.test("README's command table is the one the option tables make", () => {
  const readme = Deno.readTextFileSync(`${ROOT}README.md`);
  const block = readme.slice(
    readme.indexOf("<!-- commands:start -->"),
    readme.indexOf("<!-- commands:end -->"),
  );
  assert.deepEqual(
    rows(block),
    rows(commandsMarkdown(COMMANDS)),
    "run: deno run --allow-read --allow-write=README.md tools/readme_commands.ts && deno fmt README.md",
  );
});

Deno.test("every example in the help runs as written and exits 0", async () => {
  const run = async (e: CommandExample) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["task", "--quiet", ...e.args],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").at(-1);
    assert.equal(out.code, 0, `${exampleLine(e)}: ${err}`);
    assert.ok(out.stdout.length > 0, `${exampleLine(e)} printed nothing`);
  };
  // one command's examples in turn (the study's write the same out/ folder), the commands side
  // by side: each is a whole `deno task` process
  await Promise.all(COMMANDS.map(async (c) => {
    for (const e of c.examples) await run(e);
  }));
});

Deno.test("an unknown option is one line naming the nearest known one", async () => {
  const fit = await cli(["fit", "--data", "x.csv", "--estimater", "ppml"]);
  assert.equal(fit.code, 1);
  assert.equal(
    fit.stderr.trim(),
    "error: fit: unknown option --estimater; did you mean --estimator? " +
      "(deno task cli fit --help lists every option)",
  );
  const study = await cli(["study", "--fromat", "json"]);
  assert.match(
    study.stderr.trim(),
    /^error: study: unknown option --fromat; did you mean --format\?/,
  );
  const none = await cli(["pca", "--zzz"]);
  assert.equal(
    none.stderr.trim(),
    "error: pca: unknown option --zzz (deno task cli pca --help lists every option)",
  );
  const version = await cli(["--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^cbec-gravity \d+\.\d+\.\d+ \(Deno \d+\.\d+\.\d+, /);
});
