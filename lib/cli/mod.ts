/**
 * The command line: one file per command, their option tables (options/, shared with `--help`
 * and the README), the entry point (main.ts). Not re-exported by lib/mod.ts.
 * @module
 */
export * from "./options/mod.ts";
export { commandList, main, versionText } from "./main.ts";
