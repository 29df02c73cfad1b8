import type { LoginResponse } from '@giliran/contracts';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy';
import { MYSQL_URL } from '../support/test-env';

jest.setTimeout(120_000);

/**
 * API.md "Security and faults": when the database does not answer within 5 s, or is down,
 * requests answer 503 SERVICE_UNAVAILABLE and none hangs longer than 10 s; back to normal within
 * 5 s of its return, and nothing written for a request that was answered 503. MariaDB sits behind
 * a TCP proxy the test freezes and cuts (on either tier: the fault is MySQL's).
 */
describe('database faults', () => {
  let proxy: TcpProxy;
  let app: AppProcess;
  let seed: SeededOffice;
  let officer: string;
  let direct: mysql.Connection;

  beforeAll(async () => {
    const base = new URL(MYSQL_URL);
    const db = `gtest_dbfault_${randomBytes(3).toString('hex')}`;
    direct = await mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
    await direct.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await direct.query(`USE \`${db}\``);
    proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 3306) });
    const url = new URL(MYSQL_URL);
    url.port = String(proxy.port);
    url.pathname = `/${db}`;
    app = await startApp({ env: { ...(await freshEnvironment('dbfault')), DATABASE_URL: url.toString() } });
    seed = await seedOffice(app.baseUrl);
    officer = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    expect((await api(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/open`, undefined, officer)).status).toBe(200);
  });
  afterAll(async () => {
    proxy?.restore();
    await app?.stop();
    await proxy?.close();
    await direct?.end();
  });

  const timed = async <T>(run: () => Promise<T>) => {
    const started = Date.now();
    const result = await run();
    return { result, ms: Date.now() - started };
  };
  const issue = () =>
    api<{ code?: string; number?: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
  const ticketsStored = async () =>
    ((await direct.query('SELECT COUNT(*) AS n FROM ticket WHERE office_id = ?', [seed.officeId])) as [{ n: number }[], unknown])[0][0].n;
  const recovers = async (since: number) => {
    for (;;) {
      const res = await issue();
      if (res.status === 201) return Date.now() - since;
      if (Date.now() - since > 15_000) throw new Error(`not back after 15 s: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('a frozen database: 503 SERVICE_UNAVAILABLE within about 5 s, nothing written for it, back within 5 s of thawing', async () => {
    expect((await issue()).status).toBe(201);
    const before = await ticketsStored();
    proxy.freeze();
    const answers = await Promise.all([
      timed(() => issue()),
      timed(() => issue()),
      timed(() => api<{ code: string }>(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/call-next`, undefined, officer)),
      timed(() => api<{ code: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)),
      timed(() => api<{ code: string }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/tickets`, undefined, seed.adminToken)),
    ]);
    for (const { result, ms } of answers) {
      expect([result.status, (result.body as { code?: string } | undefined)?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(ms).toBeGreaterThanOrEqual(4500);
      expect(ms).toBeLessThan(7000);
    }
    expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(503);
    const thawed = Date.now();
    proxy.restore();
    expect(await recovers(thawed)).toBeLessThan(5000);
    // The frozen issues waited out their deadline: their transactions rolled back, not committed late.
    await new Promise((r) => setTimeout(r, 500));
    expect(await ticketsStored()).toBe(before + 1);
  });

  it('a database that is down: 503 at once, and back within 5 s of its return', async () => {
    proxy.down();
    for (const run of [() => issue(), () => api(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/tickets`, undefined, seed.adminToken)]) {
      const { result, ms } = await timed(run);
      expect([result.status, (result.body as { code?: string } | undefined)?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(ms).toBeLessThan(5500);
    }
    expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));
    const back = Date.now();
    proxy.restore();
    expect(await recovers(back)).toBeLessThan(5000);
    expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(200);
  });
});
