/** A synthetic study left with 5 country-years of the dependent variable (n <= k), for tests. */
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";

/** The noise-free synthetic panel with `etrade` kept only for 5 partner rows of 2016. */
export function thinSyntheticStudy(): ReturnType<typeof syntheticStudy> {
  const study = syntheticStudy({ spread: 0 });
  let kept = 0;
  for (const row of study.panel.rows) {
    if (row.iso3 === study.config.reporter) continue;
    if (kept < 5 && row.year === 2016) kept++;
    else row.values.etrade = NaN;
  }
  return study;
}
