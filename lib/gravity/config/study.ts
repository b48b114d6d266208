/**
 * The study config: the model as data (reporter, partners, years, dependent variable, the terms
 * of the paper's equation (2) with how each is formed, the CBEC indicators, PCA retention, SE type,
 * K definition and thresholds). Loading and validation give one-line errors.
 * @module
 */
import { InputError } from "../../errors.ts";
import {
  assertKnownKeys,
  assertNoRepeats,
  type KeySchema,
  parseStrictJson,
} from "../../data/read/strict_json.ts";
import type { SeType } from "../../stats/types.ts";
import type { GravityPanel } from "../types.ts";
import { type ForecastConfig, parseForecastConfig, validateForecast } from "./forecast.ts";
import { type BenchmarkConfig, parseBenchmarkConfig } from "./benchmark.ts";
import { fail, isObject, num, str, strList } from "./fields.ts";
import { parseSensitivity, type SensitivityConfig } from "./sensitivity.ts";
import { parseStructuralConfig, type StructuralConfig } from "./structural.ts";
import { parseUncertaintyConfig, type UncertaintyConfig } from "./uncertainty.ts";
import {
  CBEC_INDEX,
  type Formation,
  type KDefinition,
  type Retention,
  type TermSpec,
} from "../types.ts";

/** A complete study config. */
export interface StudyConfig {
  title: string;
  /** Directory holding panel.csv, panel-flags.csv, variables.json (default "data"). */
  dataDir: string;
  /** Directory holding the paper's tables (default "data/paper"). */
  paperDir: string;
  reporter: string;
  partners: string[];
  years: { from: number; to: number };
  dependent: { variable: string; note?: string };
  terms: TermSpec[];
  cbec: {
    indicators: string[];
    retention: Retention;
    /** Include the reporter's own country-years in the PCA sample (default false: partners only). */
    includeReporter: boolean;
    /**
     * Drop (and list) indicators present in fewer than this share of the PCA sample before the
     * listwise PCA (default 0: keep every indicator, as the paper lists them).
     */
    minCoverage: number;
  };
  se: SeType;
  potential: {
    definition: KDefinition;
    /** K <= huge: huge potential; K >= remodelling: re-modelling; between: expanding. */
    thresholds: { huge: number; remodelling: number };
  };
  /** Free-text statements of the choices made (printed with the results). */
  choices: string[];
  /** Out-of-time validation and scenario settings (absent: every default). */
  forecast?: ForecastConfig;
  /** Intervals and class probabilities of K (lib/gravity/potential/uncertainty.ts). */
  uncertainty: UncertaintyConfig;
  /** The world benchmark of K (lib/gravity/world/benchmark.ts); null when the config has none. */
  benchmark: BenchmarkConfig | null;
  /** The structural world K (lib/gravity/world/structural.ts); null when the config has none. */
  structural: StructuralConfig | null;
  /** Optional sensitivity table: the same equation on each listed dependent variable. */
  sensitivity?: SensitivityConfig;
}

const FORMATIONS: Formation[] = [
  "product",
  "partner",
  "reporter",
  "ratio",
  "bilateral",
  "sum",
  "difference",
];
const SE_TYPES: SeType[] = ["classical", "hc0", "hc1", "hc2", "hc3", "cluster"];
const K_DEFS: KDefinition[] = ["level", "smearing", "log-ratio"];

/**
 * Every key a study config may have (an unknown key is refused with the allowed ones listed and
 * the nearest suggested). A new config field is added here as well as to the parser.
 */
export const STUDY_CONFIG_KEYS: KeySchema = {
  title: "any",
  dataDir: "any",
  paperDir: "any",
  reporter: "any",
  partners: "any",
  years: { from: "any", to: "any" },
  dependent: { variable: "any", note: "any" },
  terms: [{ name: "any", variable: "any", formation: "any", log: "any", note: "any" }],
  cbec: {
    indicators: "any",
    retention: { rule: "any", share: "any" },
    includeReporter: "any",
    minCoverage: "any",
  },
  se: "any",
  potential: { definition: "any", thresholds: { huge: "any", remodelling: "any" } },
  choices: "any",
  // These sections' own parsers check the keys inside them.
  sensitivity: "any",
  uncertainty: "any",
  benchmark: "any",
  forecast: "any",
  structural: "any",
};

