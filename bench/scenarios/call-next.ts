import type { LoginResponse, TicketView } from '@giliran/contracts';
import { figures, load, medianFigures, progress, round } from '../lib/measure';
import { cpuPerOperation, prefixed } from '../lib/cpu';
import { api, giliranOnMysql, rawPool, seedOffice } from '../lib/setup';
import type { Scale, ScenarioResult } from '../lib/types';

/** 2. call-next with 30 counters racing over a deep queue vs raw SELECT … FOR UPDATE SKIP LOCKED + UPDATE. */
export async function callNext(scale: Scale): Promise<ScenarioResult> {
  const counters = scale === 'full' ? 30 : 4;
  const callsEach = scale === 'full' ? 40 : 5;
  const total = counters * callsEach;

  const pool = await rawPool(counters);
  await pool.query('DROP TABLE IF EXISTS raw_queue');
  await pool.query(
    "CREATE TABLE raw_queue (id BIGINT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(10) NOT NULL DEFAULT 'waiting', counter INT NULL, KEY (status)) ENGINE=InnoDB",
  );
  await pool.query(`INSERT INTO raw_queue (status) VALUES ${Array.from({ length: total + 50 }, () => "('waiting')").join(',')}`);
  progress('call-next: raw');
  const rawTaken: number[] = [];
  const { result: rawRes, cpu: rawCpu } = await cpuPerOperation(null, total, () =>
    load(total, counters, async (i) => {
      const conn = await pool.getConnection();
      try {
        await conn.query('BEGIN');
        const [rows] = await conn.query("SELECT id FROM raw_queue WHERE status = 'waiting' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
        const id = (rows as { id: number }[])[0]?.id;
        if (id !== undefined) await conn.query("UPDATE raw_queue SET status = 'called', counter = ? WHERE id = ?", [i % counters, id]);
        await conn.query('COMMIT');
        if (id !== undefined) rawTaken.push(id);
      } finally {
        conn.release();
      }
    }),
  );
  await pool.end();
  const raw = figures(rawRes.latencies, rawRes.errors, rawRes.seconds);

  const app = await giliranOnMysql('callnext');
  try {
    const seed = await seedOffice(app.baseUrl);
    progress('call-next: setting up counters and officers');
    const serviceIds = seed.services.map((s) => s.id);
    const counterIds = seed.counters.map((c) => c.id);
    for (let i = counterIds.length; i < counters; i++) {
      counterIds.push(
        (await api<{ id: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/counters`, { name: `Loket ${i + 1}`, serviceIds }, seed.adminToken))
          .body.id,
      );
    }
    const tokens = await Promise.all(
      counterIds.slice(0, counters).map(async (_, i) => {
        const user = { username: `bench-officer-${i}`, password: 'bench-password' };
        await api(app.baseUrl, 'POST', '/api/v1/staff', { ...user, role: 'officer', officeId: seed.officeId }, seed.adminToken);
        return (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', user)).body.accessToken;
      }),
    );
    progress(`call-next: filling the queue with ${total + 50} tickets`);
    await load(total + 50, 50, (i) => api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: serviceIds[i % 2] }));
    await Promise.all(counterIds.slice(0, counters).map((id, i) => api(app.baseUrl, 'POST', `/api/v1/counters/${id}/open`, undefined, tokens[i])));

    progress(`call-next: ${counters} counters calling`);
    const latencies: number[] = [];
    const called: string[] = [];
    let errors = 0;
    const started = performance.now();
    const { cpu } = await cpuPerOperation(app.pid, total, () =>
      Promise.all(
        counterIds.slice(0, counters).map(async (counterId, i) => {
          for (let k = 0; k < callsEach; k++) {
            const t = performance.now();
            const res = await api<{ ticket: { id: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${counterId}/call-next`, undefined, tokens[i]);
            latencies.push(performance.now() - t);
            if (res.status !== 200) {
              errors++;
              continue;
            }
            called.push(res.body.ticket.id);
            await api(app.baseUrl, 'POST', `/api/v1/tickets/${res.body.ticket.id}/no-show`, undefined, tokens[i]);
          }
        }),
      ),
    );
    const g = figures(latencies, errors, (performance.now() - started) / 1000);
    const board = await api<{ services: { waiting: number }[] }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    const waitingLeft = board.body.services.reduce((s, x) => s + x.waiting, 0);
    const duplicates = called.length - new Set(called).size;
    const ratio = round(g.perSecond / raw.perSecond);
    return {
      name: `call-next, ${counters} counters racing`,
      baseline: { ...medianFigures([raw]), what: 'SELECT … FOR UPDATE SKIP LOCKED + UPDATE' },
      giliran: { ...g, what: 'POST /counters/:id/call-next (the no-show after each call is not timed)' },
      ratio,
      target: 'p99 < 50 ms, zero duplicates, none skipped',
      met: g.p99 < 50 && duplicates === 0 && waitingLeft === 50 && errors === 0,
      // CPU per call, with the no-show after it.
      checks: { duplicates, rawDuplicates: rawTaken.length - new Set(rawTaken).size, waitingLeft, expectedWaitingLeft: 50, ...cpu, ...prefixed('raw', rawCpu) },
    };
  } finally {
    await app.stop();
  }
}
