/**
 * The hand-made unbalanced panel of tests/fixtures/stats/frontier/make_efficiency_fixture.py and
 * its scipy / mpmath reference values (efficiency_expected.json), read once.
 */
import { buildProblem } from "../../../lib/stats/frontier/problem.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";

/** efficiency_expected.json: data (id, time, x, y, theta) and the reference values. */
export const PANEL_REF = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/frontier/efficiency_expected.json", import.meta.url),
  ),
);

/** The fixture's 8 rows (y on an intercept and x) built with `options`, as a panel by `id`. */
export function fixturePanel(options: FrontierOptions, id: string[] = PANEL_REF.data.id) {
  const d = PANEL_REF.data;
  return buildProblem(d.y, [{ name: "x", values: d.x }], {
    ...options,
    panel: { id, time: d.time },
  });
}

/** The fixture's theta (beta, sigmaSq, gamma, mu, eta) cut to the model's parameters. */
export function fixtureTheta(options: FrontierOptions): number[] {
  const t = PANEL_REF.data.theta;
  return [
    ...t.slice(0, 4),
    ...(options.inefficiency === "truncnormal" ? [t[4]] : []),
    ...(options.timeVarying ? [t[5]] : []),
  ];
}
