/**
 * The field reader every config section shares, built on strict_json: a section is an object
 * checked against its keys (an unknown key is refused with the allowed keys and the nearest
 * suggested, a missing required key - marked `!` - is named), and each field is read by one small
 * reader that fills its default (when the key is absent) or refuses a wrong type or range in one
 * line of one format: `FILE: "a.b" must be ...`.
 * @module
 */
import { InputError } from "../../errors.ts";
import {
  assertKnownKeys,
  assertNoRepeats,
  type KeySchema,
  nearestKey,
} from "../../data/read/strict_json.ts";

/** Where a value sits in a config: `["terms", 2, "name"]` is printed `"terms[2].name"`. */
export type ConfigPath = readonly (string | number)[];

/** The keys of one config object: each allowed key's schema; a key ending in `!` is required. */
export type ConfigKeys = { [key: string]: KeySchema };

/** The keys of a span of years: `{"from": year, "to": year}`, both required. */
export const YEAR_SPAN_KEYS: ConfigKeys = { "from!": "any", "to!": "any" };

/** Bounds of a number: above `gt` (or at least `ge`), below `lt` (or at most `le`). */
export interface NumberBounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
}

/**
 * A path as messages print it: `"years.from"`, `"terms[2].name"`; the root is `the config`.
 *
 * @example
 * ```ts
 * configWhere(["terms", 2, "name"]); // '"terms[2].name"'
 * ```
 */
