import type { LoginResponse, QueueBoard } from '@giliran/contracts';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { type AppProcess, E2E_ADMIN_PASSWORD, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { MYSQL_URL } from '../support/test-env';

jest.setTimeout(90_000);

/**
 * Every table and connection in utf8mb4, whatever the server's default: proven on a database
 * created with CHARACTER SET latin1 (MariaDB's upstream default). On either tier: it is MySQL's.
 */
describe('a database created in latin1', () => {
  let app: AppProcess;
  let direct: mysql.Connection;
  let db: string;

  beforeAll(async () => {
    const base = new URL(MYSQL_URL);
    db = `gtest_latin1_${randomBytes(3).toString('hex')}`;
    direct = await mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
    await direct.query(`CREATE DATABASE \`${db}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`);
    base.pathname = `/${db}`;
    app = await startApp({ env: { ...(await freshEnvironment('latin1')), DATABASE_URL: base.toString() } });
  });
  afterAll(async () => {
    await app?.stop();
    await direct?.end();
  });

  it('has every table and text column in utf8mb4 after its migrations', async () => {
    const [tables] = (await direct.query('SELECT TABLE_NAME AS t, TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db])) as [
      { t: string; c: string }[],
      unknown,
    ];
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((x) => x.c !== 'utf8mb4_unicode_ci')).toEqual([]);
    const [columns] = (await direct.query(
      'SELECT TABLE_NAME AS t, COLUMN_NAME AS n, CHARACTER_SET_NAME AS cs FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND CHARACTER_SET_NAME IS NOT NULL',
      [db],
    )) as [{ t: string; n: string; cs: string }[], unknown];
    expect(columns.filter((x) => x.cs !== 'utf8mb4')).toEqual([]);
  });

  it('keeps names with an emoji, an en dash and right-to-left script, and logs in and tracks with them', async () => {
    const seed = await seedOffice(app.baseUrl);
    const names = ['Kantor 🇮🇩 Pelayanan – Pusat', 'مكتب الخدمة', 'Loket ⭐ Lansia'];
    const patched = await api<{ name: string }>(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${seed.officeId}`,
      { name: names[0], announcements: [names[1]] },
      seed.adminToken,
    );
    expect([patched.status, patched.body.name]).toEqual([200, names[0]]);
    const counter = await api<{ name: string }>(
      app.baseUrl,
      'POST',
      `/api/v1/offices/${seed.officeId}/counters`,
      { name: names[2], serviceIds: [seed.services[0].id] },
      seed.adminToken,
    );
    expect([counter.status, counter.body.name]).toEqual([201, names[2]]);
    const board = await api<QueueBoard & { officeName: string; announcements: string[] }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    expect([board.body.officeName, board.body.announcements]).toEqual([names[0], [names[1]]]);

    const start = (
      await api<{ days: { slots: { start: string }[] }[] }>(
        app.baseUrl,
        'GET',
        `/api/v1/offices/${seed.officeId}/services/${seed.services[0].id}/availability?from=${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}`,
      )
    ).body.days[0].slots[0].start;
    const booked = await api<{ manageToken: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: seed.officeId,
      serviceId: seed.services[0].id,
      start,
      citizen: { name: 'Siti 🌸 Nurhaliza – binti Ahmad', nik: '3201015505900055' },
    });
    expect(booked.status).toBe(201);
    expect((await api<{ citizen: { name: string } }>(app.baseUrl, 'GET', `/api/v1/appointments/${booked.body.manageToken}`)).body.citizen.name).toBe(
      'Siti 🌸 Nurhaliza – binti Ahmad',
    );

    // Input in any script is answered, never a 500: logins, tracking, holidays.
    const login = await api<{ code: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin–🙂', password: 'x' });
    expect([login.status, login.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect((await api(app.baseUrl, 'GET', `/api/v1/tracking/${encodeURIComponent('مكتب🙂مكتب🙂مكتب🙂مكتب')}`)).status).toBe(404);
    expect(
      (await api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/holidays`, { date: '2030-03-31', name: 'Idul Fitri – عيد الفطر 🌙' }, seed.adminToken))
        .status,
    ).toBe(201);
    const admin = await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: E2E_ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
  });
});
