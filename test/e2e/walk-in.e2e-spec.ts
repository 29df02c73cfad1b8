import type { LoginResponse, QueueBoard, TicketView, TrackingView } from '@giliran/contracts';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { loseRedisState } from '../support/redis-loss';
import { connectQueue } from '../support/socket-client';

jest.setTimeout(60_000);

describe('walk-in: kiosk → counter → hall display, across two API processes', () => {
  let a: AppProcess;
  let b: AppProcess;
  let seed: SeededOffice;
  let officerToken: string;

  beforeAll(async () => {
    const env = await freshEnvironment('walkin');
    a = await startApp({ env });
    b = await startApp({ env }); // same database and Redis, another port: a second replica
    seed = await seedOffice(a.baseUrl);
    officerToken = (await api<LoginResponse>(a.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('delivers ticket.called with the number, the counter and consecutive seq to displays on both instances', async () => {
    const displayA = await connectQueue(a.baseUrl);
    const displayB = await connectQueue(b.baseUrl);
    const ackA = await displayA.subscribe({ officeId: seed.officeId });
    const ackB = await displayB.subscribe({ officeId: seed.officeId });
    // API.md: the acknowledgement IS the board, with its seq, not a wrapper around it.
    expect(ackA).toMatchObject({
      officeId: seed.officeId,
      seq: expect.any(Number),
      services: expect.any(Array),
      counters: expect.any(Array),
      recentCalls: expect.any(Array),
    });
    expect(ackB).toMatchObject({ officeId: seed.officeId, seq: (ackA as QueueBoard).seq });
    expect(ackA).not.toHaveProperty('snapshot');
    const snapshot = ackA as QueueBoard;
    expect(snapshot.counters.map((c) => c.name)).toEqual(['Loket 1', 'Loket 2']);

    const issued = await api<TicketView>(a.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id, channel: 'kiosk' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: 'A-001', status: 'waiting', priority: 'regular', position: 1 });
    expect(issued.body.trackingToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const phone = await connectQueue(b.baseUrl);
    expect(await phone.subscribe({ trackingToken: issued.body.trackingToken })).toMatchObject({ number: 'A-001', status: 'waiting', position: 1 });

    const counter = seed.counters[0];
    expect((await api(b.baseUrl, 'POST', `/api/v1/counters/${counter.id}/open`, undefined, officerToken)).status).toBe(200);
    const called = await api<{ ticket: { id: string; number: string; status: string } }>(
      b.baseUrl,
      'POST',
      `/api/v1/counters/${counter.id}/call-next`,
      undefined,
      officerToken,
    );
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'A-001', status: 'called' });

    for (const display of [displayA, displayB]) {
      const ev = await display.waitFor((r) => r.event === 'ticket.called');
      expect(ev.payload).toMatchObject({
        officeId: seed.officeId,
        number: 'A-001',
        counterId: counter.id,
        counterName: 'Loket 1',
        serviceId: seed.services[0].id,
        recall: false,
      });
    }
    // Every office event carries the next seq, with no gap, from the snapshot's seq on.
    await new Promise((r) => setTimeout(r, 300));
    const seqsA = displayA.received.filter((r) => r.payload?.officeId === seed.officeId).map((r) => r.payload.seq as number);
    expect(seqsA.length).toBeGreaterThanOrEqual(4);
    expect(seqsA).toEqual(seqsA.map((_, i) => snapshot.seq + 1 + i));
    const seqsB = displayB.received.filter((r) => r.payload?.officeId === seed.officeId).map((r) => r.payload.seq as number);
    expect(seqsB).toEqual(seqsA);

    const tracking = await phone.waitFor((r) => r.event === 'ticket.updated' && (r.payload as unknown as TrackingView).status === 'called');
    expect(tracking.payload).toMatchObject({ number: 'A-001', status: 'called', counterName: 'Loket 1' });
    // The same body under the ticket room's own event name (typed: one payload per name).
    const typed = await phone.waitFor((r) => r.event === 'ticket.tracking' && (r.payload as unknown as TrackingView).status === 'called');
    expect(typed.payload).toEqual(tracking.payload);
    expect(phone.received.filter((r) => r.event === 'ticket.tracking')).toHaveLength(phone.received.filter((r) => r.event === 'ticket.updated').length);

    // The board after reconnecting equals the HTTP board.
    const board = await api<QueueBoard>(b.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    expect(board.body.counters.find((c) => c.counterId === counter.id)?.nowServing).toMatchObject({ number: 'A-001', status: 'called' });
    expect(board.body.recentCalls[0]).toMatchObject({ number: 'A-001', counterName: 'Loket 1' });
    expect(board.body.seq).toBe(seqsA[seqsA.length - 1]);

    for (const c of [displayA, displayB, phone]) c.socket.disconnect();
  });

  it('answers bad input with a 4xx and a stable code, and changes nothing', async () => {
    const before = await api<QueueBoard>(a.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    const cases: [string, string, unknown, string | undefined, number, string][] = [
      ['POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id, extra: 'x' }, undefined, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: 'not-a-uuid' }, undefined, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id, priority: 'vip' }, undefined, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/offices/00000000-0000-4000-8000-000000000000/tickets`, { serviceId: seed.services[0].id }, undefined, 404, 'NOT_FOUND'],
      ['GET', '/api/v1/tracking/nope-nope-nope-nope-nope', undefined, undefined, 404, 'NOT_FOUND'],
      ['POST', `/api/v1/counters/${seed.counters[1].id}/call-next`, undefined, undefined, 401, 'UNAUTHORIZED'],
      ['POST', '/api/v1/offices', { code: 'X1', name: 'x', timezone: 'Asia/Jakarta' }, officerToken, 403, 'FORBIDDEN'],
      ['POST', `/api/v1/counters/${seed.counters[1].id}/call-next`, undefined, officerToken, 409, 'COUNTER_CLOSED'],
      ['POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong-password' }, undefined, 401, 'INVALID_CREDENTIALS'],
      ['POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong-password' }, undefined, 401, 'INVALID_CREDENTIALS'],
    ];
    for (const [method, path, body, token, status, code] of cases) {
      const res = await api<{ statusCode: number; code: string; message: string }>(a.baseUrl, method, path, body, token);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status, code });
      expect(res.body.statusCode).toBe(status);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
    }
    const after = await api<QueueBoard>(a.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    expect(after.body.services).toEqual(before.body.services);
    expect(after.body.seq).toBe(before.body.seq);
  });

  it('serves the OpenAPI document, health and metrics', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>(a.baseUrl, 'GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/offices/{officeId}/tickets',
        '/api/v1/counters/{counterId}/call-next',
        '/api/v1/auth/login',
        '/api/v1/appointments',
        '/api/v1/offices/{officeId}/services/{serviceId}/availability',
        '/api/v1/offices/{officeId}/check-in',
        '/api/v1/offices/{officeId}/stats',
        '/api/v1/offices/{officeId}/settings',
        '/api/v1/notifications/{id}/retry',
      ]),
    );
    expect((await fetch(`${a.baseUrl}/health/live`)).status).toBe(200);
    const metrics = await fetch(`${a.baseUrl}/metrics`);
    expect(await metrics.text()).toContain('giliran_process_cpu_user_seconds_total');
  });

  it('complete-and-next announces the next number first, then the completion, in one run of seq', async () => {
    // The officer's counter still holds the ticket called in the first test; one more waits.
    const counter = seed.counters[0];
    const inHand = (
      await api<{ currentTicketId: string }>(a.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/counters/${counter.id}`, undefined, officerToken)
    ).body.currentTicketId;
    expect(inHand).toBeTruthy();
    const first = { body: { ticket: { id: inHand } } };
    expect((await api(a.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[1].id })).status).toBe(201);
    const display = await connectQueue(b.baseUrl);
    await display.subscribe({ officeId: seed.officeId });

    const res = await api<{ completed: { id: string; status: string }; ticket: { id: string; number: string } }>(
      a.baseUrl,
      'POST',
      `/api/v1/counters/${counter.id}/complete-and-next`,
      undefined,
      officerToken,
    );
    expect(res.status).toBe(200);
    expect(res.body.completed).toMatchObject({ id: first.body.ticket.id, status: 'done' });
    await display.waitFor((r) => r.event === 'counter.updated' && r.payload.counterId === counter.id);
    const events = display.received.filter((r) => r.event !== 'queue.updated');
    // The hall hears the call before anything else of this action.
    expect(events[0]).toMatchObject({
      event: 'ticket.called',
      payload: { ticketId: res.body.ticket.id, number: res.body.ticket.number, counterId: counter.id },
    });
    const finished = events.filter((r) => r.event === 'ticket.updated' && r.payload.ticketId === first.body.ticket.id).map((r) => r.payload.status);
    // Completed from called in one step (API.md v1.1): no "serving" on the way, the service counted from the call.
    expect(finished).toEqual(['done']);
    expect(events.find((r) => r.event === 'counter.updated')!.payload).toMatchObject({
      counterId: counter.id,
      nowServing: { ticketId: res.body.ticket.id, status: 'called' },
    });
    const seqs = events.map((r) => r.payload.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));

    // Nothing left to call: the completion is still announced.
    display.received.length = 0;
    const last = await api<{ completed: { id: string }; ticket: null }>(
      a.baseUrl,
      'POST',
      `/api/v1/counters/${counter.id}/complete-and-next`,
      undefined,
      officerToken,
    );
    expect(last.body.ticket).toBeNull();
    const done = await display.waitFor((r) => r.event === 'ticket.updated' && r.payload.ticketId === res.body.ticket.id && r.payload.status === 'done');
    expect(done.payload.counterId).toBe(counter.id);
    expect((await display.waitFor((r) => r.event === 'counter.updated' && r.payload.counterId === counter.id)).payload.nowServing).toBeNull();
    display.socket.disconnect();
  });

  it('keeps seq in order for every subscriber while both replicas publish at once', async () => {
    const displays = [await connectQueue(a.baseUrl), await connectQueue(b.baseUrl)];
    for (const d of displays) await d.subscribe({ officeId: seed.officeId });
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        api(i % 2 ? a.baseUrl : b.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[i % 2].id }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    for (const d of displays) {
      const seqs = d.received.filter((r) => r.payload?.officeId === seed.officeId).map((r) => r.payload.seq as number);
      expect(seqs.length).toBeGreaterThanOrEqual(60);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
      d.socket.disconnect();
    }
  });

  it('when Redis comes back empty, every screen is told to resubscribe, and hears the next call in seq', async () => {
    const display = await connectQueue(b.baseUrl);
    const before = (await display.subscribe({ officeId: seed.officeId })) as QueueBoard;
    expect(before.seq).toBeGreaterThan(5);
    // The seqs start again from nothing: a screen keeping its last seq would ignore every new event.
    await loseRedisState(a.env.REDIS_PREFIX, [a.pid, b.pid]);
    const resync = await display.waitFor((r) => r.event === 'queue.resync', 15_000);
    expect(resync.payload).toEqual({ reason: 'redis-lost' });
    const after = (await display.subscribe({ officeId: seed.officeId })) as QueueBoard;
    expect(after.seq).toBeLessThan(before.seq);
    await api<TicketView>(a.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
    // The officer's counter (open since the first test) finishes whatever it holds and calls the next.
    const called = await api<{ ticket: { number: string } }>(
      a.baseUrl,
      'POST',
      `/api/v1/counters/${seed.counters[0].id}/complete-and-next`,
      undefined,
      officerToken,
    );
    expect(called.status).toBe(200);
    const event = await display.waitFor((r) => r.event === 'ticket.called' && r.payload.number === called.body.ticket.number);
    expect(event.payload.seq as number).toBeGreaterThan(after.seq);
    display.socket.disconnect();
  });

  it('the board answers 304 to its ETag while nothing changed, on either replica, and a change on one is seen on the other', async () => {
    const path = `/api/v1/offices/${seed.officeId}/queue`;
    const get = (app: AppProcess, etag?: string) => fetch(app.baseUrl + path, { headers: etag ? { 'if-none-match': etag } : {} });
    // The earlier tests' refreshes (positions, a second later) settle first: each is a change.
    let first = await get(a);
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const next = await get(a);
      if (next.headers.get('etag') === first.headers.get('etag')) break;
      first = next;
    }
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const board = (await first.json()) as QueueBoard;
    for (const app of [a, b]) {
      const again = await get(app, etag);
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    // A ticket taken on b: a's board is new.
    expect((await api(b.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[1].id })).status).toBe(201);
    const changed = await get(a, etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const waitingOf = (q: QueueBoard) => q.services.find((s) => s.serviceId === seed.services[1].id)!.waiting;
    expect(waitingOf((await changed.json()) as QueueBoard)).toBe(waitingOf(board) + 1);
    // A counter renamed on b (a set-up change, no queue event): a's board says so at once.
    const counter = seed.counters[1];
    const rename = (name: string) => api(b.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}/counters/${counter.id}`, { name }, seed.adminToken);
    expect((await rename('Loket Dua')).status).toBe(200);
    try {
      const renamed = (await (await get(a)).json()) as QueueBoard;
      expect(renamed.counters.find((c) => c.counterId === counter.id)!.name).toBe('Loket Dua');
    } finally {
      await rename(counter.name);
    }
  });
});
