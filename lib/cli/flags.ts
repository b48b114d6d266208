/**
 * Command-line flags for every command: strict parsing and enumerated values, each problem a
 * one-line InputError.
 * @module
 */
import { parseArgs } from "node:util";
import { InputError } from "../errors.ts";

/** Output formats shared by fit, pca and study. */
export const FORMATS = ["text", "json", "markdown", "html"] as const;

/**
 * Parse command-line flags strictly (node:util parseArgs: unknown flags and positionals are
 * errors); any problem is a one-line InputError ending with the usage line.
 *
 * @example
 * ```ts
 * parseFlags(["--data", "f.csv"], { data: { type: "string" } }, "usage: ..."); // { data: "f.csv" }
 * ```
 */
export function parseFlags(
  args: string[],
  options: Record<string, { type: "string" | "boolean"; short?: string }>,
  usage: string,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new InputError(`${msg} (${usage})`);
  }
}

/**
 * Check that the named string flags were given (non-empty); otherwise a one-line InputError.
 *
 * @example
 * ```ts
 * requireFlags({ data: "f.csv" }, ["data"], "fit", "usage: ..."); // ok
 * ```
 */
export function requireFlags(
  values: Record<string, string | boolean | undefined>,
  names: string[],
  command: string,
  usage: string,
): void {
  for (const name of names) {
    if (typeof values[name] !== "string" || values[name] === "") {
      throw new InputError(`${command}: missing --${name} (${usage})`);
    }
  }
}

/**
 * The value of an enumerated flag (or its default), or a one-line InputError listing the choices.
 *
 * @example
 * ```ts
 * oneOf("format", undefined, FORMATS, "text"); // "text"
 * ```
 */
export function oneOf<T extends string>(
  flag: string,
  value: string | boolean | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = value === undefined ? fallback : String(value);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new InputError(`--${flag} "${v}" is not one of ${allowed.join(", ")}`);
  }
  return v as T;
}
