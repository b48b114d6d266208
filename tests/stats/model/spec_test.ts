/**
 * lib/stats/model/spec.ts: the SE option parsed (types, one- and two-way cluster lists, the
 * one-line errors) and the columns a specification reads, worked by hand.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { defaultSe, parseSe, specColumns } from "../../../lib/stats/model/spec.ts";
import { parseTerm } from "../../../lib/stats/formula.ts";

Deno.test("parseSe: SE types, cluster lists and one-line errors; specColumns: the numeric and label columns a spec reads", () => {
  assert.deepEqual(parseSe(" HC1 "), { type: "hc1", label: "hc1" });
  assert.deepEqual(parseSe("classical"), { type: "classical", label: "classical" });
  assert.deepEqual(parseSe("cluster: pair"), {
    type: "cluster",
    cluster: [["pair"]],
    label: "cluster:pair",
  });
  assert.deepEqual(parseSe("Cluster:a^b,c").cluster, [["a", "b"], ["c"]]);
  assert.throws(() => parseSe("cluster: "), /se cluster needs a column: cluster:COL/);
  assert.throws(() => parseSe("cluster:a,b,c"), /se "cluster:a,b,c": at most two-way clustering/);
  assert.throws(
    () => parseSe("hc4"),
    (e) => e instanceof InputError && /se "hc4" not understood/.test(e.message),
  );
  const col = (t: string) => parseTerm(t).column;
  assert.deepEqual(
    specColumns({
      dependent: "ln(trade)",
      terms: ["ln(dist)", "trade", "rta"],
      weights: "w",
      fe: ["exporter^year", "importer"],
      se: "cluster:pair,exporter",
    }, col),
    { numeric: ["trade", "dist", "rta", "w"], labels: ["exporter", "year", "importer", "pair"] },
  );
  assert.deepEqual(specColumns({ dependent: "y", terms: [] }, col), { numeric: ["y"], labels: [] });
});

Deno.test("defaultSe: HC0 for PPML, classical for OLS and an unnamed estimator; iid is classical in any case", () => {
  assert.equal(defaultSe("ppml"), "hc0");
  assert.equal(defaultSe("ols"), "classical");
  assert.equal(defaultSe(undefined), "classical");
  assert.deepEqual(parseSe(" IID "), { type: "classical", label: "classical" });
  assert.deepEqual(parseSe("iid"), { type: "classical", label: "classical" });
});

Deno.test("specColumns: an offset column is read as numeric, once; a PPML spec without se reads no cluster", () => {
  const col = (t: string) => parseTerm(t).column;
  assert.deepEqual(
    specColumns({ dependent: "y", terms: ["ln(x)"], offset: "lnsize", estimator: "ppml" }, col),
    { numeric: ["y", "x", "lnsize"], labels: [] },
  );
  assert.deepEqual(
    specColumns({ dependent: "y", terms: ["x"], weights: "x", offset: "x" }, col),
    { numeric: ["y", "x"], labels: [] },
  );
});
