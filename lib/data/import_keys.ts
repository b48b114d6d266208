/**
 * Every key the import config (`data/import.config.json`) may have. An unknown key is refused
 * with the allowed ones listed and the nearest suggested (see strict_json.ts); a new config
 * field is added here as well as to import.ts.
 * @module
 */
import type { KeySchema } from "./strict_json.ts";

const RULE: KeySchema = { field: "any", pattern: "any", reason: "any", side: "any" };

/** The import config's keys, nested as in the file. */
export const IMPORT_CONFIG_KEYS: KeySchema = {
  reporter: "any",
  countries: "any",
  years: { from: "any", to: "any" },
  coverageYears: { from: "any", to: "any" },
  dependent: "any",
  notes: "any",
  variables: [{
    name: "any",
    meaning: "any",
    unit: "any",
    scope: "any",
    interpolate: "any",
    extrapolate: "any",
    proxy: "any",
    paper: "any",
    note: "any",
    gap: "any",
    derive: { op: "any", inputs: "any", constant: "any", formula: "any" },
  }],
  sources: [{
    variable: "any",
    file: "any",
    layout: "any",
    indicator: "any",
    code: "any",
    columns: { country: "any", year: "any", value: "any", date: "any" },
    unit: "any",
    vintage: "any",
    interpolate: "any",
    where: "any",
    iso2: "any",
    selection: {
      flows: "any",
      units: "any",
      reject: [RULE],
      sides: [RULE],
      allowSides: "any",
    },
    note: "any",
  }],
};
