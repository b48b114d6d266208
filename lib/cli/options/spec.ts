/**
 * What an option table is, and what reads one: the parser (strict, enumerated values, required
 * options, the nearest known option for a typo), `--help`, and the README's command table, so the
 * three cannot drift. Each problem is a one-line InputError.
 * @module
 */
import { parseArgs } from "node:util";
import { InputError } from "../../errors.ts";
import { nearestKey } from "../../data/read/strict_json.ts";

/** Where an option is listed in the help. */
export type OptionGroup = "data" | "model" | "inference" | "output";

/** One command-line option. */
export interface OptionSpec {
  /** The long name, without `--`. */
  name: string;
  type: "string" | "boolean";
  /** One-letter alias, without `-`. */
  short?: string;
  /** The placeholder of the value in the help (e.g. "FILE.csv"). */
  arg?: string;
  /** The allowed values (checked by the parser; listed by the help). */
  values?: readonly string[];
  /** The default, as the help prints it (the command applies it). */
  default?: string;
  /** The command refuses to run without it. */
  required?: boolean;
  group: OptionGroup;
  /** One line: what it does. */
  help: string;
}

/** A command line that runs on the bundled (or ../shared) data, shown in the help and tested. */
export interface CommandExample {
  /** Words after `deno task`: e.g. ["cli", "fit", "--data", "x.csv", ...]. */
  args: string[];
  about: string;
}

/** One command: its job, its options and its examples. */
export interface CommandSpec {
  name: string;
  /** How a user starts it, e.g. "deno task cli fit" or "deno task study". */
  invoke: string;
  /** One line: what the command does. */
  about: string;
  /** A few lines of what it needs and what it prints or writes. */
  description?: string[];
  options: OptionSpec[];
  examples: CommandExample[];
}

/** Parsed option values: strings, booleans, or undefined when not given. */
export type OptionValues = Record<string, string | boolean | undefined>;

const GROUPS: [OptionGroup, string][] = [
  ["data", "Data"],
  ["model", "Model"],
  ["inference", "Inference"],
  ["output", "Output"],
];

/** `--name ARG` as the usage and the help print it. */
function optionLabel(o: OptionSpec): string {
  const arg = o.type === "boolean" ? "" : ` ${o.values ? o.values.join("|") : o.arg ?? "VALUE"}`;
  return `${o.short ? `-${o.short}, ` : ""}--${o.name}${arg}`;
}

/**
 * Parse a command's arguments against its option table: unknown options (with the nearest known
 * one suggested), positionals, a value that is not one of the allowed ones and a missing
 * required option are one-line InputErrors naming the command.
 *
 * @example
 * ```ts
 * parseCommand(PCA_COMMAND, ["--data", "f.csv", "--columns", "a,b"]); // { data: "f.csv", ... }
 * ```
 */
export function parseCommand(spec: CommandSpec, args: string[]): OptionValues {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const o of spec.options) {
    options[o.name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  }
  let values: OptionValues;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false })
      .values as OptionValues;
  } catch (e) {
    throw new InputError(parseError(spec, args, e));
  }
  for (const o of spec.options) {
    const v = values[o.name];
    if (o.required && (typeof v !== "string" || v.trim() === "")) {
      throw new InputError(
        `${spec.name}: missing --${o.name} ${o.arg ?? ""}`.trimEnd() + see(spec),
      );
    }
    if (o.values && v !== undefined && !o.values.includes(String(v))) {
      throw new InputError(`--${o.name} "${v}" is not one of ${o.values.join(", ")}`);
    }
  }
  return values;
}

const see = (spec: CommandSpec) => ` (${spec.invoke} --help lists every option)`;

/** One line for what node:util's parseArgs refused, with the nearest known option. */
function parseError(spec: CommandSpec, args: string[], e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given = message.match(/'(-{1,2}[^'=\s]+)/)?.[1] ?? "";
    const names = [...spec.options.map((o) => o.name), "help"];
    const near = nearestKey(given.replace(/^-+/, ""), names);
    const hint = near ? `; did you mean --${near}?` : "";
    return `${spec.name}: unknown option ${given || message}${hint}${see(spec)}`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const word = args.find((a) => !a.startsWith("-")) ?? "";
    return `${spec.name}: unexpected argument "${word}" (options start with --)${see(spec)}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return `${spec.name}: ${message.replace(/\.$/, "")}${see(spec)}`;
  }
  return `${spec.name}: ${message}${see(spec)}`;
}

/** The width the help is wrapped to. */
const HELP_WIDTH = 100;

/** Words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}

/** The one-line usage: required options, then `[options]`. */
export function usageLine(spec: CommandSpec): string {
  const required = spec.options.filter((o) => o.required).map(optionLabel);
  return `usage: ${[spec.invoke, ...required, "[options]"].join(" ")}`;
}

/** The shell form of an example's words (quoted where a shell needs it). */
export function exampleLine(example: CommandExample): string {
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `"${w.replaceAll('"', '\\"')}"`);
  return ["deno task", ...example.args.map(quote)].join(" ");
}

/**
 * The help of a command: what it does, usage, every option grouped (data, model, inference,
 * output) with its values and default, and the examples.
 *
 * @example
 * ```ts
 * console.log(helpText(FIT_COMMAND));
 * ```
 */
export function helpText(spec: CommandSpec): string {
  const lines = [`${spec.invoke}: ${spec.about}`, "", usageLine(spec)];
  if (spec.description?.length) lines.push("", ...spec.description);
  // labels longer than 28 characters get a line of their own
  const labels = [...spec.options.map(optionLabel), "-h, --help"].filter((l) => l.length <= 28);
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  for (const [group, title] of GROUPS) {
    const opts = spec.options.filter((o) => o.group === group);
    if (!opts.length) continue;
    lines.push("", `${title}:`);
    for (const o of opts) {
      const label = optionLabel(o);
      const notes = [o.required ? "required" : "", o.default ? `default: ${o.default}` : ""]
        .filter((s) => s).join("; ");
      const text = wrap(o.help + (notes ? ` (${notes})` : ""), HELP_WIDTH - width - 2);
      const indent = "  " + "".padEnd(width);
      const first = label.length + 2 > width ? [`  ${label}`, indent + text[0]] : [
        `  ${label.padEnd(width)}${text[0]}`,
      ];
      lines.push(...first, ...text.slice(1).map((t) => indent + t));
    }
  }
  lines.push("", "Help:", `  ${"-h, --help".padEnd(width)}this text`);
  if (spec.examples.length) {
    lines.push("", "Examples:");
    for (const e of spec.examples) lines.push(`  ${exampleLine(e)}`, `      ${e.about}`);
  }
  return lines.join("\n");
}

/** Markdown escaping for a table cell. */
const cell = (t: string) => t.replaceAll("|", "\\|");

/**
 * The README's command table, made from the option tables (a test keeps README.md equal to it):
 * one row per command with its job and every option, its values and default.
 *
 * @example
 * ```ts
 * commandsMarkdown(COMMANDS); // "| command | what it does | options |\n| --- | ..."
 * ```
 */
export function commandsMarkdown(commands: CommandSpec[]): string {
  const rows = commands.map((c) => {
    const options = c.options.map((o) => {
      const notes = [o.required ? "required" : "", o.default ? `default ${o.default}` : ""]
        .filter((s) => s).join(", ");
      return `\`${cell(optionLabel(o))}\`${notes ? ` (${notes})` : ""}`;
    });
    return `| \`${c.invoke}\` | ${cell(c.about)} | ${options.join(", ")} |`;
  });
  return ["| command | what it does | options |", "| --- | --- | --- |", ...rows].join("\n");
}
