/**
 * Gap filling for one series: linear interpolation between two observed years only; optional
 * extrapolation (nearest observed value carried), always flagged.
 * @module
 */
import type { Flag } from "../panel.ts";

/** Options for {@link fillSeries}. */
export interface FillOptions {
  /** Fill interior gaps linearly between the nearest observed years (default true). */
  interpolate?: boolean;
  /** Fill edge gaps with the nearest observed value (default false). */
  extrapolate?: boolean;
}

/** A filled series: values (NaN = still missing) and one flag per year. */
export interface FilledSeries {
  values: number[];
  flags: Flag[];
}

/**
 * Fill the gaps of one country's series. `years` ascending, `values[i]` belongs to `years[i]`
 * (NaN = missing). Interior gaps (an observed year on both sides) are filled linearly in the
 * year and flagged "interpolated"; edge gaps stay missing unless `extrapolate` is set, then they
 * take the nearest observed value and are flagged "extrapolated".
 *
 * @example
 * ```ts
 * fillSeries([2015, 2016, 2017, 2018], [1, NaN, 3, NaN]);
 * // { values: [1, 2, 3, NaN], flags: ["observed", "interpolated", "observed", "missing"] }
 * ```
 */
export function fillSeries(
  years: number[],
  values: number[],
  options: FillOptions = {},
): FilledSeries {
  const interpolate = options.interpolate ?? true;
  const extrapolate = options.extrapolate ?? false;
  const out = values.slice();
  const flags: Flag[] = values.map((v) => (Number.isNaN(v) ? "missing" : "observed"));
  const observed = values.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  if (observed.length === 0) return { values: out, flags };
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) continue;
    const before = observed.filter((k) => k < i).pop();
    const after = observed.find((k) => k > i);
    if (before !== undefined && after !== undefined) {
      if (!interpolate) continue;
      const t = (years[i] - years[before]) / (years[after] - years[before]);
      out[i] = values[before] + (values[after] - values[before]) * t;
      flags[i] = "interpolated";
    } else if (extrapolate) {
      out[i] = values[(before ?? after)!];
      flags[i] = "extrapolated";
    }
  }
  return { values: out, flags };
}