export function configWhere(path: ConfigPath): string {
  if (path.length === 0) return "the config";
  const text = path.map((p, i) => typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`);
  return `"${text.join("")}"`;
}

/** `in (0, 1]`, `>= 100`: the bounds as a message prints them. */
function boundsText(b: NumberBounds): string {
  const lo = b.gt !== undefined ? `(${b.gt}` : b.ge !== undefined ? `[${b.ge}` : undefined;
  const hi = b.lt !== undefined ? `${b.lt})` : b.le !== undefined ? `${b.le}]` : undefined;
  if (lo && hi) return `in ${lo}, ${hi}`;
  if (lo) return `${lo[0] === "(" ? ">" : ">="} ${lo.slice(1)}`;
  return hi ? `${hi.endsWith(")") ? "<" : "<="} ${hi.slice(0, -1)}` : "";
}

function inBounds(v: number, b: NumberBounds): boolean {
  return (b.gt === undefined || v > b.gt) && (b.ge === undefined || v >= b.ge) &&
    (b.lt === undefined || v < b.lt) && (b.le === undefined || v <= b.le);
}

/**
 * One value of a config at its path, with the readers that check it: each returns the value
 * (or `def` when the key is absent) or throws one InputError line `FILE: "a.b" must be ...`.
 *
 * @example
 * ```ts
 * new ConfigField("c.json", ["uncertainty", "level"], 0.95).num(0.9, { gt: 0, lt: 1 }); // 0.95
 * new ConfigField("c.json", ["se"], undefined).oneOf(["classical", "hc1"], "classical"); // "classical"
 * ```
 */
export class ConfigField {
  constructor(readonly file: string, readonly path: ConfigPath, readonly value: unknown) {}

  /** The quoted place of this value in messages: `"years.from"`. */
  get where(): string {
    return configWhere(this.path);
  }

  /** The last step of the path: the key (or index) this value has in its parent. */
  get key(): string {
    return String(this.path[this.path.length - 1]);
  }

  /** True when the key is absent (an explicit `null` is present, and checked). */
  get absent(): boolean {
    return this.value === undefined;
  }

  /** Throw the one-line InputError `FILE: message`. */
  fail(message: string): never {
    return configFail(this.file, message);
  }

  /** Throw `FILE: "a.b" must be WHAT`. */
  mustBe(what: string): never {
    return this.fail(`${this.where} must be ${what}`);
  }

  /** A non-empty string. */
  str(def?: string): string {
    if (this.absent && def !== undefined) return def;
    const v = this.value;
    return typeof v === "string" && v !== "" ? v : this.mustBe("a non-empty string");
  }

  /** A finite number within `bounds`. */
  num(def?: number, bounds: NumberBounds = {}): number {
    if (this.absent && def !== undefined) return def;
    const v = this.value;
    if (typeof v !== "number" || !Number.isFinite(v)) this.mustBe("a number");
    if (!inBounds(v, bounds)) this.mustBe(`${boundsText(bounds)}, not ${v}`);
    return v;
  }

  /** A whole number within `bounds`. */
  int(def?: number, bounds: NumberBounds = {}): number {
    if (this.absent && def !== undefined) return def;
    const v = this.num();
    if (!Number.isInteger(v)) this.mustBe(`a whole number, not ${v}`);
    return this.num(undefined, bounds);
  }

  /** A year (a whole number). */
  year(def?: number): number {
    if (this.absent && def !== undefined) return def;
    const v = this.num();
    return Number.isInteger(v) ? v : this.mustBe(`a whole year, not ${v}`);
  }

  /** true or false. */
  bool(def?: boolean): boolean {
    if (this.absent && def !== undefined) return def;
    return typeof this.value === "boolean" ? this.value : this.mustBe("true or false");
  }

  /** One of `allowed` (the nearest is suggested): `"se" "hc4" is not one of ...`. */
  oneOf<T extends string>(allowed: readonly T[], def?: T): T {
    if (this.absent && def !== undefined) return def;
    const v = this.value;
    if (allowed.includes(v as T)) return v as T;
    const near = typeof v === "string" ? nearestKey(v, allowed) : undefined;
    return this.fail(
      `${this.where} ${JSON.stringify(v) ?? "(absent)"} is not one of ${allowed.join(", ")}` +
        (near ? `; did you mean "${near}"?` : ""),
    );
  }

  /** Free text (a note, a name): kept when a string, left out (undefined) otherwise. */
  text(): string | undefined {
    return typeof this.value === "string" ? this.value : undefined;
  }

  /** A list (possibly empty): its items, each at its own path. */
  items(): ConfigField[] {
    const v = this.value;
    if (!Array.isArray(v)) this.mustBe("a list");
    return v.map((x, i) => new ConfigField(this.file, [...this.path, i], x));
  }

  /** A non-empty list: its items, each at its own path. */
  list(): ConfigField[] {
    const v = this.value;
    if (!Array.isArray(v) || v.length === 0) this.mustBe("a non-empty list");
    return this.items();
  }

  /** An object whose keys are free (names of variables, countries): its values, by key. */
  entries(): ConfigField[] {
    const v = this.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.mustBe("an object");
    return Object.keys(v).map((k) =>
      new ConfigField(this.file, [...this.path, k], v[k as keyof typeof v])
    );
  }

  /** A non-empty list of non-empty strings, none named twice. */
  strList(): string[] {
    const list = this.list().map((x) => x.str());
    assertNoRepeats(this.file, list, this.where);
    return list;
  }

  /** A non-empty list whose items are each one of `allowed` (absent: a copy of `def`). */
  oneOfList<T extends string>(allowed: readonly T[], def?: readonly T[]): T[] {
    if (this.absent && def !== undefined) return [...def];
    return this.list().map((x) => x.oneOf(allowed));
  }

  /** A span of whole years `{"from": year, "to": year}` with from <= to. */
  years(def?: { from: number; to: number }): { from: number; to: number } {
    if (this.absent && def !== undefined) return { from: def.from, to: def.to };
    const s = this.section(YEAR_SPAN_KEYS);
    const from = s.get("from").year();
    const to = s.get("to").year();
    if (from > to) s.fail(`${s.get("from").where} (${from}) is after ${s.get("to").where} (${to})`);
    return { from, to };
  }

  /** An object with the keys of `keys` only (unknown: the nearest suggested; required: named). */
  section(keys: ConfigKeys): ConfigSection {
    assertKnownKeys(this.file, this.value, keys, [...this.path]);
    return new ConfigSection(this.file, this.path, this.value as Record<string, unknown>);
  }

  /** An optional {@link section}: absent, it reads as `{}` (every field takes its default). */
  optionalSection(keys: ConfigKeys): ConfigSection {
    return this.absent ? new ConfigSection(this.file, this.path, {}) : this.section(keys);
  }
}

/**
 * An object of a config whose keys have been checked: its fields, each a {@link ConfigField}.
 *
 * @example
 * ```ts
 * const s = configSection("c.json", { level: 0.95 }, ["uncertainty"], { level: "any" });
 * s.get("level").num(0.9); // 0.95
 * ```
 */
export class ConfigSection {
  constructor(
    readonly file: string,
    readonly path: ConfigPath,
    readonly value: Record<string, unknown>,
  ) {}

  /** The field `key` (absent when the object has no such key). */
  get(key: string): ConfigField {
    return new ConfigField(this.file, [...this.path, key], this.value[key]);
  }

  /** The quoted place of this object in messages: `"cbec.retention"`, `the config`. */
  get where(): string {
    return configWhere(this.path);
  }

  /** Throw the one-line InputError `FILE: message`. */
  fail(message: string): never {
    return configFail(this.file, message);
  }
}

/**
 * Throw the one-line InputError `FILE: message` (a check that spans fields, or the panel).
 *
 * @example
 * ```ts
 * configFail("c.json", 'unknown country "XYZ"'); // throws: c.json: unknown country "XYZ"
 * ```
 */
export function configFail(file: string, message: string): never {
  throw new InputError(`${file}: ${message}`);
}

/**
 * Check that `raw` is an object with only the keys of `keys` and all of its required ones (one
 * line otherwise: `FILE: unknown key "lvl" in "uncertainty" (allowed: ...); did you mean
 * "level"?`), and return it as a section to read the fields of.
 *
 * @example
 * ```ts
 * configSection("c.json", { lvl: 1 }, ["uncertainty"], { level: "any" });
 * // throws: c.json: unknown key "lvl" in "uncertainty" (allowed: level); did you mean "level"?
 * ```
 */
export function configSection(
  file: string,
  raw: unknown,
  path: ConfigPath,
  keys: ConfigKeys,
): ConfigSection {
  return new ConfigField(file, path, raw).section(keys);
}
