import { runBench } from '../../bench/run';

jest.setTimeout(600_000);

/** The benchmark suite at tiny sizes, so it cannot rot; correctness checks only, no speed claims. */
describe('benchmark smoke run (BENCH_SCALE=tiny)', () => {
  it('runs every scenario against the raw baseline and Giliran, with correct results', async () => {
    const results = await runBench('tiny');
    const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
    expect(results.map((r) => r.name.split(',')[0])).toEqual([
      ...['walk-in issuance', 'call-next', 'booking storm', 'fan-out to 100 sockets', 'API memory (RSS)', 'scheduling 2000 reminder jobs'],
      ...['board read', 'board read', '200 displays re-subscribing at once'],
      ...['board read after a new ticket', 'subscribe snapshot', 'call-next', 'walk-in issuance', 'tracking read', 'availability read'].map(
        (r) => `history: ${r}`,
      ),
      'release waiting room',
      ...['demand', 'demand', 'forecast', 'staffing', 'erlang-c', 'survey', 'performance (public)', 'walk-in issuance'].map((r) => `analytics: ${r}`),
      'assistant',
    ]);
    expect(byName('walk-in').checks.uniqueNumbers).toBe(true);
    expect(byName('walk-in').giliran.errors).toBe(0);
    // Where the CPU of an operation goes: the API, the database (local here), the load generator.
    expect(byName('walk-in').checks.apiCpuMsPerOp).toBeGreaterThan(0);
    expect(byName('call-next').checks.databaseCpuMsPerOp).toEqual(expect.any(Number));
    expect(byName('call-next').checks).toMatchObject({ duplicates: 0, waitingLeft: 50 });
    expect(byName('booking storm').checks).toMatchObject({ booked: 20, slotFull: 180, otherAnswers: 0, rawBooked: 20 });
    expect(byName('scheduling').checks.scheduled).toBe(2000);
    // Every display that subscribed again got the same snapshot, of the office's newest seq.
    expect(byName('200 displays').checks).toMatchObject({ distinctSeqs: 1 });
    expect(byName('200 displays').giliran.errors).toBe(0);
    expect(byName('board read').checks.waitingShown).toBe(100);
    // 200 citizens through the waiting room of two replicas: admitted in join order (or told the
    // day is full), exactly the day's places booked, and the same crowd straight to booking books
    // them too.
    expect(byName('release waiting room').checks).toMatchObject({
      joinNumbersInOrder: true,
      admittedOrToldFull: 200,
      inversions: 0,
      booked: 20,
      liveBooked: 20,
      baselineBooked: 20,
    });
    // A month of an office's tickets, each counted once in the month's demand read from the rollups.
    const rolled = byName('analytics: walk-in issuance').checks;
    expect(rolled.tickets).toBeGreaterThan(0);
    expect(rolled.issuedInDemand).toBe(rolled.tickets);
    // The forecast of the last weeks' days measured against what came.
    expect(rolled.forecastDays).toBeGreaterThan(0);
    expect(rolled.forecastMaePerHour).toEqual(expect.any(Number));
    // Every question answered, and over HTTP the intents the evaluation set expects.
    expect(byName('assistant').checks.answers).toBe(200);
    expect(byName('assistant').checks.intentAccuracy).toBeGreaterThanOrEqual(0.9);
    for (const r of results.filter((x) => x.name.startsWith('history:') || x.name.startsWith('analytics:') || x.name.startsWith('assistant')))
      expect([r.name, r.baseline.errors, r.giliran.errors]).toEqual([r.name, 0, 0]);
    for (const r of results) {
      expect(r.baseline.p50).toBeGreaterThan(0);
      expect(r.giliran.p50).toBeGreaterThan(0);
      expect(Number.isFinite(r.ratio)).toBe(true);
    }
  });

  it('refuses a scenario name it does not know instead of running nothing', async () => {
    await expect(runBench('tiny', new Set(['callNext']))).rejects.toThrow(/no scenario callNext/);
  });
});
