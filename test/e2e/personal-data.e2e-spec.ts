import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { eventually, smtpSink } from '../support/sinks';
import { REDIS_URL, TEST_DB } from '../support/test-env';

jest.setTimeout(90_000);

interface SqliteDatabase {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}
const Database = require('better-sqlite3') as new (path: string, opts: { readonly: boolean }) => SqliteDatabase;

const REFUSED = 'budi.refused@example.org';
const CITIZEN = { name: 'Budi Santoso Wiradinata', nik: '3201010101900077', phone: '+6281355557777', email: REFUSED };

/**
 * API.md "Security and faults" and invariant 7: a booking's manage token, the idempotency record
 * and the citizen's contact data are never kept in clear, not in a table, not in the log, not in
 * Redis; a mail server's refusal, which names the address, is kept masked.
 */
describe('personal data at rest and in the logs', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;

  beforeAll(async () => {
    smtp = await smtpSink({ refuse: [REFUSED] });
    const env = {
      ...(await freshEnvironment('pii')),
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://antrean.example.go.id',
      NOTIFY_ATTEMPTS: '2',
      NOTIFY_RETRY_DELAY_MS: '50',
      LOG_LEVEL: 'verbose',
    };
    app = await startApp({ env });
    seed = await seedOffice(app.baseUrl);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  /** Every row of every table, as text. */
  async function everyRow(): Promise<string> {
    const url = app.env.DATABASE_URL;
    if (TEST_DB === 'sqlite') {
      const db = new Database(url.slice('sqlite:'.length), { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
      } finally {
        db.close();
      }
    }
    const conn = await mysql.createConnection(url);
    try {
      const [tables] = (await conn.query('SHOW TABLES')) as [Record<string, string>[], unknown];
      const dumps: string[] = [];
      for (const row of tables) dumps.push(JSON.stringify((await conn.query(`SELECT * FROM \`${Object.values(row)[0]}\``))[0]));
      return dumps.join('\n');
    } finally {
      await conn.end();
    }
  }

  /** Every value under the deployment's Redis prefix, as text. */
  async function everyRedisValue(): Promise<string> {
    const redis = new Redis(REDIS_URL);
    const out: string[] = [];
    try {
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${app.env.REDIS_PREFIX}*`, 'COUNT', 500);
        for (const key of keys) {
          const type = await redis.type(key);
          if (type === 'string') out.push(String(await redis.get(key)));
          else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
          else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
          else if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, 0, -1)));
          else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
        }
        if ((cursor = next) === '0') break;
      }
    } finally {
      redis.disconnect();
    }
    return out.join('\n');
  }

  it('keeps no manage token, contact or NIK in clear after a booking whose e-mail was refused', async () => {
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const avail = await api<{ days: { slots: { start: string }[] }[] }>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${seed.officeId}/services/${seed.services[0].id}/availability?from=${day}&to=${day}`,
    );
    const res = await fetch(`${app.baseUrl}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'pii-test-key-0001' },
      body: JSON.stringify({ officeId: seed.officeId, serviceId: seed.services[0].id, start: avail.body.days[0].slots[0].start, citizen: CITIZEN }),
    });
    expect(res.status).toBe(201);
    const { manageToken } = (await res.json()) as { manageToken: string };
    // The token still opens the booking, and a retry with the key still answers it.
    expect((await api<{ citizen: { name: string } }>(app.baseUrl, 'GET', `/api/v1/appointments/${manageToken}`)).body.citizen.name).toBe(CITIZEN.name);

    // The confirmation is refused by the mail server until it becomes a dead letter.
    const dead = await eventually(
      async () =>
        (
          await api<{ lastError: string | null; channel: string }[]>(
            app.baseUrl,
            'GET',
            `/api/v1/offices/${seed.officeId}/notifications?status=dead`,
            undefined,
            seed.adminToken,
          )
        ).body,
      (list) => list.length > 0,
      20_000,
    );
    expect(dead[0].lastError).toContain('b***@example.org');
    expect(dead[0].lastError).not.toContain(REFUSED);

    const secrets = [manageToken, REFUSED, CITIZEN.phone, CITIZEN.phone.slice(1), CITIZEN.nik, CITIZEN.name, 'pii-test-key-0001'];
    const rows = await everyRow();
    const redis = await everyRedisValue();
    const log = app.output();
    for (const secret of secrets) {
      expect({ secret, inTables: rows.includes(secret), inRedis: redis.includes(secret), inLog: log.includes(secret) }).toEqual({
        secret,
        inTables: false,
        inRedis: false,
        inLog: false,
      });
    }
  });
});
