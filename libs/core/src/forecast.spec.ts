import { forecastArrivals, meanAbsoluteError } from './forecast';

/** An office's weekday: nothing before 8, a morning peak at 9, quiet after 15. */
const PATTERN = Array.from({ length: 24 }, (_, h) => (h < 8 || h >= 15 ? 0 : h === 9 ? 40 : 20));

describe('forecast of arrivals', () => {
  it('finds a known weekly pattern under noise that cancels out', () => {
    const weeks = [-3, -1, 0, 1, 3].map((noise) => PATTERN.map((n) => (n ? n + noise : 0)));
    const f = forecastArrivals(weeks);
    expect(f.map((h) => h.expectedArrivals)).toEqual(PATTERN);
    expect(f[9]).toMatchObject({ low: expect.any(Number), high: expect.any(Number) });
    // The band spans the noise (sd = 2.24 → ± 2.9), and is empty where nothing ever comes.
    expect(f[9]!.low).toBeCloseTo(37.1, 1);
    expect(f[9]!.high).toBeCloseTo(42.9, 1);
    expect(f[3]).toEqual({ hour: 3, expectedArrivals: 0, low: 0, high: 0 });
    expect(meanAbsoluteError(f, PATTERN)).toBe(0);
  });

  it('never goes below zero, and says nothing without history', () => {
    const f = forecastArrivals([
      [...Array(9).fill(0), 10],
      [...Array(9).fill(0), 0],
    ]);
    expect(f[9]!.low).toBe(0);
    expect(forecastArrivals([]).every((h) => h.expectedArrivals === 0)).toBe(true);
  });

  it('measures the mean absolute error over the hours that had any', () => {
    const f = forecastArrivals([PATTERN]);
    const actual = PATTERN.map((n) => (n ? n + 2 : 0));
    expect(meanAbsoluteError(f, actual)).toBe(2);
  });
});
