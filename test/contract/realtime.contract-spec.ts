/**
 * API.md "Realtime (socket.io, path /socket.io, namespace /queue)", as written.
 * (Delivery across API instances is in configuration.contract-spec.ts, which runs two.)
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Appointment,
  type Availability,
  type Board,
  ISO_UTC,
  type QueueSocket,
  type Received,
  type Seeded,
  type Ticket,
  type Tracking,
  businessDate,
  connectQueue,
  login,
  nik,
  ok,
  seed,
  sleep,
  startContractApp,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;
const sockets: QueueSocket[] = [];

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(() => app?.stop());

async function connect(): Promise<QueueSocket> {
  const s = await connectQueue(app.baseUrl);
  sockets.push(s);
  return s;
}
const issue = async (o: Seeded, i = 0) => ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[i].id }), 'ticket');
const board = async (o: Seeded) => ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board');
const OFFICE_EVENTS = ['ticket.issued', 'ticket.called', 'ticket.updated', 'queue.updated', 'counter.updated'];

describe('API.md Realtime: subscribe acknowledgement', () => {
  it('subscribe acknowledgement for {officeId} IS the body of GET .../queue with its seq (not a wrapper)', async () => {
    const o = await seed(admin, { supervisor: false });
    await issue(o);
    const s = await connect();
    // The ticket's events go on for a moment (the board refresh follows ticket.issued): compare
    // the two at one seq, taken again while an event came between them.
    let ack = await s.subscribe({ officeId: o.officeId });
    let http = await board(o);
    for (let i = 0; i < 20 && ack.seq !== http.seq; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ack = await s.subscribe({ officeId: o.officeId });
      http = await board(o);
    }
    expect(ack).toEqual(http);
    expect(ack.seq).toEqual(expect.any(Number));
    expect(ack).not.toHaveProperty('snapshot');
  });

  it('subscribe acknowledgement for {trackingToken} IS the tracking body (not a wrapper)', async () => {
    const o = await seed(admin, { supervisor: false });
    const t = await issue(o);
    const s = await connect();
    const ack = await s.subscribe({ trackingToken: t.trackingToken });
    const http = ok(await pub.get<Tracking>(`/tracking/${t.trackingToken}`), 'tracking');
    expect(ack).toEqual(http);
    expect(ack).toEqual(expect.objectContaining({ number: t.number, status: 'waiting', position: 1, counterName: null }));
  });

  it('subscribe acknowledgement for {counterId} is a snapshot body, not a refusal and not a wrapper', async () => {
    const o = await seed(admin, { supervisor: false });
    const s = await connect();
    const ack = await s.subscribe({ counterId: o.counters[0].id });
    expect(ack).toEqual(expect.any(Object));
    expect(ack).not.toHaveProperty('error');
    expect(ack).not.toHaveProperty('snapshot');
  });

  it('subscribe acknowledgement of a refused subscription is {error: {code, message}} with the codes of HTTP', async () => {
    const o = await seed(admin, { supervisor: false });
    const s = await connect();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [unknown, string][] = [
      [{ officeId: unknown }, 'NOT_FOUND'],
      [{ counterId: unknown }, 'NOT_FOUND'],
      [{ trackingToken: 'bm90LWEtcmVhbC10b2tlbg' }, 'NOT_FOUND'],
      [{}, 'VALIDATION_FAILED'],
      [{ officeId: 42 }, 'VALIDATION_FAILED'],
      ['office', 'VALIDATION_FAILED'],
    ];
    for (const [req, code] of cases) {
      const ack = await s.subscribe(req);
      expect({ req, ack }).toEqual({ req, ack: expect.objectContaining({ error: { code, message: expect.any(String) } }) });
    }
    // A refused socket stays usable: the next good subscription is acknowledged.
    expect(await s.subscribe({ officeId: o.officeId })).not.toHaveProperty('error');
  });
});

describe('API.md Realtime: events to the office room', () => {
  it('ticket.issued, ticket.called (recall false, then true), ticket.updated, queue.updated, counter.updated — each with officeId and seq +1', async () => {
    const o = await seed(admin, { supervisor: false });
    const s = await connect();
    await s.subscribe({ officeId: o.officeId });
    const start = (await board(o)).seq;
    const officer = pub.as(o.officers[0].token);
    const counter = o.counters[0];

    const t = await issue(o);
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/call-next`), 'call');
    ok(await officer.post(`/counters/${counter.id}/recall`), 'recall');
    ok(await officer.post(`/tickets/${t.id}/start`), 'start');
    ok(await officer.post(`/tickets/${t.id}/complete`), 'complete');
    await s.waitFor((r) => r.event === 'ticket.updated' && r.payload.status === 'done');
    await sleep(300);
    const events = s.received.filter((r) => OFFICE_EVENTS.includes(r.event));

    // Every payload: officeId and seq, strictly increasing by one from the board's seq.
    for (const e of events) expect({ event: e.event, officeId: e.payload.officeId }).toEqual({ event: e.event, officeId: o.officeId });
    expect(events.map((e) => e.payload.seq)).toEqual(events.map((_, i) => start + 1 + i));
    expect((await board(o)).seq).toBe(start + events.length);

    const names = new Set(events.map((e) => e.event));
    for (const name of OFFICE_EVENTS) expect({ name, seen: names.has(name) }).toEqual({ name, seen: true });

    const issued = events.find((e) => e.event === 'ticket.issued')!;
    expect(issued.payload).toEqual(expect.objectContaining({ officeId: o.officeId, seq: expect.any(Number) }));
    const calls = events.filter((e) => e.event === 'ticket.called');
    expect(calls.map((c) => c.payload.recall)).toEqual([false, true]);
    for (const c of calls) {
      expect(c.payload).toEqual(
        expect.objectContaining({
          officeId: o.officeId,
          seq: expect.any(Number),
          ticketId: t.id,
          number: t.number,
          serviceId: t.serviceId,
          counterId: counter.id,
          counterName: counter.name,
          calledAt: expect.stringMatching(ISO_UTC),
          recall: expect.any(Boolean),
        }),
      );
    }
    const updates = events.filter((e) => e.event === 'ticket.updated' && JSON.stringify(e.payload).includes(t.id));
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.event === 'counter.updated').every((e) => JSON.stringify(e.payload).includes(counter.id))).toBe(true);
    // queue.updated carries the waiting counts and estimates: of this office's services.
    for (const e of events.filter((x) => x.event === 'queue.updated')) expect(JSON.stringify(e.payload)).toContain(t.serviceId);
  });

  it('keeps a seq of its own per office, each strictly increasing by one', async () => {
    const [x, y] = [await seed(admin, { supervisor: false }), await seed(admin, { supervisor: false })];
    const s = await connect();
    await s.subscribe({ officeId: x.officeId });
    await s.subscribe({ officeId: y.officeId });
    const [sx, sy] = [(await board(x)).seq, (await board(y)).seq];
    await Promise.all([issue(x), issue(y), issue(x, 1), issue(y, 1), issue(x)]);
    await sleep(500);
    for (const [o, seq0] of [
      [x, sx],
      [y, sy],
    ] as const) {
      const mine = s.received.filter((r) => OFFICE_EVENTS.includes(r.event) && r.payload.officeId === o.officeId).map((r) => r.payload.seq);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine).toEqual(mine.map((_, i) => seq0 + 1 + i));
    }
  });

  it('subscribe acknowledgement after a gap: subscribing again gives the new snapshot, whose seq the next event continues', async () => {
    const o = await seed(admin, { supervisor: false });
    const late = await connect();
    await issue(o);
    await issue(o);
    // The earlier tickets' board refresh may still be on its way: compare at one seq.
    let snapshot = await late.subscribe({ officeId: o.officeId });
    let http = await board(o);
    for (let i = 0; i < 20 && snapshot.seq !== http.seq; i++) {
      await sleep(100);
      snapshot = await late.subscribe({ officeId: o.officeId });
      http = await board(o);
    }
    expect(snapshot).toEqual(http);
    await issue(o);
    await late.waitFor((r) => r.event === 'ticket.issued');
    await sleep(300);
    // Every office event after the snapshot continues its seq, one by one, from the next.
    const after = late.received
      .filter((r) => OFFICE_EVENTS.includes(r.event) && r.payload.officeId === o.officeId && (r.payload.seq as number) > http.seq)
      .map((r) => r.payload.seq);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(after).toEqual(after.map((_, i) => http.seq + 1 + i));
  });
});

describe("API.md Realtime: a ticket's own room, and no personal data in public rooms", () => {
  it('the ticket room receives ticket.updated with the tracking body', async () => {
    const o = await seed(admin, { supervisor: false });
    const t = await issue(o);
    const s = await connect();
    await s.subscribe({ trackingToken: t.trackingToken });
    const officer = pub.as(o.officers[0].token);
    ok(await officer.post(`/counters/${o.counters[0].id}/open`), 'open');
    ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call');
    const update = await s.waitFor((r) => r.event === 'ticket.updated' && r.payload.status === 'called');
    expect(update.payload).toEqual(
      expect.objectContaining({
        number: t.number,
        status: 'called',
        position: expect.any(Number),
        counterName: o.counters[0].name,
        serviceName: o.services[0].name,
        officeName: o.office.name,
      }),
    );
    expect(update.payload).toHaveProperty('estimatedWaitMinutes');
    expect(update.payload).toEqual(ok(await pub.get<Tracking>(`/tracking/${t.trackingToken}`), 'tracking'));
    // The ticket room hears only its ticket: none of the office-room traffic.
    expect(s.received.filter((r) => r.event !== 'ticket.updated' && OFFICE_EVENTS.includes(r.event))).toEqual([]);
  });

  it('no names, NIK, phone or e-mail reach the office room, the ticket room or their snapshots', async () => {
    const o = await seed(admin, { supervisor: false });
    const citizen = { name: 'Yohanes Pattimura', nik: nik(4242), phone: '+6281377778888', email: 'yohanes.p@example.org' };
    const office = await connect();
    const officeAck = await office.subscribe({ officeId: o.officeId });
    const date = businessDate('Asia/Jakarta');
    const soon = ok(await pub.get<Availability>(`/offices/${o.officeId}/services/${o.services[0].id}/availability?from=${date}&to=${date}`), 'availability')
      .days[0].slots[0].start;
    const appointment = ok(await pub.post<Appointment>('/appointments', { officeId: o.officeId, serviceId: o.services[0].id, start: soon, citizen }), 'book');
    const ticket = ok(await pub.post<Ticket>(`/offices/${o.officeId}/check-in`, { code: appointment.code }), 'check-in');
    const room = await connect();
    const roomAck = await room.subscribe({ trackingToken: ticket.trackingToken });
    const officer = pub.as(o.officers[0].token);
    ok(await officer.post(`/counters/${o.counters[0].id}/open`), 'open');
    ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call');
    ok(await officer.post(`/tickets/${ticket.id}/start`), 'start');
    ok(await officer.post(`/tickets/${ticket.id}/complete`), 'complete');
    await office.waitFor((r) => r.event === 'ticket.updated' && r.payload.status === 'done');
    await room.waitFor((r) => r.event === 'ticket.updated' && r.payload.status === 'done');
    const traffic = JSON.stringify([officeAck, roomAck, office.received, room.received] as (Received[] | object)[]);
    for (const [what, value] of Object.entries(citizen)) expect({ what, present: traffic.includes(value) }).toEqual({ what, present: false });
    expect(traffic).not.toContain(citizen.nik.slice(4, 12));
    expect(traffic).not.toContain('081377778888');
    expect(traffic).not.toContain('Yohanes');
  });
});