/**
 * Check a parsed config object and fill defaults; every problem is one InputError line naming
 * the file and the field.
 *
 * @example
 * ```ts
 * const cfg = parseStudyConfig(JSON.parse(await Deno.readTextFile("data/study.config.json")));
 * cfg.reporter; // "CHN"
 * ```
 */
export function parseStudyConfig(raw: unknown, file = "study config"): StudyConfig {
  if (!isObject(raw)) fail(file, "the config must be a JSON object");
  assertKnownKeys(file, raw, STUDY_CONFIG_KEYS);
  const years = raw.years;
  if (!isObject(years)) fail(file, 'field "years" must be an object {"from": ..., "to": ...}');
  const from = num(file, '"years.from"', years.from);
  const to = num(file, '"years.to"', years.to);
  if (from > to) fail(file, `"years.from" (${from}) is after "years.to" (${to})`);
  const dep = raw.dependent;
  if (!isObject(dep)) fail(file, 'field "dependent" must be an object {"variable": ...}');
  if (!Array.isArray(raw.terms) || raw.terms.length === 0) {
    fail(file, 'field "terms" must be a non-empty list');
  }
  const terms: TermSpec[] = raw.terms.map((t: unknown, i: number) => {
    if (!isObject(t)) fail(file, `terms[${i}] must be an object`);
    const formation = str(file, `terms[${i}].formation`, t.formation) as Formation;
    if (!FORMATIONS.includes(formation)) {
      fail(file, `terms[${i}].formation "${formation}" is not one of ${FORMATIONS.join(", ")}`);
    }
    const log = t.log === undefined ? true : t.log;
    if (typeof log !== "boolean") fail(file, `terms[${i}].log must be true or false`);
    const variable = str(file, `terms[${i}].variable`, t.variable);
    if (variable === CBEC_INDEX && log) {
      fail(file, `terms[${i}]: the CBEC composite can be negative, so "log" must be false`);
    }
    if (!log && (formation === "product" || formation === "ratio")) {
      fail(file, `terms[${i}]: formation "${formation}" needs "log": true`);
    }
    if (log && (formation === "sum" || formation === "difference")) {
      fail(file, `terms[${i}]: formation "${formation}" needs "log": false`);
    }
    return {
      name: str(file, `terms[${i}].name`, t.name),
      variable,
      formation,
      log,
      ...(typeof t.note === "string" ? { note: t.note } : {}),
    };
  });
  const names = new Set<string>();
  for (const t of terms) {
    if (names.has(t.name)) fail(file, `term name "${t.name}" appears twice`);
    names.add(t.name);
  }
  const cbec = isObject(raw.cbec) ? raw.cbec : fail(file, 'field "cbec" must be an object');
  assertNoRepeats(file, cbec.indicators, '"cbec.indicators"');
  const ret = cbec.retention ?? { rule: "kaiser" };
  if (!isObject(ret)) fail(file, '"cbec.retention" must be an object {"rule": ...}');
  let retention: Retention;
  if (ret.rule === "kaiser" || ret.rule === "first") retention = { rule: ret.rule };
  else if (ret.rule === "cumulative") {
    const share = num(file, '"cbec.retention.share"', ret.share);
    if (share <= 0 || share > 1) fail(file, '"cbec.retention.share" must be in (0, 1]');
    retention = { rule: "cumulative", share };
  } else {
    fail(
      file,
      `"cbec.retention.rule" ${JSON.stringify(ret.rule)} is not kaiser, first or cumulative`,
    );
  }
  const minCoverage = cbec.minCoverage === undefined
    ? 0
    : num(file, '"cbec.minCoverage"', cbec.minCoverage);
  if (minCoverage < 0 || minCoverage > 1) fail(file, '"cbec.minCoverage" must be in [0, 1]');
  const se = (raw.se ?? "classical") as SeType;
  if (!SE_TYPES.includes(se)) fail(file, `"se" "${se}" is not one of ${SE_TYPES.join(", ")}`);
  const pot = isObject(raw.potential) ? raw.potential : {};
  const definition = (pot.definition ?? "level") as KDefinition;
  if (!K_DEFS.includes(definition)) {
    fail(file, `"potential.definition" "${definition}" is not one of ${K_DEFS.join(", ")}`);
  }
  const th = isObject(pot.thresholds) ? pot.thresholds : {};
  const huge = th.huge === undefined ? 0.8 : num(file, '"potential.thresholds.huge"', th.huge);
  const remodelling = th.remodelling === undefined
    ? 1.2
    : num(file, '"potential.thresholds.remodelling"', th.remodelling);
  if (huge >= remodelling) {
    fail(
      file,
      `"potential.thresholds.huge" (${huge}) must be below "remodelling" (${remodelling})`,
    );
  }
  const reporter = str(file, '"reporter"', raw.reporter);
  const partners = strList(file, '"partners"', raw.partners);
  assertNoRepeats(file, partners, '"partners"');
  if (partners.includes(reporter)) fail(file, `the reporter ${reporter} is also a partner`);
  return {
    title: typeof raw.title === "string" ? raw.title : "Extended gravity study",
    dataDir: typeof raw.dataDir === "string" ? raw.dataDir : "data",
    paperDir: typeof raw.paperDir === "string" ? raw.paperDir : "data/paper",
    reporter,
    partners,
    years: { from, to },
    dependent: {
      variable: str(file, '"dependent.variable"', dep.variable),
      ...(typeof dep.note === "string" ? { note: dep.note } : {}),
    },
    terms,
    cbec: {
      indicators: strList(file, '"cbec.indicators"', cbec.indicators),
      retention,
      includeReporter: cbec.includeReporter === true,
      minCoverage,
    },
    se,
    potential: { definition, thresholds: { huge, remodelling } },
    choices: Array.isArray(raw.choices) ? raw.choices.map(String) : [],
    ...(raw.forecast === undefined
      ? {}
      : { forecast: parseForecastConfig(raw.forecast, from, String(dep.variable), file) }),
    uncertainty: parseUncertaintyConfig(raw.uncertainty, file),
    benchmark: parseBenchmarkConfig(raw.benchmark, file),
    structural: parseStructuralConfig(raw.structural, file),
    ...(raw.sensitivity === undefined
      ? {}
      : { sensitivity: parseSensitivity(file, raw.sensitivity) }),
  };
}

