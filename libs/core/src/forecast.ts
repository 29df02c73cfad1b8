/**
 * Expected walk-ins per hour of a day (API.md v1.1 "Office insight"): the mean of the same hour on
 * the same weekday of the last weeks (the caller leaves out holidays and closed days), with a band
 * of ± 1.28 standard deviations (about 80 % of days fall inside it when arrivals vary normally).
 */
export interface ForecastHour {
  hour: number;
  expectedArrivals: number;
  low: number;
  high: number;
}

/** How many past weeks a forecast looks at. */
export const FORECAST_WEEKS = 8;
const BAND = 1.28;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** `weeks`: for each past day used, its arrivals per hour (24 numbers). */
export function forecastArrivals(weeks: readonly (readonly number[])[]): ForecastHour[] {
  return Array.from({ length: 24 }, (_, hour) => {
    const seen = weeks.map((w) => w[hour] ?? 0);
    if (seen.length === 0) return { hour, expectedArrivals: 0, low: 0, high: 0 };
    const mean = seen.reduce((a, b) => a + b, 0) / seen.length;
    const sd = seen.length > 1 ? Math.sqrt(seen.reduce((a, b) => a + (b - mean) ** 2, 0) / (seen.length - 1)) : 0;
    return { hour, expectedArrivals: round1(mean), low: round1(Math.max(0, mean - BAND * sd)), high: round1(mean + BAND * sd) };
  });
}

/** Mean absolute error per hour of a forecast against what came, over the hours either has. */
export function meanAbsoluteError(forecast: readonly ForecastHour[], actual: readonly number[]): number {
  const hours = forecast.filter((f) => f.expectedArrivals > 0 || (actual[f.hour] ?? 0) > 0);
  if (hours.length === 0) return 0;
  return hours.reduce((n, f) => n + Math.abs(f.expectedArrivals - (actual[f.hour] ?? 0)), 0) / hours.length;
}
