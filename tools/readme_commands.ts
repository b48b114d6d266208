/**
 * Writes README.md's command table from the CLI's option tables (lib/cli/options/), between
 * the markers `<!-- commands:start -->` and `<!-- commands:end -->`:
 * `deno run --allow-read --allow-write=README.md tools/readme_commands.ts`.
 * tests/cli/help_test.ts fails while README.md differs from what this writes.
 * @module
 */
import { COMMANDS } from "../lib/cli/options/all.ts";
import { commandsMarkdown } from "../lib/cli/options/spec.ts";

/** README text with the command table between its markers replaced. */
export function withCommandTable(readme: string): string {
  const start = "<!-- commands:start -->";
  const end = "<!-- commands:end -->";
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md: markers ${start} ... ${end} not found`);
  return readme.slice(0, i + start.length) + "\n\n" + commandsMarkdown(COMMANDS) + "\n\n" +
    readme.slice(j);
}

if (import.meta.main) {
  const path = new URL("../README.md", import.meta.url).pathname;
  await Deno.writeTextFile(path, withCommandTable(await Deno.readTextFile(path)));
  console.log("README.md: command table written from lib/cli/options/");
}
