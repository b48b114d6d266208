import assert from "node:assert/strict";
import { loadCountryNames, parseCountryNames } from "../../../lib/data/sources/country_names.ts";
import { InputError } from "../../../lib/errors.ts";

Deno.test("the shipped country-name table: the study's names, aggregates without codes", async () => {
  const t = await loadCountryNames();
  assert.equal(t.size, 301);
  const code = (n: string) => t.get(n)?.iso3;
  // IMF spellings (SOURCES.md section 6) and Comtrade spellings (section 7).
  assert.equal(code("China, P.R.: Mainland"), "CHN");
  assert.equal(code("Kazakhstan, Rep. of"), "KAZ");
  assert.equal(code("Kyrgyz Rep."), "KGZ");
  assert.equal(code("Tajikistan, Rep. of"), "TJK");
  assert.equal(code("Turkmenistan"), "TKM");
  assert.equal(code("Uzbekistan, Rep. of"), "UZB");
  assert.equal(code("China, Hong Kong SAR"), "HKG");
  assert.equal(code("USA"), "USA");
  assert.equal(code("Türkiye"), "TUR");
  for (
    const a of ["World", "Euro Area", "Advanced Economies", "Sub-Saharan Africa", "Other Asia, nes"]
  ) {
    assert.deepEqual(t.get(a), { iso3: "", kind: "aggregate" }, a);
  }
  const countries = [...t.values()].filter((v) => v.kind === "country");
  assert.ok(countries.every((v) => /^[A-Z]{3}$/.test(v.iso3)));
});

Deno.test("country-name table errors name the row", () => {
  const is = (re: RegExp) => (e: Error) => e instanceof InputError && re.test(e.message);
  assert.throws(
    () => parseCountryNames("name,iso3,kind\nA,AAA,country\nA,AAA,country\n", "t.csv"),
    is(/^t\.csv: row 3: duplicate name "A"$/),
  );
  assert.throws(
    () => parseCountryNames("name,iso3,kind\nA,AAA,region\n", "t.csv"),
    is(/^t\.csv: row 2: kind "region"/),
  );
  assert.throws(
    () => parseCountryNames("name,iso3,kind\nA,,country\n", "t.csv"),
    is(/^t\.csv: row 2: country "A" needs a three-letter iso3$/),
  );
});
