import type { LoginResponse, TicketView } from '@giliran/contracts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, type SeededOffice, startApp } from '../../test/support/app-process';
import { REDIS_URL, uniquePrefix } from '../../test/support/test-env';
import { cpuPerOperation, medianOf } from '../lib/cpu';
import { ensureHistory, addOfficeHistory } from '../lib/history';
import { type Figures, figures, load, medianFigures, progress, round } from '../lib/measure';
import { api, giliranOnMysql, seedOffice } from '../lib/setup';
import { connectSockets, subscribe } from '../lib/sockets';
import type { Scale, ScenarioResult } from '../lib/types';

/** The requests measured, each on an empty database and on months of history of hundreds of offices. */
const REQUESTS = ['board read after a new ticket', 'subscribe snapshot', 'call-next', 'walk-in issuance', 'tracking read', 'availability read'] as const;
type Request = (typeof REQUESTS)[number];
type Measured = Record<Request, { figures: Figures; cpu: Record<string, number>; firstError?: string }>;

/**
 * Issue #13: every request costs the same whatever the history. The same requests, at the same
 * concurrency, against an API on an empty database and on the generated history (bench/lib/history.ts:
 * 200 offices × 90 days), in alternating rounds; for each, the throughput and p99 of loaded over empty.
 * Reads that a cache would answer follow a change, so the database is really asked: the board
 * and the snapshot after a new ticket, availability after a booking.
 */
export async function history(scale: Scale): Promise<ScenarioResult[]> {
  const size = scale === 'full' ? {} : { offices: 5, days: 5, ticketsPerOfficeDay: 40 };
  const fixture = await ensureHistory({ ...size, log: progress });
  const n = scale === 'full' ? 1_000 : 100;
  const rounds: Record<'empty' | 'loaded', Measured[]> = { empty: [], loaded: [] };
  for (let r = 0; r < (scale === 'full' ? 2 : 1); r++) {
    for (const side of ['empty', 'loaded'] as const) {
      const app =
        side === 'empty'
          ? await giliranOnMysql('history_empty')
          : await startApp({
              env: {
                ...fixture.env,
                REDIS_URL,
                REDIS_PREFIX: uniquePrefix('bench_history'),
                GILIRAN_VAR_DIR: mkdtempSync(join(tmpdir(), 'giliran-history-')),
                RATE_LIMIT_PER_MINUTE: '0',
                LOG_LEVEL: 'warn',
              },
              timeoutMs: 600_000,
            });
      try {
        const what = `history (${side}, round ${r + 1})`;
        const seed = await seedOffice(app.baseUrl, { adminPassword: side === 'loaded' ? fixture.env.ADMIN_PASSWORD : undefined });
        if (side === 'loaded') {
          progress(`${what}: the office's own history`);
          await addOfficeHistory(fixture.databaseUrl, seed.officeId, size);
        }
        rounds[side].push(await measure(app, seed, n, what));
      } finally {
        await app.stop();
      }
    }
  }
  return REQUESTS.map((request) => {
    const of = (side: 'empty' | 'loaded') => ({
      figures: medianFigures(rounds[side].map((m) => m[request].figures)),
      cpu: medianOf(rounds[side].map((m) => m[request].cpu)),
    });
    const [empty, loaded] = [of('empty'), of('loaded')];
    const ratio = round(loaded.figures.perSecond / empty.figures.perSecond);
    const p99Ratio = round(loaded.figures.p99 / Math.max(0.01, empty.figures.p99));
    return {
      name: `history: ${request}`,
      baseline: { ...empty.figures, what: 'empty database' },
      giliran: { ...loaded.figures, what: `${fixture.offices} offices' history (${Object.values(fixture.rows).reduce((s, x) => s + x, 0)} rows)` },
      ratio,
      target: 'loaded/empty throughput ≥ 0.8',
      met: ratio >= 0.8 && loaded.figures.errors === 0,
      checks: {
        p99LoadedOverEmpty: p99Ratio,
        emptyApiCpuMsPerOp: empty.cpu.apiCpuMsPerOp,
        loadedApiCpuMsPerOp: loaded.cpu.apiCpuMsPerOp,
        emptyDatabaseCpuMsPerOp: empty.cpu.databaseCpuMsPerOp,
        loadedDatabaseCpuMsPerOp: loaded.cpu.databaseCpuMsPerOp,
        ...Object.fromEntries(
          (['empty', 'loaded'] as const).flatMap((side) =>
            rounds[side].flatMap((m) => (m[request].firstError ? [[`${side}FirstError`, m[request].firstError]] : [])),
          ),
        ),
      },
    };
  });
}

