/**
 * The naive forecasting rules the model is measured against, and the error metrics.
 * `last value`: the partner's last observed value up to the cut-off, carried forward.
 * `average growth`: that value grown at the partner's average annual log growth between its
 * first and last observed values in the estimation window.
 * @module
 */

/** One observed value of a partner's series. */
export interface SeriesPoint {
  year: number;
  value: number;
}

/** A naive rule: the forecast for a year from the history up to the cut-off (null = none). */
export type NaiveRule = (history: SeriesPoint[], year: number) => number | null;

/**
 * Last observed value carried forward.
 *
 * @example
 * ```ts
 * lastValue([{ year: 2018, value: 5 }, { year: 2020, value: 7 }], 2023); // 7
 * ```
 */
export const lastValue: NaiveRule = (history) =>
  history.length ? history[history.length - 1].value : null;

/**
 * The average annual growth rate of a history: (ln last - ln first) / (years between), or null
 * with fewer than two observations.
 *
 * @example
 * ```ts
 * averageGrowth([{ year: 2018, value: 1 }, { year: 2020, value: Math.E ** 2 }]); // 1
 * ```
 */
export function averageGrowth(history: SeriesPoint[]): number | null {
  if (history.length < 2) return null;
  const a = history[0];
  const b = history[history.length - 1];
  return (Math.log(b.value) - Math.log(a.value)) / (b.year - a.year);
}

/**
 * Last observed value grown at the partner's average log growth rate.
 *
 * @example
 * ```ts
 * growthRule([{ year: 2018, value: 1 }, { year: 2020, value: 4 }], 2022); // 16
 * ```
 */
export const growthRule: NaiveRule = (history, year) => {
  const g = averageGrowth(history);
  if (g === null) return null;
  const last = history[history.length - 1];
  return last.value * Math.exp(g * (year - last.year));
};

/** Error metrics of one method over a set of partner-years. */
export interface ErrorMetrics {
  n: number;
  /** Mean absolute log error: mean |ln predicted - ln actual|. */
  male: number;
  /** Mean absolute percentage error (%): mean |predicted - actual| / actual x 100. */
  mape: number;
}

/**
 * MALE and MAPE of (actual, predicted) pairs (NaN when empty).
 *
 * @example
 * ```ts
 * errorMetrics([{ actual: 100, predicted: 110 }]); // { n: 1, male: 0.0953..., mape: 10 }
 * ```
 */
export function errorMetrics(pairs: { actual: number; predicted: number }[]): ErrorMetrics {
  let male = 0;
  let mape = 0;
  for (const p of pairs) {
    male += Math.abs(Math.log(p.predicted) - Math.log(p.actual));
    mape += Math.abs(p.predicted - p.actual) / p.actual * 100;
  }
  const n = pairs.length;
  return { n, male: n ? male / n : NaN, mape: n ? mape / n : NaN };
}
