import { QueueName } from '@giliran/jobs';
import { Queue, QueueEvents } from 'bullmq';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { ROOT, api, freshEnvironment, runAppExpectingExit, seedOffice, startApp, testClockEnv } from '../support/app-process';
import { REDIS_URL, TEST_DB } from '../support/test-env';

jest.setTimeout(60_000);

describe('processes and configuration', () => {
  it.each([
    ['PORT', 'http'],
    ['DATABASE_URL', 'postgres://db/giliran'],
    ['WORKER', 'maybe'],
    ['REDIS_URL', 'not a url'],
  ])('refuses to start with an invalid %s and names it', async (name, value) => {
    const env = await freshEnvironment('config');
    const { code, output } = await runAppExpectingExit({ ...env, [name]: value });
    expect(code).toBe(1);
    expect(output).toContain(`${name}:`);
    expect(output).not.toMatch(/at .*\.js:\d+/);
  });

  it('creates the first admin with a generated password printed once, and only once', async () => {
    const { ADMIN_PASSWORD: _unused, ...env } = await freshEnvironment('admin');
    const first = await startApp({ env });
    await first.stop();
    const match = /generated password: (\S+)/.exec(first.output());
    expect(match).not.toBeNull();
    const second = await startApp({ env });
    try {
      expect(second.output()).not.toContain('generated password');
      const login = await api<{ user: { role: string } }>(second.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: match![1] });
      expect(login.status).toBe(200);
      expect(login.body.user.role).toBe('admin');
    } finally {
      await second.stop();
    }
  });

  it('replicas started together on a new database migrate it once, and both come up', async () => {
    const env = await freshEnvironment('together');
    const replicas = await Promise.allSettled([startApp({ env }), startApp({ env }), startApp({ env })]);
    const up = replicas.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(replicas.map((r) => (r.status === 'rejected' ? String(r.reason).slice(0, 400) : 'up'))).toEqual(['up', 'up', 'up']);
      for (const app of up) {
        expect((await api(app.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: env.ADMIN_PASSWORD })).status).toBe(200);
      }
    } finally {
      await Promise.all(up.map((app) => app.stop()));
    }
  });

  it('a replica that finds the migrations locked by another process waits for it, then comes up', async () => {
    const env: Record<string, string> = { ...(await freshEnvironment('locked')), LOG_LEVEL: 'log' };
    const release = await holdMigrationLock(env.DATABASE_URL);
    // The lock is let go once the replica says it waits (a slow start on a busy machine must not
    // find it free already), and after 30 s at most.
    let waited: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (waited = resolve));
    const starting = startApp({ env, timeoutMs: 60_000, onOutput: (text) => text.includes('another process is migrating this database') && waited() });
    let readyAt = 0;
    void starting.then(() => (readyAt = Date.now())).catch(() => undefined);
    await Promise.race([waiting, new Promise((r) => setTimeout(r, 30_000))]);
    await new Promise((r) => setTimeout(r, 1000));
    const releasedAt = Date.now();
    await release();
    const app = await starting;
    try {
      expect(app.output()).toContain('another process is migrating this database; waiting for it');
      // It came up only after the lock was let go.
      expect(readyAt).toBeGreaterThanOrEqual(releasedAt);
      expect((await api(app.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: env.ADMIN_PASSWORD })).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('with WORKER=off the API only enqueues; the worker app runs the end-of-day job on its own', async () => {
    const env: Record<string, string> = { ...(await freshEnvironment('worker')), WORKER: 'off' };
    const app = await startApp({ env });
    const seed = await seedOffice(app.baseUrl);
    const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
    const prefix = `${env.REDIS_PREFIX}bull`;
    const queue = new Queue(QueueName.Maintenance, { connection, prefix });
    const events = new QueueEvents(QueueName.Maintenance, { connection, prefix });
    await events.waitUntilReady();
    try {
      // The API registered the office's scheduler at local midnight.
      expect(await queue.getJobScheduler(`end-of-day:${seed.officeId}`)).toMatchObject({ tz: 'Asia/Jakarta', pattern: '0 0 * * *' });
      const job = await queue.add('end-of-day', { officeId: seed.officeId });
      await new Promise((r) => setTimeout(r, 1000));
      expect(await job.getState()).toBe('waiting'); // nobody consumes with WORKER=off

      const worker = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...testClockEnv(), ...env },
        stdio: 'ignore',
      });
      try {
        expect(await job.waitUntilFinished(events, 20_000)).toEqual({ closedTickets: 0, noShowAppointments: 0 });
      } finally {
        worker.kill('SIGTERM');
      }
      expect((await api(app.baseUrl, 'GET', '/health/ready')).status).toBe(200);
    } finally {
      await Promise.all([queue.close(), events.close()]);
      await app.stop();
    }
  });
});

/** Takes the lock another replica would hold while migrating (see libs/database/src/migration-lock.ts). */
async function holdMigrationLock(databaseUrl: string): Promise<() => Promise<void>> {
  if (TEST_DB === 'sqlite') {
    const Database = require('better-sqlite3') as new (file: string) => { exec(sql: string): unknown; close(): void };
    const lock = new Database(`${databaseUrl.replace(/^sqlite:/, '')}.lock`);
    lock.exec('BEGIN EXCLUSIVE');
    return async () => {
      lock.exec('ROLLBACK');
      lock.close();
    };
  }
  const url = new URL(databaseUrl);
  const database = url.pathname.slice(1);
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  const [rows] = await conn.query('SELECT GET_LOCK(?, 0) AS got', [`giliran:migrations:${database}`.slice(0, 64)]);
  expect((rows as Array<{ got: number }>)[0].got).toBe(1);
  return () => conn.end();
}
