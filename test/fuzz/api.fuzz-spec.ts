import fc from 'fast-check';
import { COLLECT, Fuzzer, SCALE, SEED } from './support/harness';
import { lit, obj } from './support/json';
import type { Route } from './support/openapi';
import { type AuthMode, type FuzzRequest, requestArb } from './support/requests';
import { QueueProbe, SocketCase, socketCaseArb } from './support/socket';
import { sweepRequests } from './support/sweep';

jest.setTimeout(300_000);

/**
 * "No 500 for any input": thousands of generated hostile requests over every route of the
 * OpenAPI document (and the paths it does not list) and every socket event, against one built
 * API process. Every answer must be below 500 and carry no stack, path, SQL or driver code;
 * every 4xx must be `{statusCode, error, code, message}`; a refused request must leave the
 * database as it was; every subscribe must be acknowledged.
 *
 * FUZZ_SEED=<n> replays another seed; FUZZ_COLLECT=1 records every failing request
 * (deduplicated, printed at the end) instead of stopping at the first; FUZZ_RUNS=<x> scales
 * the number of generated requests.
 */
describe('fuzz: no 500 for any input', () => {
  let fz: Fuzzer;
  const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

  beforeAll(async () => {
    fz = await Fuzzer.start();
    const documented = fz.routes.filter((r) => r.source === 'openapi').length;
    console.log(
      `fuzz: seed ${SEED}${process.env.FUZZ_SEED ? ' (FUZZ_SEED)' : ''}, ${fz.routes.length} routes (${documented} from the OpenAPI document)${COLLECT ? ', collecting every failure' : ''}`,
    );
  });

  afterAll(async () => {
    if (!fz) return;
    console.log(fz.summary());
    if (COLLECT) console.log(`accepted (2xx) by route: ${fz.acceptedByRoute()}`);
    if (COLLECT && fz.failures.size) console.log(`${fz.report()}\n\n(every failure as JSON: ${fz.dumpFailures()})`);
    await fz.stop();
  });

  beforeEach(() => {
    if (fz) fz.test = expect.getState().currentTestName ?? '';
  });

  /** Fails with every distinct failure this test saw. */
  const assertNoFailures = (what: string) => {
    const seen = fz.seenIn(fz.test);
    if (seen.length) throw new Error(`${what} ${fz.report(seen)}`);
  };

  it('sweeps every route, field, parameter and header with one hostile value at a time', async () => {
    const requests = sweepRequests(fz.routes, fz.world, SEED);
    for (const req of requests) await fz.exercise(req);
    assertNoFailures(`the sweep (${requests.length} requests) found`);
  });

  const property =
    (mode: AuthMode, numRuns: number, source: 'openapi' | 'extra' = 'openapi') =>
    async () => {
      // Where there is more to reach: routes with a body or parameters, and without a token, the public ones.
      const weight = (r: Route) => (mode === 'none' && r.secured ? 1 : 2) * (r.body ? 3 : 1 + Math.min(2, r.pathParams.length + r.query.length));
      const arbs = fz.routes.filter((r) => r.source === source).map((r) => ({ weight: weight(r), arbitrary: requestArb(r, mode, fz.world) }));
      await fc.assert(
        fc.asyncProperty(fc.oneof(...arbs), async (req: FuzzRequest) => {
          const { problems, message } = await fz.exercise(req);
          if (problems.length && !COLLECT) throw new Error(message);
        }),
        { seed: SEED, numRuns: runs(numRuns), interruptAfterTimeLimit: 120_000 },
      );
      if (COLLECT) assertNoFailures(`${mode}, collected:`);
    };

  it('random hostile requests to every documented route, without a token', property('none', 350));
  it('random hostile requests to every documented route, with an admin token', property('admin', 550));
  it('random hostile requests to every documented route, with an officer token', property('officer', 300));
  it('random hostile requests to the paths outside the document: health, metrics, UIs, queue dashboard, unknown', property('none', 100, 'extra'));

  it('acknowledges every subscribe on /queue with a snapshot or {error: {code, message}}, and survives unknown events and garbage frames', async () => {
    const probe = new QueueProbe(fz.app.baseUrl);
    const before = await fz.fingerprint();
    try {
      await fc.assert(
        fc.asyncProperty(socketCaseArb(fz.world), async (c: SocketCase) => {
          const { problems, message } = await fz.exerciseSocket(probe, c);
          if (problems.length && !COLLECT) throw new Error(message);
        }),
        { seed: SEED, numRuns: runs(300), interruptAfterTimeLimit: 90_000 },
      );
    } finally {
      probe.close();
    }
    expect(await fz.fingerprint()).toEqual(before);
    if (COLLECT) assertNoFailures('socket, collected:');
  });

  it('is still up and serving after all of it', async () => {
    expect((await fetch(`${fz.app.baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${fz.app.baseUrl}/health/ready`)).status).toBe(200);
    const probe = new QueueProbe(fz.app.baseUrl);
    try {
      // A snapshot for a real office (after the rate limit's window, if the fuzzing used it up).
      let ack: unknown[] | undefined;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
        ({ ack } = await probe.send(new SocketCase('subscribe', 'real id', [obj([['officeId', lit(fz.world.pools.officeId[0])]])])));
        if (!JSON.stringify(ack ?? null).includes('RATE_LIMITED')) break;
      }
      expect(ack).toBeDefined();
      expect(JSON.stringify(ack)).not.toContain('"error"');
    } finally {
      probe.close();
    }
  });
});
