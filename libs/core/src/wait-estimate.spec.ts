import { DEFAULT_SERVICE_SECONDS, estimateWaitMinutes, serviceSecondsEstimate } from './wait-estimate';

describe('wait estimate', () => {
  it('is the expected time with nothing measured, and moves towards the measurements as they come', () => {
    expect(serviceSecondsEstimate([])).toBe(DEFAULT_SERVICE_SECONDS);
    expect(serviceSecondsEstimate([], 600)).toBe(600);
    // One measurement of 120 s against 300 s expected: (1 × 120 + 3 × 300) / 4.
    expect(serviceSecondsEstimate([120])).toBe(255);
    // Twenty measurements of 120 s: (20 × 120 + 3 × 300) / 23 ≈ 143.5.
    expect(serviceSecondsEstimate(Array(20).fill(120))).toBeCloseTo(143.48, 1);
  });

  it('is not pulled to zero by completions a few milliseconds after their start', () => {
    // The hall showed "± 1 menit" for 54 waiting once officers pressed Enter without "start":
    // start and completion 4 ms apart. Such clicks are not services.
    const clicks = Array(20).fill(0.004);
    expect(serviceSecondsEstimate(clicks)).toBe(DEFAULT_SERVICE_SECONDS);
    expect(serviceSecondsEstimate([...clicks.slice(0, 5), 240, 250, 260])).toBeCloseTo((3 * 250 + 3 * 300) / 6, 5);
  });

  it('is the median, so that one long case or one short one moves it little', () => {
    const steady = [200, 210, 190, 205, 195, 200, 210, 190, 200];
    const withOutlier = [...steady, 3600];
    const median = (n: number, m: number) => (n * m + 3 * 300) / (n + 3);
    expect(serviceSecondsEstimate(steady)).toBeCloseTo(median(9, 200), 5);
    expect(serviceSecondsEstimate(withOutlier)).toBeCloseTo(median(10, 200), 5);
  });

  it('shares the people ahead among the open counters, rounding up', () => {
    // 4 ahead × 240 s / 2 counters = 480 s = 8 min
    expect(estimateWaitMinutes(5, 240, 2)).toBe(8);
    // 1 ahead × 300 s / 3 counters = 100 s → 2 min
    expect(estimateWaitMinutes(2, 300, 3)).toBe(2);
    expect(estimateWaitMinutes(1, 300, 1)).toBe(0);
  });

  it('promises nothing while no counter is open', () => {
    expect(estimateWaitMinutes(3, 300, 0)).toBeNull();
    expect(estimateWaitMinutes(1, 300, 0)).toBeNull();
  });
});
