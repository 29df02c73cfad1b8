import { countersNeeded, erlangC } from './erlang-c';

describe('Erlang C', () => {
  it('matches the published example: 360 arrivals in 30 minutes, 240 s service, 55 counters', () => {
    const r = erlangC(720, 240, 55, 20);
    expect(r.stable).toBe(true);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    expect(r.averageWaitSeconds!).toBeCloseTo(8.18, 2);
    expect(r.serviceLevel).toBeCloseTo(0.867, 3);
    expect(r.occupancy).toBeCloseTo(48 / 55, 6);
  });

  it('matches hand-worked small cases', () => {
    // One counter (M/M/1): load 0.5 → P(wait) = 0.5, average wait = 0.5 × 60 / 0.5 = 60 s.
    const one = erlangC(30, 60, 1, 0);
    expect(one.probabilityOfWaiting).toBeCloseTo(0.5, 10);
    expect(one.averageWaitSeconds!).toBeCloseTo(60, 8);
    expect(one.serviceLevel).toBeCloseTo(0.5, 10);
    // Two counters, load 1 Erlang: B(2, 1) = 0.2, C = 2·0.2 / (2 − 1·0.8) = 1/3; wait = (1/3)·120 / 1 = 40 s.
    const two = erlangC(30, 120, 2, 60);
    expect(two.probabilityOfWaiting).toBeCloseTo(1 / 3, 10);
    expect(two.averageWaitSeconds!).toBeCloseTo(40, 8);
    expect(two.serviceLevel).toBeCloseTo(1 - (1 / 3) * Math.exp(-0.5), 10);
  });

  it('says so when the counters cannot keep up', () => {
    expect(erlangC(720, 240, 48, 20)).toEqual({ stable: false, occupancy: 1, probabilityOfWaiting: 1, averageWaitSeconds: null, serviceLevel: 0 });
    expect(erlangC(720, 240, 40, 20).stable).toBe(false);
  });

  it('finds the fewest counters for a service level', () => {
    const { counters, result } = countersNeeded(720, 240, 20, 0.8);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangC(720, 240, counters - 1, 20).serviceLevel).toBeLessThan(0.8);
    // 55 gives 86.7 % (above); one fewer still reaches 80 %, two fewer does not.
    expect(counters).toBe(54);
    expect(countersNeeded(0, 240, 20, 0.8).counters).toBe(0);
  });
});
