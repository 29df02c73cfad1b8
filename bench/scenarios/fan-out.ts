import type { LoginResponse, TicketView } from '@giliran/contracts';
import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { median, round } from '../lib/measure';
import { connectSockets, startBareSocketio, subscribe } from '../lib/sockets';
import { api, giliranOnMysql, seedOffice } from '../lib/setup';
import type { Scale, ScenarioResult } from '../lib/types';

/**
 * What the clients of a round have received: every `ticket.called` and every event at all. Waiting
 * on it is driven by the arrivals themselves: the load generator shares the two cores with the
 * servers it measures, and must not spin while it waits.
 */
class Arrivals {
  called = 0;
  private lastEventAt = 0;
  private waiters: { target: number; resolve(): void }[] = [];

  onCalled(): void {
    this.called++;
    this.waiters = this.waiters.filter((w) => (this.called >= w.target ? (w.resolve(), false) : true));
  }

  onEvent(): void {
    this.lastEventAt = performance.now();
  }

  /** Resolves when `n` more ticket.called have arrived (one per socket), with the time since `since`. */
  next(n: number, since: () => number): Promise<number> {
    const target = this.called + n;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not every socket got the event')), 30_000);
      this.waiters.push({ target, resolve: () => (clearTimeout(timer), resolve(performance.now() - since())) });
    });
  }

  /** Resolves once no event has arrived for `ms`: what a round set off (board refreshes included) is over. */
  async quiet(ms = 150): Promise<void> {
    for (;;) {
      const idle = performance.now() - this.lastEventAt;
      if (idle >= ms) return;
      await new Promise((r) => setTimeout(r, ms - idle));
    }
  }
}

/** `n` sockets whose arrivals are counted, each subscribed once connected when `subscribe` is given. */
function connectMany(url: string, n: number, arrivals: Arrivals, subscribe?: (s: Socket) => Promise<void>): Promise<Socket[]> {
  return connectSockets(url, n, 'fan-out', {
    setUp: (s) => {
      s.on('ticket.called', () => arrivals.onCalled());
      s.onAny(() => arrivals.onEvent());
    },
    ready: subscribe,
  });
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** 4 and 6. A call reaching 5,000 subscribed sockets vs a bare socket.io broadcast; API memory. */
export async function fanOut(scale: Scale): Promise<{ fan: ScenarioResult; memory: ScenarioResult }> {
  const n = scale === 'full' ? 5000 : 100;
  const rounds = scale === 'full' ? 5 : 2;
  const payload = {
    officeId: '00000000-0000-4000-8000-000000000000',
    seq: 1,
    ticketId: 'x',
    number: 'A-001',
    serviceId: 'x',
    counterId: 'x',
    counterName: 'Loket 1',
    calledAt: new Date().toISOString(),
    recall: false,
  };

  // The bare baseline, in its own process like the API.
  const bare = await startBareSocketio(payload);
  const bareArrivals = new Arrivals();
  let t0 = 0;
  const bareSockets = await connectMany(bare.url, n, bareArrivals);
  const bareTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await bareArrivals.quiet();
    const arrival = bareArrivals.next(n, () => t0);
    t0 = performance.now();
    await fetch(`${bare.url}/emit`, { method: 'POST' });
    bareTimes.push(await arrival);
  }
  const bareRss = rssOf(bare.pid);
  for (const s of bareSockets) s.disconnect();
  bare.stop();

  const app = await giliranOnMysql('fanout', { WORKER: 'off' });
  try {
    const pid = app.pid;
    const seed = await seedOffice(app.baseUrl);
    const officer = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    const counter = seed.counters[0].id;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/open`, undefined, officer);
    for (let i = 0; i < rounds + 1; i++)
      await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
    await new Promise((r) => setTimeout(r, 500));
    const restRss = rssOf(pid);
    const arrivals = new Arrivals();
    const sockets = await connectMany(app.baseUrl, n, arrivals, async (s) => {
      const ack = await subscribe(s, { officeId: seed.officeId });
      if (ack.error) throw new Error(`fan-out: a subscription was refused: ${ack.error.code}`);
    });
    await new Promise((r) => setTimeout(r, 1000));
    const loadedRss = rssOf(pid);
    const times: number[] = [];
    const afterResponse: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Each round from a quiet office: the last one's board refresh (another broadcast to every
      // socket, 50 ms after the call) has reached everyone.
      await arrivals.quiet();
      const arrival = arrivals.next(n, () => t0);
      t0 = performance.now();
      const res = await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/complete-and-next`, undefined, officer);
      const answered = performance.now() - t0;
      if (res.status !== 200) throw new Error(`complete-and-next answered ${res.status}`);
      const total = await arrival;
      times.push(total);
      afterResponse.push(Math.max(0, total - answered));
    }
    for (const s of sockets) s.disconnect();
    const b = round(median(bareTimes));
    const g = round(median(times));
    const fig = (ms: number, all: number[]) => ({
      ops: all.length,
      errors: 0,
      seconds: round(all.reduce((a, c) => a + c, 0) / 1000),
      perSecond: 0,
      p50: ms,
      p95: round(Math.max(...all)),
      p99: round(Math.max(...all)),
    });
    return {
      fan: {
        name: `fan-out to ${n} sockets`,
        baseline: { ...fig(b, bareTimes), what: 'bare socket.io broadcast: trigger → last client (ms)' },
        giliran: { ...fig(g, times), what: 'complete-and-next request → last client has ticket.called (ms)' },
        ratio: round(b / g),
        target: 'Giliran ≤ 2× the bare broadcast (ratio ≥ 0.5)',
        met: b / g >= 0.5,
        // The issue's own measure: from the call-next response until the last socket has the event.
        checks: { sockets: n, fromResponseMs: round(median(afterResponse)), bareMs: b, ratioFromResponse: round(b / Math.max(1, median(afterResponse))) },
      },
      memory: {
        name: 'API memory (RSS)',
        baseline: { ...fig(round(bareRss), [bareRss]), what: `bare socket.io server RSS with ${n} sockets (MB)` },
        giliran: { ...fig(round(loadedRss), [loadedRss]), what: `API RSS with ${n} sockets (MB); at rest ${round(restRss)} MB` },
        unit: 'MB',
        ratio: round(bareRss / loadedRss),
        target: 'reported',
        met: true,
        checks: { restMb: round(restRss), loadedMb: round(loadedRss), perSocketKb: round(((loadedRss - restRss) * 1024) / n) },
      },
    };
  } finally {
    await app.stop();
  }
}
