/**
 * Strict JSON configs: a key written twice in one object (JSON.parse silently keeps the last),
 * a key the config does not know (a typo would otherwise be ignored and a default used), and a
 * list entry named twice are each refused with one line naming the file and the place. The
 * nearest allowed key is suggested (edit distance from `fastest-levenshtein`).
 * @module
 */
import { closest, distance } from "fastest-levenshtein";
import { getNodePath, type Node, parseTree } from "jsonc-parser";
import { InputError, repeatedEntry, unknownKey } from "../../errors.ts";

/**
 * The type a leaf value must have when present: `"any"` is not inspected; `"strings"` is a list
 * of strings; `"string-map"` / `"number-map"` an object whose values are strings / numbers;
 * `"regex"` a string that compiles as a regular expression; `"number|latest"` a number or the
 * word "latest".
 */
export type LeafType =
  | "any"
  | "string"
  | "number"
  | "boolean"
  | "strings"
  | "string-map"
  | "number-map"
  | "regex"
  | "number|latest";

/**
 * The keys a config object may have: an object maps each allowed key to the schema of its
 * value (a key ending in `!` is required, e.g. `"file!": "string"`); `[schema]` is a list whose
 * items follow `schema`; a {@link LeafType} is a value of that type (checked when present).
 */
export type KeySchema = LeafType | [KeySchema] | { [key: string]: KeySchema };

const LEAF_TEXT: Record<LeafType, string> = {
  any: "anything",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  strings: "a list of strings",
  "string-map": "an object whose values are strings",
  "number-map": "an object whose values are numbers",
  regex: "a valid regular expression",
  "number|latest": 'a number or "latest"',
};

function leafOk(type: LeafType, v: unknown): boolean {
  switch (type) {
    case "any":
      return true;
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "strings":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "string-map":
      return isObject(v) && Object.values(v).every((x) => typeof x === "string");
    case "number-map":
      return isObject(v) &&
        Object.values(v).every((x) => typeof x === "number" && Number.isFinite(x));
    case "regex":
      try {
        return typeof v === "string" && new RegExp(v, "i") instanceof RegExp;
      } catch {
        return false;
      }
    case "number|latest":
      return v === "latest" || (typeof v === "number" && Number.isFinite(v));
  }
}

/** `years.from`, `terms[2].name`: a JSON path as printed in messages. */
function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parse JSON text strictly: invalid JSON and a key written twice in one object are one-line
 * InputErrors (`FILE: "from" appears twice in the keys of "years" (line 14)`).
 *
 * @example
 * ```ts
 * parseStrictJson('{"a": 1}', "c.json"); // { a: 1 }
 * parseStrictJson('{"a": 1, "a": 2}', "c.json"); // throws: "a" appears twice in the top-level keys (line 1)
 * ```
 */
export function parseStrictJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (root) checkDuplicateKeys(root, text, file);
  return value;
}

function checkDuplicateKeys(node: Node, text: string, file: string): void {
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) {
        const path = getNodePath(node);
        const where = path.length ? `the keys of "${pathText(path)}"` : "the top-level keys";
        throw repeatedEntry(file, key, `${where} (line ${lineOf(text, keyNode.offset)})`);
      }
      seen.add(key);
    }
  }
  for (const child of node.children ?? []) checkDuplicateKeys(child, text, file);
}

/**
 * The allowed key nearest to `key` (case-insensitive match first, then Levenshtein distance up
 * to a third of the key's length, at least 1), or undefined when none is close.
 *
 * @example
 * ```ts
 * nearestKey("partnrs", ["partners", "reporter"]); // "partners"
 * ```
 */
export function nearestKey(key: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const ci = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
  if (ci) return ci;
  const best = closest(key, allowed as string[]);
  return distance(key, best) <= Math.max(1, Math.ceil(key.length / 3)) ? best : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Check every object in `value` against `schema`: a key the schema does not list is the one-line
 * {@link unknownKey} InputError (allowed keys, nearest suggestion); a value of the wrong type is
 * one line too (`FILE: "sources[3].file" must be a string`), as is an object or list where the
 * schema has the other.
 *
 * @example
 * ```ts
 * assertKnownKeys("c.json", { yeras: {} }, { years: { from: "any", to: "any" } });
 * // throws: c.json: unknown key "yeras" in the top level (allowed: years); did you mean "years"?
 * ```
 */
export function assertKnownKeys(
  file: string,
  value: unknown,
  schema: KeySchema,
  path: (string | number)[] = [],
): void {
  const at = () => (path.length ? `"${pathText(path)}"` : "the config");
  if (typeof schema === "string") {
    if (!leafOk(schema, value)) {
      throw new InputError(`${file}: ${at()} must be ${LEAF_TEXT[schema]}`);
    }
    return;
  }
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) throw new InputError(`${file}: ${at()} must be a list`);
    value.forEach((item, i) => assertKnownKeys(file, item, schema[0], [...path, i]));
    return;
  }
  if (!isObject(value)) throw new InputError(`${file}: ${at()} must be an object`);
  const allowed = Object.keys(schema).map((k) => k.replace(/!$/, ""));
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.hasOwn(schema, key) ? schema[key] : schema[`${key}!`];
    if (sub === undefined || key.endsWith("!")) {
      const where = path.length ? `"${pathText(path)}"` : "the top level";
      throw unknownKey(file, key, where, allowed, nearestKey(key, allowed));
    }
    assertKnownKeys(file, v, sub, [...path, key]);
  }
  for (const key of Object.keys(schema)) {
    if (key.endsWith("!") && !Object.hasOwn(value, key.slice(0, -1))) {
      throw new InputError(`${file}: ${at()} has no "${key.slice(0, -1)}" (it is required)`);
    }
  }
}

/**
 * Refuse a list that names an entry twice (a partner, a country, an indicator, a term):
 * `FILE: "KAZ" appears twice in "partners"`. Non-list values are left to the caller.
 *
 * @example
 * ```ts
 * assertNoRepeats("c.json", ["KAZ", "KGZ"], '"partners"'); // ok
 * ```
 */
export function assertNoRepeats(file: string, list: unknown, where: string): void {
  if (!Array.isArray(list)) return;
  const seen = new Set<string>();
  for (const x of list) {
    const key = typeof x === "string" ? x.trim() : JSON.stringify(x);
    if (seen.has(key)) throw repeatedEntry(file, typeof x === "string" ? x.trim() : key, where);
    seen.add(key);
  }
}
