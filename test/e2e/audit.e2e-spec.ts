import type { LoginResponse } from '@giliran/contracts';
import { randomBytes } from 'node:crypto';
import { type AppProcess, type SeededOffice, api, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(90_000);

interface Entry {
  at: string;
  type: string;
  actor: string;
  subject: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Slot {
  start: string;
}

const NIK = '3201015505900077';

/** API.md "Security and faults": the audit trail of appointments and of every staff change. */
describe('the office audit trail', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  let supervisor: { id: string; token: string };

  beforeAll(async () => {
    app = await startApp();
    seed = await seedOffice(app.baseUrl);
    const username = `sup-${randomBytes(3).toString('hex')}`;
    const created = await api<{ id: string }>(
      app.baseUrl,
      'POST',
      '/api/v1/staff',
      { username, password: 'supervisor-pw', role: 'supervisor', officeId: seed.officeId },
      seed.adminToken,
    );
    const login = await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', { username, password: 'supervisor-pw' });
    supervisor = { id: created.body.id, token: login.body.accessToken };
  });
  afterAll(() => app?.stop());

  const trail = async (query = '', token = supervisor.token) =>
    api<Entry[]>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/audit${query}`, undefined, token);
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

  it('records every staff change to set-up and staff, by whom, with what changed', async () => {
    const office = `/api/v1/offices/${seed.officeId}`;
    const s = supervisor.token;
    const steps: [string, string, unknown][] = [
      ['PATCH', office, { name: 'Kantor Baru', webhookUrl: 'https://gateway.example.org/hook?key=s3cret' }],
      ['PUT', `${office}/opening-hours`, { week: [{ weekday: 1, open: '08:00', close: '15:00' }] }],
      ['POST', `${office}/holidays`, { date: '2030-05-01', name: 'Hari Buruh' }],
      ['DELETE', `${office}/holidays/2030-05-01`, undefined],
      ['PATCH', `${office}/services/${seed.services[0].id}`, { name: 'KTP-el', slotCapacity: 6 }],
      ['POST', `${office}/counters`, { name: 'Loket 9', serviceIds: [seed.services[0].id] }],
      ['PATCH', `${office}/counters/${seed.counters[1].id}`, { name: 'Loket Dua' }],
      ['POST', '/api/v1/staff', { username: `off-${randomBytes(3).toString('hex')}`, password: 'officer-pw-1', role: 'officer', officeId: seed.officeId }],
    ];
    for (const [method, path, body] of steps)
      expect([method, path, (await api(app.baseUrl, method, path, body, s)).status]).toEqual([
        method,
        path,
        method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200,
      ]);
    const created = await api<{ id: string }>(
      app.baseUrl,
      'POST',
      '/api/v1/staff',
      { username: `off-${randomBytes(3).toString('hex')}`, password: 'officer-pw-1', role: 'officer', officeId: seed.officeId },
      s,
    );
    expect((await api(app.baseUrl, 'PATCH', `/api/v1/staff/${created.body.id}`, { password: 'officer-pw-2', active: false }, s)).status).toBe(200);
    // Put the hours back for the tests after this one.
    await api(
      app.baseUrl,
      'PUT',
      `${office}/opening-hours`,
      { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })) },
      seed.adminToken,
    );

    const res = await trail();
    expect(res.status).toBe(200);
    const mine = res.body.filter((e) => e.actor === `staff:${supervisor.id}`);
    expect(mine.map((e) => e.type)).toEqual([
      'office.updated',
      'opening_hours.set',
      'holiday.added',
      'holiday.deleted',
      'service.updated',
      'counter.created',
      'counter.updated',
      'staff.created',
      'staff.created',
      'staff.updated',
    ]);
    expect(mine[0]).toMatchObject({
      subject: `office:${seed.officeId}`,
      before: { name: expect.stringContaining('Kantor Uji'), webhookUrl: null },
      after: { name: 'Kantor Baru', webhookUrl: 'set' },
    });
    expect(mine[4]).toMatchObject({
      subject: `service:${seed.services[0].id}`,
      before: { name: 'KTP Elektronik', slotCapacity: 4 },
      after: { name: 'KTP-el', slotCapacity: 6 },
    });
    expect(mine[9]).toMatchObject({ subject: `staff:${created.body.id}`, before: { active: true }, after: { active: false, password: 'changed' } });
    // The gateway's secret and password hashes never reach the trail.
    expect(JSON.stringify(res.body)).not.toMatch(/s3cret|\$2[aby]\$/);
    for (const e of res.body) expect(new Date(e.at).toISOString()).toBe(e.at);
    // Filter by type, or by its first part.
    expect((await trail('?type=holiday')).body.map((e) => e.type)).toEqual(['holiday.added', 'holiday.deleted']);
    expect((await trail('?type=service.updated')).body).toHaveLength(1);
  });

  it('records appointments booked, rescheduled, cancelled and checked in, without the citizen’s data', async () => {
    const serviceId = seed.services[1].id;
    const dates = `from=${today()}&to=${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`;
    const avail = await api<{ days: { slots: Slot[] }[] }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/services/${serviceId}/availability?${dates}`);
    const slots = avail.body.days.flatMap((d) => d.slots).filter((x) => new Date(x.start).getTime() > Date.now());
    const citizen = { name: 'Rahmat Hidayat', nik: NIK, phone: '+6281311112222', email: 'rahmat@example.org' };
    const book = (start: string, nik = NIK) =>
      api<{ id: string; code: string; manageToken: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
        officeId: seed.officeId,
        serviceId,
        start,
        citizen: { ...citizen, nik },
      });
    const first = await book(slots[2].start);
    expect(first.status).toBe(201);
    expect((await api(app.baseUrl, 'POST', `/api/v1/appointments/${first.body.manageToken}/reschedule`, { start: slots[3].start })).status).toBe(200);
    expect((await api(app.baseUrl, 'POST', `/api/v1/appointments/${first.body.manageToken}/cancel`)).status).toBe(200);
    const second = await book(slots[0].start, '3201015505900078');
    expect(second.status).toBe(201);
    expect((await api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: second.body.code })).status).toBe(201);

    const from = today();
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const entries = (await trail(`?type=appointment&from=${from}&to=${to}`)).body;
    const of = (id: string) => entries.filter((e) => e.subject === `appointment:${id}`);
    expect(of(first.body.id).map((e) => [e.type, e.actor])).toEqual([
      ['appointment.booked', 'citizen'],
      ['appointment.rescheduled', 'citizen'],
      ['appointment.cancelled', 'citizen'],
    ]);
    expect(of(first.body.id)[1]).toMatchObject({ before: { start: slots[2].start }, after: { start: slots[3].start, status: 'booked' } });
    expect(of(second.body.id).map((e) => e.type)).toEqual(['appointment.booked', 'appointment.checked_in']);
    const text = JSON.stringify(entries);
    for (const secret of ['Rahmat', NIK, '3201015505900078', '81311112222', 'rahmat@', first.body.manageToken]) expect(text).not.toContain(secret);
  });

  it('is for supervisors of the office and admins only', async () => {
    const officer = await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer);
    expect((await trail('', officer.body.accessToken)).status).toBe(403);
    const other = await seedOffice(app.baseUrl);
    const outsider = { username: `x-${randomBytes(3).toString('hex')}`, password: 'outsider-pw' };
    expect((await api(app.baseUrl, 'POST', '/api/v1/staff', { ...outsider, role: 'supervisor', officeId: other.officeId }, seed.adminToken)).status).toBe(201);
    const outsiderLogin = await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', outsider);
    expect((await trail('', outsiderLogin.body.accessToken)).status).toBe(403);
    expect((await trail('', seed.adminToken)).status).toBe(200);
    expect((await api(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/audit`)).status).toBe(401);
    const bad = await trail('?from=2026-13-01', seed.adminToken);
    expect([bad.status, (bad.body as unknown as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
