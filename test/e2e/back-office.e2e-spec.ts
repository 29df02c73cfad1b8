import type { LoginResponse, QueueBoard, TicketView } from '@giliran/contracts';
import { type AppProcess, type SeededOffice, api, seedOffice, startApp } from '../support/app-process';
import { connectQueue } from '../support/socket-client';

jest.setTimeout(60_000);

describe('back office over HTTP and socket.io', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  beforeAll(async () => {
    app = await startApp();
    seed = await seedOffice(app.baseUrl);
  });
  afterAll(() => app?.stop());

  it('announcements set by the supervisor reach the display as office.updated with the next seq, and are in the board', async () => {
    const display = await connectQueue(app.baseUrl);
    const board = (await display.subscribe({ officeId: seed.officeId })) as QueueBoard;
    expect(board).toMatchObject({ announcements: [], voiceLocale: 'id', officeName: expect.stringContaining('Kantor Uji'), timezone: 'Asia/Jakarta' });
    const patched = await api(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${seed.officeId}`,
      { announcements: ['Loket tutup pukul 15.00'], voiceLocale: 'en' },
      seed.adminToken,
    );
    expect(patched.status).toBe(200);
    const ev = await display.waitFor((r) => r.event === 'office.updated');
    expect(ev.payload).toEqual({ officeId: seed.officeId, seq: board.seq + 1, announcements: ['Loket tutup pukul 15.00'], voiceLocale: 'en' });
    expect((await api<QueueBoard>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`)).body.announcements).toEqual(['Loket tutup pukul 15.00']);
    display.socket.disconnect();
    // The gateway address is a staff setting: never in public answers.
    await api(app.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}`, { webhookUrl: 'https://gateway.example/hook?token=s3cret' }, seed.adminToken);
    expect(JSON.stringify((await api(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}`)).body)).not.toContain('s3cret');
    expect(JSON.stringify((await api(app.baseUrl, 'GET', '/api/v1/offices')).body)).not.toContain('s3cret');
    expect(
      (await api<{ webhookUrl: string }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/settings`, undefined, seed.adminToken)).body.webhookUrl,
    ).toContain('s3cret');
    // Too long a text is refused and changes nothing.
    const tooLong = await api<{ code: string }>(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${seed.officeId}`,
      { announcements: ['x'.repeat(201)] },
      seed.adminToken,
    );
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('tells a waiting phone its new position when the ticket ahead is called', async () => {
    const serviceId = seed.services[1].id;
    await api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId });
    const second = await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId });
    const phone = await connectQueue(app.baseUrl);
    expect(await phone.subscribe({ trackingToken: second.body.trackingToken })).toMatchObject({ number: 'B-002', position: 2 });
    const officer = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    const counter = seed.counters[1].id;
    await api(app.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}/counters/${counter}`, { serviceIds: [serviceId] }, seed.adminToken);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/open`, undefined, officer);
    expect(
      (await api<{ ticket: { number: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${counter}/call-next`, undefined, officer)).body.ticket.number,
    ).toBe('B-001');
    const update = await phone.waitFor((r) => r.event === 'ticket.updated');
    expect(update.payload).toMatchObject({ number: 'B-002', status: 'waiting', position: 1, estimatedWaitMinutes: 0 });
    expect(Object.keys(update.payload).sort()).toEqual(['counterName', 'estimatedWaitMinutes', 'number', 'officeName', 'position', 'serviceName', 'status']);
    phone.socket.disconnect();
  });

  it('serves statistics as JSON, and as CSV by Accept header or ?format=csv', async () => {
    await api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const path = `/api/v1/offices/${seed.officeId}/stats?from=${today}&to=${today}`;
    const json = await api<{ issued: number; byService: { prefix: string; issued: number }[] }>(app.baseUrl, 'GET', path, undefined, seed.adminToken);
    expect(json.body.issued).toBe(3);
    // Services in list order (API.md v1.1: sortOrder, then name): "Kartu Keluarga" before "KTP Elektronik".
    expect(json.body.byService).toEqual([expect.objectContaining({ prefix: 'B', issued: 2, served: 0 }), expect.objectContaining({ prefix: 'A', issued: 1 })]);
    for (const [url, headers] of [
      [path, { authorization: `Bearer ${seed.adminToken}`, accept: 'text/csv' }],
      [`${path}&format=csv`, { authorization: `Bearer ${seed.adminToken}` }],
    ] as const) {
      const res = await fetch(app.baseUrl + url, { headers });
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0].startsWith('scope,key,name,issued,served')).toBe(true);
      expect(lines[1]).toMatch(new RegExp(`^total,${today}..${today},,3,0,`));
    }
    const bad = await api<{ code: string }>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${seed.officeId}/stats?from=2026-13-01&to=2026-12-01`,
      undefined,
      seed.adminToken,
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
  it("lists a counter's waiting tickets in the exact order that counter calls them: class, its service preference, time", async () => {
    const o = await seedOffice(app.baseUrl);
    const [a, b] = o.services;
    const [both, onlyA] = o.counters.map((c) => c.id);
    const admin = (method: string, path: string, body?: unknown) => api(app.baseUrl, method, `/api/v1${path}`, body, o.adminToken);
    // Counter 1 serves B before A; counter 2 serves A only.
    expect((await admin('PATCH', `/offices/${o.officeId}/counters/${both}`, { serviceIds: [b.id, a.id] })).status).toBe(200);
    expect((await admin('PATCH', `/offices/${o.officeId}/counters/${onlyA}`, { serviceIds: [a.id] })).status).toBe(200);
    for (const [serviceId, priority] of [
      [a.id, 'regular'],
      [b.id, 'regular'],
      [a.id, 'priority'],
      [a.id, 'regular'],
      [b.id, 'regular'],
    ])
      expect((await admin('POST', `/offices/${o.officeId}/tickets`, { serviceId, priority, channel: 'staff' })).status).toBe(201);
    type Row = { number: string; position: number };
    const waiting = async (counterId?: string) =>
      (await admin('GET', `/offices/${o.officeId}/tickets?status=waiting${counterId ? `&counterId=${counterId}` : ''}`)).body as Row[];
    const numbers = (rows: Row[]) => rows.map((r) => r.number);

    expect(numbers(await waiting())).toEqual(['A-002', 'A-001', 'B-001', 'A-003', 'B-002']);
    expect(numbers(await waiting(onlyA))).toEqual(['A-002', 'A-001', 'A-003']);
    const forBoth = await waiting(both);
    expect(numbers(forBoth)).toEqual(['A-002', 'B-001', 'B-002', 'A-001', 'A-003']);
    // The place in the service does not depend on who asks.
    expect(forBoth.map((r) => `${r.number}:${r.position}`)).toEqual(['A-002:1', 'B-001:1', 'B-002:2', 'A-001:2', 'A-003:3']);

    // And that is the order call-next follows at that counter.
    const officer = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', o.officer)).body.accessToken;
    expect((await api(app.baseUrl, 'POST', `/api/v1/counters/${both}/open`, undefined, officer)).status).toBe(200);
    const called: string[] = [];
    for (let i = 0; i < 5; i++) {
      const next = await api<{ ticket: { id: string; number: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${both}/call-next`, undefined, officer);
      called.push(next.body.ticket.number);
      expect((await api(app.baseUrl, 'POST', `/api/v1/tickets/${next.body.ticket.id}/complete`, undefined, officer)).status).toBe(200);
    }
    expect(called).toEqual(numbers(forBoth));

    // A counter of another office, or no id at all: refused, nothing listed.
    const other = await seedOffice(app.baseUrl);
    const foreign = await api<{ code: string }>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${o.officeId}/tickets?status=waiting&counterId=${other.counters[0].id}`,
      undefined,
      o.adminToken,
    );
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await api<{ code: string }>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${o.officeId}/tickets?status=waiting&counterId=loket-1`,
      undefined,
      o.adminToken,
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
