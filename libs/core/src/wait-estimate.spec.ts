import { DEFAULT_SERVICE_SECONDS, averageServiceSeconds, estimateWaitMinutes } from './wait-estimate';

describe('wait estimate', () => {
  it('uses the default until three services are known', () => {
    expect(averageServiceSeconds([])).toBe(DEFAULT_SERVICE_SECONDS);
    expect(averageServiceSeconds([100, 200])).toBe(DEFAULT_SERVICE_SECONDS);
    expect(averageServiceSeconds([120, 240, 360])).toBe(240);
  });

  it('shares the people ahead among the open counters, rounding up', () => {
    // 4 ahead × 240 s / 2 counters = 480 s = 8 min
    expect(estimateWaitMinutes(5, 240, 2)).toBe(8);
    // 1 ahead × 300 s / 3 counters = 100 s → 2 min
    expect(estimateWaitMinutes(2, 300, 3)).toBe(2);
    expect(estimateWaitMinutes(1, 300, 1)).toBe(0);
  });

  it('estimates as if one counter were open when none is', () => {
    expect(estimateWaitMinutes(3, 300, 0)).toBe(10);
  });
});
