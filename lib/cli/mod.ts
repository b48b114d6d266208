/**
 * The command line: one file per command, the option tables they share with `--help` and the
 * README (commands.ts), the entry point (main.ts). Not re-exported by lib/mod.ts.
 * @module
 */
export * from "./commands.ts";
export * from "./options.ts";
export { commandList, main, versionText } from "./main.ts";
