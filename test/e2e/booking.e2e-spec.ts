import type { LoginResponse, TicketView } from '@giliran/contracts';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(60_000);

const NIK = '3201015505900042';

interface Availability {
  timezone: string;
  days: { date: string; slots: { start: string; end: string; capacity: number; remaining: number }[] }[];
}
interface AppointmentBody {
  id: string;
  code: string;
  manageToken: string;
  status: string;
  start: string;
  citizen?: { name: string; nik: string };
}

describe('booking over HTTP', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  let slots: Availability['days'][number]['slots'];

  beforeAll(async () => {
    app = await startApp({ env: { ...(await freshEnvironment('booking')), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'debug' } });
    seed = await seedOffice(app.baseUrl);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const avail = await api<Availability>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${seed.officeId}/services/${seed.services[0].id}/availability?from=${today}&to=${today}`,
    );
    expect(avail.status).toBe(200);
    expect(avail.body.timezone).toBe('Asia/Jakarta');
    slots = avail.body.days[0].slots;
    expect(slots.length).toBeGreaterThan(2);
    expect(new Date(slots[0].start).getTime()).toBeGreaterThanOrEqual(Date.now() - 1000);
  });
  afterAll(() => app?.stop());

  it('books, reads (NIK masked), gives a calendar file, and nothing changes on GET', async () => {
    const res = await api<AppointmentBody>(app.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: seed.officeId,
      serviceId: seed.services[0].id,
      start: slots[1].start,
      citizen: { name: 'Siti Aminah', nik: NIK, phone: '+6281298765432', email: 'siti@example.org' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'booked', start: slots[1].start, officeId: seed.officeId, serviceId: seed.services[0].id });
    expect(res.body.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(res.body.manageToken.length).toBeGreaterThanOrEqual(22);
    expect(JSON.stringify(res.body)).not.toMatch(/Siti|3201015505900042|81298765432|siti@/);

    for (let i = 0; i < 2; i++) {
      const read = await api<AppointmentBody>(app.baseUrl, 'GET', `/api/v1/appointments/${res.body.manageToken}`);
      expect(read.body).toMatchObject({ status: 'booked', citizen: { name: 'Siti Aminah', nik: '3201********0042' } });
    }
    const ics = await fetch(`${app.baseUrl}/api/v1/appointments/${res.body.manageToken}/calendar.ics`);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(res.body.code);
    expect(text).toContain(`DTSTART:${slots[1].start.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(text).not.toContain(NIK);

    // Staff see it in the day's list, NIK masked.
    const list = await api<AppointmentBody[]>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/appointments`, undefined, seed.adminToken);
    expect(list.body.find((a) => a.id === res.body.id)?.citizen?.nik).toBe('3201********0042');

    const cancel = await api<AppointmentBody>(app.baseUrl, 'POST', `/api/v1/appointments/${res.body.manageToken}/cancel`);
    expect(cancel.body.status).toBe('cancelled');
    expect((await api<{ code: string }>(app.baseUrl, 'POST', `/api/v1/appointments/${res.body.manageToken}/cancel`)).body.code).toBe('INVALID_TRANSITION');
    // The log never held the citizen's data.
    expect(app.output()).not.toMatch(/3201015505900042|Siti Aminah|81298765432/);
  });

  it('a retry with the same Idempotency-Key books once', async () => {
    const body = { officeId: seed.officeId, serviceId: seed.services[1].id, start: slots[2].start, citizen: { name: 'Budi', nik: '3201011505900077' } };
    const send = () =>
      fetch(`${app.baseUrl}/api/v1/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'phone-retry-123' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as AppointmentBody,
      }));
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('checks in at the kiosk: the ticket goes ahead of earlier walk-ins and the officer calls it first', async () => {
    const serviceId = seed.services[0].id;
    const walkIns = [];
    for (let i = 0; i < 2; i++) walkIns.push((await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId })).body);
    const booked = await api<AppointmentBody>(app.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: seed.officeId,
      serviceId,
      start: slots[0].start,
      citizen: { name: 'Ani', nik: '3201015505900011' },
    });
    expect(booked.status).toBe(201);
    const checkIn = await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: booked.body.code });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body).toMatchObject({ status: 'waiting', position: 1 });
    const again = await api<{ code: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: booked.body.code });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
    const unknown = await api<{ code: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: 'ZZZZZZZZ' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);

    const officer = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/open`, undefined, officer);
    const called = await api<{ ticket: { number: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/call-next`, undefined, officer);
    expect(called.body.ticket.number).toBe(checkIn.body.number);
  });

  it('staff book on behalf of a citizen; bad input is a 4xx with a code and books nothing', async () => {
    const staff = await api<AppointmentBody & { channel?: string }>(
      app.baseUrl,
      'POST',
      '/api/v1/appointments',
      { officeId: seed.officeId, serviceId: seed.services[1].id, start: slots[1].start, citizen: { name: 'Pak Darmo', nik: '3201010101500009' } },
      seed.adminToken,
    );
    expect(staff.status).toBe(201);
    const cases: [unknown, number, string][] = [
      [{ officeId: seed.officeId, serviceId: seed.services[1].id, start: slots[1].start, citizen: { name: 'X Y', nik: '1234' } }, 400, 'INVALID_NIK'],
      [
        { officeId: seed.officeId, serviceId: seed.services[1].id, start: '2020-01-01T01:00:00Z', citizen: { name: 'X Y', nik: '3201010101500010' } },
        400,
        'SLOT_UNAVAILABLE',
      ],
      [
        { officeId: seed.officeId, serviceId: seed.services[1].id, start: slots[1].start, citizen: { name: 'X Y', nik: '3201010101500010', ssn: 1 } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { officeId: seed.officeId, serviceId: seed.services[1].id, start: 'tomorrow', citizen: { name: 'X Y', nik: '3201010101500010' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        { officeId: seed.officeId, serviceId: seed.services[1].id, start: slots[1].start, citizen: { name: 'X'.repeat(101), nik: '3201010101500010' } },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await api<{ code: string }>(app.baseUrl, 'POST', '/api/v1/appointments', body);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    const list = await api<AppointmentBody[]>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/appointments`, undefined, seed.adminToken);
    expect(list.body.filter((a) => a.start === slots[1].start && a.status === 'booked')).toHaveLength(1);
  });
});

describe('rate limit on public writes', () => {
  it('answers 429 RATE_LIMITED past RATE_LIMIT_PER_MINUTE per client address', async () => {
    const app = await startApp({ env: { ...(await freshEnvironment('ratelimit')), RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const seed = await seedOffice(app.baseUrl);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await api<{ code?: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id })).status,
        );
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const limited = await api<{ code: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: 'ZZZZZZZZ' });
      expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
      // Reads are not limited.
      expect((await api(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
