/**
 * Every key the import config (`data/import.config.json`) may have, with the type of its value.
 * An unknown key is refused with the allowed ones listed and the nearest suggested, a value of
 * the wrong type or a missing required key (`!`) with one line (see strict_json.ts); a new
 * config field is added here as well as to import.ts.
 * @module
 */
import type { KeySchema } from "../read/strict_json.ts";

const RULE: KeySchema = {
  "field!": "string",
  "pattern!": "regex",
  reason: "string",
  side: "string",
};

/** The import config's keys, nested as in the file. */
export const IMPORT_CONFIG_KEYS: KeySchema = {
  "reporter!": "string",
  "countries!": "strings",
  "years!": { "from!": "number", "to!": "number|latest" },
  coverageYears: { from: "number", to: "number" },
  dependent: "strings",
  notes: "strings",
  countryNames: "string",
  world: {
    "dir!": "string",
    pattern: "regex",
    output: "string",
    from: "number",
    to: "number",
    vintage: "string",
  },
  "variables!": [{
    "name!": "string",
    "meaning!": "string",
    "unit!": "string",
    "scope!": "string",
    interpolate: "boolean",
    extrapolate: "boolean",
    proxy: "boolean",
    paper: "boolean",
    note: "string",
    gap: "string",
    derive: { "op!": "string", "inputs!": "strings", constant: "number", formula: "string" },
  }],
  "sources!": [{
    "variable!": "string",
    "file!": "string",
    "layout!": "string",
    indicator: "string",
    code: "string",
    columns: { country: "string", year: "string", value: "string", date: "string" },
    unit: "string",
    vintage: "string",
    interpolate: "boolean",
    where: "string-map",
    iso2: "string-map",
    selection: {
      flows: "strings",
      units: "number-map",
      reject: [RULE],
      sides: [RULE],
      allowSides: "strings",
    },
    note: "string",
    reportedBy: "string",
    // Being added by other branches (i9-cpi: the gmd layout); their parsers check the contents.
    float32: "boolean",
    rebase: "any",
    with: "strings",
    rejectCells: [{
      reporter: "string",
      partner: "string",
      flow: "string",
      from: "number",
      to: "number",
      "reason!": "string",
    }],
  }],
};
