import type { TicketView } from '@giliran/contracts';
import { figures, load, medianFigures, progress, round } from '../lib/measure';
import { cpuPerOperation, medianOf, prefixed } from '../lib/cpu';
import { measureHttpFloor } from '../lib/http-floor';
import { api, giliranOnMysql, rawPool, seedOffice } from '../lib/setup';
import type { Scale, ScenarioResult } from '../lib/types';

/** 1. Walk-in issuance by 50 concurrent kiosks vs raw BEGIN; INSERT; COMMIT at the same concurrency. */
export async function issuance(scale: Scale): Promise<ScenarioResult> {
  const concurrency = 50;
  const perRound = scale === 'full' ? 3000 : 100;
  const rounds = scale === 'full' ? 3 : 1;

  const pool = await rawPool(concurrency);
  await pool.query('DROP TABLE IF EXISTS raw_ticket');
  await pool.query(
    'CREATE TABLE raw_ticket (id BIGINT AUTO_INCREMENT PRIMARY KEY, office_id VARCHAR(36), number VARCHAR(12), issued_at DATETIME(3)) ENGINE=InnoDB',
  );
  const raw = [];
  const rawCpu: Record<string, number>[] = [];
  for (let r = 0; r < rounds; r++) {
    progress(`issuance: raw round ${r + 1}/${rounds}`);
    const { result: res, cpu } = await cpuPerOperation(null, perRound, () =>
      load(perRound, concurrency, async (i) => {
        const conn = await pool.getConnection();
        try {
          await conn.query('BEGIN');
          await conn.query('INSERT INTO raw_ticket (office_id, number, issued_at) VALUES (?, ?, NOW(3))', ['office', `A-${i}`]);
          await conn.query('COMMIT');
        } finally {
          conn.release();
        }
      }),
    );
    rawCpu.push(cpu);
    raw.push(figures(res.latencies, res.errors, res.seconds));
  }
  await pool.end();
  progress('issuance: HTTP floor');
  const floor = await measureHttpFloor({ total: perRound, concurrency, rounds, body: { serviceId: 'a-service-id' } });

  const app = await giliranOnMysql('issuance');
  const giliran = [];
  const cpuRounds: Record<string, number>[] = [];
  let numbersOk = true;
  try {
    const seed = await seedOffice(app.baseUrl);
    for (let r = 0; r < rounds; r++) {
      progress(`issuance: Giliran round ${r + 1}/${rounds}`);
      const { result: res, cpu } = await cpuPerOperation(app.pid, perRound, () =>
        load(
          perRound,
          concurrency,
          (i) => api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[i % 2].id }),
          (x) => x.status === 201,
        ),
      );
      cpuRounds.push(cpu);
      giliran.push(figures(res.latencies, res.errors, res.seconds));
      const numbers = res.results.filter((x) => x.status === 201).map((x) => x.body.number);
      numbersOk &&= new Set(numbers).size === numbers.length;
    }
  } finally {
    await app.stop();
  }
  const b = medianFigures(raw);
  const g = medianFigures(giliran);
  const ratio = round(g.perSecond / b.perSecond);
  return {
    name: 'walk-in issuance, 50 kiosks',
    baseline: { ...b, what: 'mysql2 BEGIN; INSERT; COMMIT' },
    giliran: { ...g, what: 'POST /offices/:id/tickets (2 services)' },
    ratio,
    target: '≥ 0.50 of raw tx/s; p99 < 50 ms',
    met: ratio >= 0.5 && g.p99 < 50 && g.errors === 0,
    checks: {
      uniqueNumbers: numbersOk,
      httpFloorPerSecond: floor.perSecond,
      httpFloorP99: floor.p99,
      ofHttpFloor: round(g.perSecond / floor.perSecond),
      ...medianOf(cpuRounds),
      ...prefixed('raw', medianOf(rawCpu)),
    },
  };
}