/** Each request `n` times (call-next by two counters) on an office of this API. */
async function measure(app: AppProcess, seed: SeededOffice, n: number, what: string): Promise<Measured> {
  const officeId = seed.officeId;
  const issue = (i: number) => api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${officeId}/tickets`, { serviceId: seed.services[i % 2].id });
  const out = {} as Measured;
  const timed = async (request: Request, total: number, concurrency: number, op: (i: number) => Promise<{ ms: number; ok: boolean; answer: unknown }>) => {
    progress(`${what}: ${request}`);
    const { result, cpu } = await cpuPerOperation(app.pid, total, () => load(total, concurrency, op, (r) => r.ok));
    // Latencies are of the timed request alone; the throughput counts the whole step (a change before a read too).
    const failed = result.results.find((r) => !r.ok);
    out[request] = {
      figures: figures(
        result.results.map((r) => r.ms),
        result.errors,
        result.seconds,
      ),
      cpu,
      firstError: failed && JSON.stringify(failed.answer).slice(0, 200),
    };
  };
  const clock = async <T>(work: () => Promise<T>, ok: (r: T) => boolean) => {
    const t = performance.now();
    const answer = await work();
    return { ms: performance.now() - t, ok: ok(answer), answer };
  };

  const tokens: string[] = [];
  await timed('walk-in issuance', n, 10, (i) =>
    clock(
      () => issue(i),
      (r) => r.status === 201 && tokens.push(r.body.trackingToken) > 0,
    ),
  );
  await timed('board read after a new ticket', n, 10, async (i) => {
    await issue(i);
    return clock(
      () => api(app.baseUrl, 'GET', `/api/v1/offices/${officeId}/queue`),
      (r) => r.status === 200,
    );
  });
  await timed('tracking read', n, 10, (i) =>
    clock(
      () => api(app.baseUrl, 'GET', `/api/v1/tracking/${tokens[i % tokens.length]}`),
      (r) => r.status === 200,
    ),
  );

  const sockets = await connectSockets(app.baseUrl, n, what);
  try {
    await timed('subscribe snapshot', n, 10, async (i) => {
      if (i % 10 === 0) await issue(i);
      return clock(
        () => subscribe(sockets[i], { officeId }),
        (ack) => ack.seq !== undefined,
      );
    });
  } finally {
    for (const s of sockets) s.disconnect();
  }

  // Two counters, each with its officer, calling over the queue the reads above filled.
  const officers = await Promise.all(
    seed.counters.map(async (counter, i) => {
      const user = { username: `history-officer-${i}-${counter.id.slice(0, 6)}`, password: 'history-password' };
      await api(app.baseUrl, 'POST', '/api/v1/staff', { ...user, role: 'officer', officeId }, seed.adminToken);
      const token = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', user)).body.accessToken;
      await api(app.baseUrl, 'POST', `/api/v1/counters/${counter.id}/open`, undefined, token);
      return { counterId: counter.id, token };
    }),
  );
  const calls = Math.min(n, 400);
  // Each step takes a counter that has nothing in hand (its call and no-show done) and gives it back.
  const idle = [...officers];
  await timed('call-next', calls, officers.length, async () => {
    const officer = idle.pop()!;
    try {
      return await callAndDismiss(officer);
    } finally {
      idle.push(officer);
    }
  });
  async function callAndDismiss({ counterId, token }: (typeof officers)[number]) {
    let ticketId: string | undefined;
    const called = await clock(
      () => api<{ ticket: { id: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${counterId}/call-next`, undefined, token),
      (r) => r.status === 200 && (ticketId = r.body.ticket.id) !== undefined,
    );
    if (ticketId) await api(app.baseUrl, 'POST', `/api/v1/tickets/${ticketId}/no-show`, undefined, token);
    return called;
  }

  // Availability of the next week, read again after every tenth booking (which drops the cached one).
  const serviceId = seed.services[0].id;
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const availabilityPath = `/api/v1/offices/${officeId}/services/${serviceId}/availability?from=${from}&to=${to}`;
  const slots = (await api<{ days: { slots: { start: string; remaining: number }[] }[] }>(app.baseUrl, 'GET', availabilityPath)).body.days.flatMap((d) =>
    d.slots.filter((s) => s.remaining > 0).map((s) => s.start),
  );
  await timed('availability read', n, 10, async (i) => {
    if (i % 10 === 0 && slots.length > 0) {
      const citizen = { name: `Warga ${i}`, nik: `320101150590${String(i).padStart(4, '0')}` };
      await api(app.baseUrl, 'POST', '/api/v1/appointments', { officeId, serviceId, start: slots[(i / 10) % slots.length], citizen });
    }
    return clock(
      () => api(app.baseUrl, 'GET', availabilityPath),
      (r) => r.status === 200,
    );
  });
  return out;
}
