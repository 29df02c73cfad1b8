import type { TicketView } from '@giliran/contracts';
import type { Socket } from 'socket.io-client';
import { cpuPerOperation } from '../lib/cpu';
import { measureHttpFloor } from '../lib/http-floor';
import { figures, load, progress, round } from '../lib/measure';
import { api, giliranOnMysql, seedOffice } from '../lib/setup';
import { type BareSocketio, connectSockets, startBareSocketio, subscribe } from '../lib/sockets';
import type { Scale, ScenarioResult } from '../lib/types';

/**
 * Issue #13. The public board with a thousand waiting, read over HTTP at 10 and 100 connections
 * against the HTTP floor of the same run (target ≥ 0.5), and 2,000 hall displays and phones whose
 * network came back subscribing again at once (target: every snapshot within a second, MariaDB
 * CPU under 0.1 ms a snapshot). Both are served from the per-office snapshot a new seq replaces.
 */
export async function board(scale: Scale): Promise<ScenarioResult[]> {
  const reads = scale === 'full' ? 6_000 : 400;
  const waiting = scale === 'full' ? 1_000 : 100;
  const displays = scale === 'full' ? 2_000 : 200;
  const app = await giliranOnMysql('board');
  const results: ScenarioResult[] = [];
  try {
    const seed = await seedOffice(app.baseUrl);
    const path = `/api/v1/offices/${seed.officeId}/queue`;
    progress(`board: ${waiting} waiting`);
    await load(waiting, 50, (i) => api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[i % 2].id }));
    const { body: before } = await api<{ services: { waiting: number }[] }>(app.baseUrl, 'GET', path);
    const shown = before.services.reduce((s, x) => s + x.waiting, 0);

    for (const connections of [10, 100]) {
      progress(`board: HTTP floor at ${connections} connections`);
      const floor = await measureHttpFloor({ total: reads, concurrency: connections, body: undefined, method: 'GET', status: 200 });
      progress(`board: GET .../queue at ${connections} connections`);
      const { result: res, cpu } = await cpuPerOperation(app.pid, reads, () =>
        load(
          reads,
          connections,
          () => api(app.baseUrl, 'GET', path),
          (r) => r.status === 200,
        ),
      );
      const g = figures(res.latencies, res.errors, res.seconds);
      const ratio = round(g.perSecond / floor.perSecond);
      results.push({
        name: `board read, ${connections} connections, ${waiting} waiting`,
        baseline: { ...floor, what: 'HTTP floor (node:http answering a constant)' },
        giliran: { ...g, what: 'GET /offices/:id/queue' },
        ratio,
        target: '≥ 0.5 of the HTTP floor',
        met: ratio >= 0.5 && g.errors === 0,
        checks: { waitingShown: shown, ...cpu },
      });
    }

    // The same crowd on a bare socket.io server that acknowledges with a constant: the transport's part.
    const bare = await resubscribeStorm(await startBareSocketio(before), displays, {});
    // The displays are connected; their network blips, the office moves on (a new seq: the
    // snapshot kept is stale), and every one of them subscribes again at the same moment.
    await api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
    await new Promise((r) => setTimeout(r, 200));
    const ours = await resubscribeStorm({ url: app.baseUrl, pid: app.pid, stop: () => undefined }, displays, { officeId: seed.officeId });
    results.push({
      name: `${displays} displays re-subscribing at once`,
      baseline: { ...bare.figures, what: 'bare socket.io acknowledging a constant' },
      giliran: { ...ours.figures, what: 'subscribe {officeId}: each acknowledgement from the moment all were sent' },
      ratio: round(bare.slowest / Math.max(1, ours.slowest)),
      target: 'all < 1 s, MariaDB CPU < 0.1 ms a snapshot',
      met: ours.slowest < 1000 && ours.figures.errors === 0 && (ours.cpu.databaseCpuMsPerOp ?? 0) < 0.1,
      checks: { slowestMs: ours.slowest, bareSlowestMs: bare.slowest, distinctSeqs: ours.seqs, ...ours.cpu },
    });
  } finally {
    await app.stop();
  }
  return results;
}

/** `n` connected sockets all subscribing at one moment: each acknowledgement's time from then, and the CPU of it. */
async function resubscribeStorm(target: BareSocketio, n: number, req: Record<string, string>) {
  const sockets: Socket[] = await connectSockets(target.url, n, 'board');
  try {
    progress(`board: ${n} sockets subscribing at once`);
    const latencies: number[] = [];
    const seqs = new Set<number>();
    let errors = 0;
    const t0 = performance.now();
    const { cpu } = await cpuPerOperation(target.pid, n, () =>
      Promise.all(
        sockets.map(async (s) => {
          const ack: Awaited<ReturnType<typeof subscribe>> = await subscribe(s, req).catch(() => ({ error: { code: 'TIMEOUT' } }));
          latencies.push(performance.now() - t0);
          if (ack.error) errors++;
          else if (ack.seq !== undefined) seqs.add(ack.seq);
        }),
      ),
    );
    return { figures: figures(latencies, errors, (performance.now() - t0) / 1000), slowest: round(Math.max(...latencies)), seqs: seqs.size, cpu };
  } finally {
    for (const s of sockets) s.disconnect();
    target.stop();
  }
}