/**
 * Read and check a config file (JSON). A missing file or bad JSON is a one-line InputError.
 *
 * @example
 * ```ts
 * const cfg = await loadStudyConfig("data/study.config.json");
 * ```
 */
export async function loadStudyConfig(path: string): Promise<StudyConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the config (${(e as Error).name})`);
  }
  return parseStudyConfig(parseStrictJson(text, path), path);
}

/**
 * Check a config against a panel: countries, years, indicators and term variables must exist.
 * Throws a one-line InputError naming the config file and the offending entry.
 *
 * @example
 * ```ts
 * validateAgainstPanel(cfg, panel, "data/study.config.json");
 * ```
 */
export function validateAgainstPanel(
  config: StudyConfig,
  panel: GravityPanel,
  file = "study config",
): void {
  const countries = new Set(panel.countries);
  for (const c of [config.reporter, ...config.partners]) {
    if (!countries.has(c)) {
      fail(file, `unknown country "${c}" (the panel has ${panel.countries.join(", ")})`);
    }
  }
  const lo = Math.min(...panel.years);
  const hi = Math.max(...panel.years);
  for (const y of [config.years.from, config.years.to]) {
    if (y < lo || y > hi) fail(file, `year ${y} is outside the data (${lo}-${hi})`);
  }
  const vars = new Set(panel.variables.map((v) => v.name));
  for (const ind of config.cbec.indicators) {
    if (!vars.has(ind)) fail(file, `unknown CBEC indicator "${ind}" (not a panel variable)`);
  }
  for (const t of config.terms) {
    if (t.variable !== CBEC_INDEX && !vars.has(t.variable)) {
      fail(file, `term "${t.name}": unknown variable "${t.variable}" (not a panel variable)`);
    }
  }
  if (!vars.has(config.dependent.variable)) {
    fail(file, `unknown dependent variable "${config.dependent.variable}" (not a panel variable)`);
  }
  if (config.forecast) {
    const regressors: Record<string, boolean> = {};
    for (const t of config.terms) regressors[t.variable] = t.log ?? true;
    validateForecast(
      config.forecast,
      {
        reporter: config.reporter,
        partners: config.partners,
        dependent: config.dependent.variable,
        regressors,
      },
      panel,
      file,
    );
  }
}
