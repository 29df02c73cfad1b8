import { DateTime } from 'luxon';
import { cpuPerOperation } from '../lib/cpu';
import { figures, load, progress, round } from '../lib/measure';
import { measureHttpFloor } from '../lib/http-floor';
import { api, giliranOnMysql, rawPool, seedOffice } from '../lib/setup';
import type { Scale, ScenarioResult } from '../lib/types';

/** 3. Booking storm: 5,000 concurrent requests for 100 places across 5 slots vs a raw conditional update. */
export async function bookingStorm(scale: Scale): Promise<ScenarioResult> {
  const requests = scale === 'full' ? 5000 : 200;
  const slots = 5;
  const capacity = scale === 'full' ? 20 : 4;
  const places = slots * capacity;

  const pool = await rawPool(20);
  await pool.query('DROP TABLE IF EXISTS raw_slot');
  await pool.query('DROP TABLE IF EXISTS raw_booking');
  await pool.query('CREATE TABLE raw_slot (id INT PRIMARY KEY, capacity INT NOT NULL, booked INT NOT NULL, CHECK (booked <= capacity)) ENGINE=InnoDB');
  await pool.query('CREATE TABLE raw_booking (id BIGINT AUTO_INCREMENT PRIMARY KEY, slot INT NOT NULL, nik VARCHAR(16)) ENGINE=InnoDB');
  await pool.query(`INSERT INTO raw_slot VALUES ${Array.from({ length: slots }, (_, i) => `(${i}, ${capacity}, 0)`).join(',')}`);
  progress('booking storm: raw');
  const rawRes = await load(requests, requests, async (i) => {
    const conn = await pool.getConnection();
    try {
      await conn.query('BEGIN');
      const [res] = await conn.query('UPDATE raw_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity', [i % slots]);
      const ok = (res as { affectedRows: number }).affectedRows === 1;
      if (ok) await conn.query('INSERT INTO raw_booking (slot, nik) VALUES (?, ?)', [i % slots, String(i)]);
      await conn.query(ok ? 'COMMIT' : 'ROLLBACK');
      return ok;
    } finally {
      conn.release();
    }
  });
  await pool.end();
  const raw = figures(rawRes.latencies, rawRes.errors, rawRes.seconds);
  const rawBooked = rawRes.results.filter(Boolean).length;
  // The same 5,000 connections opened at once, answered by a bare node:http server: the machine's share of the p99.
  progress(`booking storm: HTTP floor, ${requests} concurrent requests`);
  const floor = await measureHttpFloor({
    total: requests,
    concurrency: requests,
    body: { officeId: 'o', serviceId: 's', start: '2026-11-30T02:00:00.000Z', citizen: { name: 'Warga', nik: '3201011505900001' } },
    status: 409,
  });

  const app = await giliranOnMysql('storm');
  try {
    const seed = await seedOffice(app.baseUrl);
    const serviceId = seed.services[0].id;
    await api(app.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}/services/${serviceId}`, { slotCapacity: capacity, slotMinutes: 30 }, seed.adminToken);
    const day = DateTime.now().setZone('Asia/Jakarta').plus({ days: 1 }).startOf('day');
    const starts = Array.from({ length: slots }, (_, i) =>
      day
        .set({ hour: 9 + i })
        .toUTC()
        .toISO()!,
    );
    progress(`booking storm: ${requests} concurrent requests for ${places} places`);
    const { result: res, cpu } = await cpuPerOperation(app.pid, requests, () =>
      load(
        requests,
        requests,
        (i) =>
          api<{ code?: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
            officeId: seed.officeId,
            serviceId,
            start: starts[i % slots],
            citizen: { name: `Warga ${i}`, nik: `3201011505${String(90 - Math.floor(i / 9000)).padStart(2, '0')}${String((i % 9000) + 1).padStart(4, '0')}` },
          }),
        (x) => x.status === 201 || (x.status === 409 && x.body.code === 'SLOT_FULL'),
      ),
    );
    const g = figures(res.latencies, res.errors, res.seconds);
    const booked = res.results.filter((x) => x.status === 201).length;
    const full = res.results.filter((x) => x.status === 409 && x.body.code === 'SLOT_FULL').length;
    const ratio = round(raw.p99 / g.p99);
    return {
      name: `booking storm, ${requests} requests for ${places} places`,
      baseline: { ...raw, what: 'conditional UPDATE + INSERT per request' },
      giliran: { ...g, what: 'POST /appointments (validation, sealing, idempotency-free path)' },
      ratio,
      target: `exactly ${places} bookings, every other answer 409 SLOT_FULL, p99 < 1 s`,
      met: booked === places && full === requests - places && g.p99 < 1000 && g.errors === 0,
      checks: { booked, slotFull: full, otherAnswers: requests - booked - full, rawBooked, httpFloorP50: floor.p50, httpFloorP99: floor.p99, ...cpu },
    };
  } finally {
    await app.stop();
  }
}
