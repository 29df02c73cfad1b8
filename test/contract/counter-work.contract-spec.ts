/**
 * API.md "Counter work (officer of that office)" and the ticket statuses of "Tickets", as written.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Board,
  type Counter,
  ISO_UTC,
  type Ticket,
  type TicketEvent,
  type Tracking,
  businessDate,
  expectError,
  login,
  ok,
  seed,
  sleep,
  startContractApp,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

type Called = { ticket: Ticket };

/** An office with services A and B, counters as asked, and one officer per counter. */
async function office(counters: { name: string; services?: string[] }[] = [{ name: 'Loket 1' }]) {
  const o = await seed(admin, { supervisor: false, counters, officers: counters.length });
  const officers = o.officers.map((x) => pub.as(x.token));
  const issue = async (prefix: 'A' | 'B', priority: 'regular' | 'priority' = 'regular') =>
    ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services.find((s) => s.prefix === prefix)!.id, priority }), 'ticket');
  return { o, officer: officers[0], officers, counter: o.counters[0], issue };
}

describe('API.md Counter work: open, pause, close, call-next', () => {
  it('POST /api/v1/counters/:counterId/open, /pause, /close → the counter', async () => {
    const { o, officer, counter } = await office();
    const statuses: string[] = [];
    for (const action of ['open', 'pause', 'close']) {
      const res = await officer.post<Counter>(`/counters/${counter.id}/${action}`);
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
      expect(res.body).toEqual(expect.objectContaining({ id: counter.id, name: counter.name, status: expect.any(String) }));
      const board = ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board');
      expect(board.counters.find((c) => c.counterId === counter.id)!.status).toBe(res.body.status);
      statuses.push(res.body.status!);
    }
    expect(new Set(statuses).size).toBe(3);
  });

  it('call-next → 204 when nothing waits; → 200 {ticket} now called at this counter', async () => {
    const { officer, counter, issue } = await office();
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    const none = await officer.post(`/counters/${counter.id}/call-next`);
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    const t = await issue('A');
    const res = await officer.post<Called>(`/counters/${counter.id}/call-next`);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toEqual(expect.objectContaining({ id: t.id, number: t.number, serviceId: t.serviceId, status: 'called' }));
    expect(ok(await pub.get<Tracking>(`/tracking/${t.trackingToken}`), 'tracking')).toEqual(
      expect.objectContaining({ status: 'called', counterName: counter.name }),
    );
  });

  it('call-next is 409 COUNTER_BUSY while this counter has a called or serving ticket', async () => {
    const { officer, counter, issue } = await office();
    await issue('A');
    await issue('A');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    const first = ok(await officer.post<Called>(`/counters/${counter.id}/call-next`), 'call').ticket;
    expectError(await officer.post(`/counters/${counter.id}/call-next`), 409, 'COUNTER_BUSY');
    ok(await officer.post(`/tickets/${first.id}/start`), 'start');
    expectError(await officer.post(`/counters/${counter.id}/call-next`), 409, 'COUNTER_BUSY');
    ok(await officer.post(`/tickets/${first.id}/complete`), 'complete');
    expect((await officer.post(`/counters/${counter.id}/call-next`)).status).toBe(200);
  });

  it('call-next is 409 COUNTER_CLOSED when the counter is not open', async () => {
    const { officer, counter, issue } = await office();
    await issue('A');
    expectError(await officer.post(`/counters/${counter.id}/call-next`), 409, 'COUNTER_CLOSED');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/close`), 'close');
    expectError(await officer.post(`/counters/${counter.id}/call-next`), 409, 'COUNTER_CLOSED');
  });

  it("calls priority tickets before regular ones, then by issuedAt, across services in the counter's preference order", async () => {
    const { officer, counter, issue } = await office([{ name: 'Loket 1', services: ['B', 'A'] }]);
    const a1 = await issue('A');
    await sleep(5);
    const b1 = await issue('B');
    await sleep(5);
    const a2 = await issue('A', 'priority');
    await sleep(5);
    const b2 = await issue('B');
    await sleep(5);
    const a3 = await issue('A');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    const order: string[] = [];
    for (;;) {
      const res = await officer.post<Called>(`/counters/${counter.id}/call-next`);
      if (res.status === 204) break;
      expect(res.status).toBe(200);
      order.push(res.body.ticket.number);
      ok(await officer.post(`/tickets/${res.body.ticket.id}/start`), 'start');
      ok(await officer.post(`/tickets/${res.body.ticket.id}/complete`), 'complete');
    }
    expect(order).toEqual([a2, b1, b2, a1, a3].map((t) => t.number));
  });

  it('two counters calling at the same instant never receive the same ticket, and no waiting ticket is skipped', async () => {
    const { o, officers, issue } = await office([{ name: 'Loket 1' }, { name: 'Loket 2' }]);
    const issued: Ticket[] = [];
    for (let i = 0; i < 8; i++) issued.push(await issue(i % 2 ? 'B' : 'A'));
    await Promise.all(o.counters.map((c, i) => officers[i].post(`/counters/${c.id}/open`)));
    const called: string[] = [];
    for (let round = 0; round < 4; round++) {
      const res = await Promise.all(o.counters.map((c, i) => officers[i].post<Called>(`/counters/${c.id}/call-next`)));
      expect(res.map((r) => r.status)).toEqual([200, 200]);
      expect(res[0].body.ticket.id).not.toBe(res[1].body.ticket.id);
      called.push(...res.map((r) => r.body.ticket.id));
      await Promise.all(res.map((r, i) => officers[i].post(`/tickets/${r.body.ticket.id}/no-show`)));
    }
    expect(new Set(called).size).toBe(8);
    expect([...called].sort()).toEqual(issued.map((t) => t.id).sort());
    expect(ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board').services.every((s) => s.waiting === 0)).toBe(true);
  });
});

describe('API.md Counter work: the ticket lifecycle', () => {
  it('recall → the current ticket, called again', async () => {
    const { officer, counter, issue } = await office();
    const t = await issue('A');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/call-next`), 'call');
    const res = await officer.post<Ticket>(`/counters/${counter.id}/recall`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: t.id, number: t.number, status: 'called' }));
  });

  it('start, complete, no-show, cancel → the ticket: waiting → called → serving → done; called → no_show; waiting|called → cancelled', async () => {
    const { officer, counter, issue } = await office();
    const [t1, t2, t3, t4] = [await issue('A'), await issue('A'), await issue('A'), await issue('A')];
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    const step = async (ticket: Ticket, action: string, status: string) => {
      const res = await officer.post<Ticket>(`/tickets/${ticket.id}/${action}`);
      expect({ action, status: res.status, ticket: res.body?.status }).toEqual({ action, status: 200, ticket: status });
      expect(res.body).toEqual(expect.objectContaining({ id: ticket.id, number: ticket.number }));
      expect(ok(await pub.get<Tracking>(`/tracking/${ticket.trackingToken}`), 'tracking').status).toBe(status);
    };
    // t4 cancelled while waiting.
    await step(t4, 'cancel', 'cancelled');
    expect(ok(await officer.post<Called>(`/counters/${counter.id}/call-next`), 'call').ticket.id).toBe(t1.id);
    await step(t1, 'start', 'serving');
    await step(t1, 'complete', 'done');
    expect(ok(await officer.post<Called>(`/counters/${counter.id}/call-next`), 'call').ticket.id).toBe(t2.id);
    await step(t2, 'no-show', 'no_show');
    expect(ok(await officer.post<Called>(`/counters/${counter.id}/call-next`), 'call').ticket.id).toBe(t3.id);
    await step(t3, 'cancel', 'cancelled');
    expect((await officer.post(`/counters/${counter.id}/call-next`)).status).toBe(204);
  });

  it('an illegal transition is 409 INVALID_TRANSITION and changes nothing', async () => {
    const { o, officer, counter, issue } = await office();
    const waiting = await issue('A');
    const done = await issue('A');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    // The counter calls the first ticket; keep it waiting by issuing in this order: `waiting` is called first.
    const called = ok(await officer.post<Called>(`/counters/${counter.id}/call-next`), 'call').ticket;
    expect(called.id).toBe(waiting.id);
    ok(await officer.post(`/tickets/${called.id}/start`), 'start');
    ok(await officer.post(`/tickets/${called.id}/complete`), 'complete');
    // `done` is still waiting: it cannot start, complete or be a no-show before a call.
    for (const action of ['start', 'complete', 'no-show']) expectError(await officer.post(`/tickets/${done.id}/${action}`), 409, 'INVALID_TRANSITION');
    expect(ok(await pub.get<Tracking>(`/tracking/${done.trackingToken}`), 'tracking').status).toBe('waiting');
    // A finished ticket goes nowhere.
    for (const action of ['start', 'complete', 'no-show', 'cancel'])
      expectError(await officer.post(`/tickets/${waiting.id}/${action}`), 409, 'INVALID_TRANSITION');
    expectError(await officer.post(`/tickets/${waiting.id}/transfer`, { serviceId: o.services[1].id }), 409, 'INVALID_TRANSITION');
    expect(ok(await pub.get<Tracking>(`/tracking/${waiting.trackingToken}`), 'tracking').status).toBe('done');
  });

  it('transfer {serviceId} sends a ticket back to waiting in another service, keeping its number and its original place in time', async () => {
    const { o, officers, issue } = await office([
      { name: 'Loket A', services: ['A'] },
      { name: 'Loket B', services: ['B'] },
    ]);
    const [counterA, counterB] = o.counters;
    const [officerA, officerB] = officers;
    const a1 = await issue('A');
    await sleep(5);
    const b1 = await issue('B');
    ok(await officerA.post(`/counters/${counterA.id}/open`), 'open');
    ok(await officerA.post(`/counters/${counterA.id}/call-next`), 'call');
    const res = await officerA.post<Ticket>(`/tickets/${a1.id}/transfer`, { serviceId: b1.serviceId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: a1.id, number: a1.number, status: 'waiting', serviceId: b1.serviceId }));
    // Counter B (service B only) calls the transferred A-001 before B-001, which came after it.
    ok(await officerB.post(`/counters/${counterB.id}/open`), 'open');
    const first = ok(await officerB.post<Called>(`/counters/${counterB.id}/call-next`), 'call').ticket;
    expect(first).toEqual(expect.objectContaining({ id: a1.id, number: 'A-001' }));
  });
});

describe('API.md Counter work: reading tickets and their audit trail (staff)', () => {
  it('GET /api/v1/offices/:officeId/tickets?status=&serviceId=&date= filters the tickets', async () => {
    const { o, officer, counter, issue } = await office();
    const a1 = await issue('A');
    const a2 = await issue('A');
    const b1 = await issue('B');
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/call-next`), 'call');
    const today = businessDate('Asia/Jakarta');
    const list = async (q: string) => {
      const res = await officer.get<Ticket[]>(`/offices/${o.officeId}/tickets?${q}`);
      expect(res.status).toBe(200);
      return res.body.map((t) => t.id).sort();
    };
    expect(await list(`date=${today}`)).toEqual([a1.id, a2.id, b1.id].sort());
    expect(await list(`date=${today}&status=waiting`)).toEqual([a2.id, b1.id].sort());
    expect(await list(`date=${today}&status=called`)).toEqual([a1.id]);
    expect(await list(`date=${today}&serviceId=${b1.serviceId}`)).toEqual([b1.id]);
    expect(await list(`date=${today}&status=waiting&serviceId=${a1.serviceId}`)).toEqual([a2.id]);
    expect(await list(`date=${businessDate('Asia/Jakarta', -3)}`)).toEqual([]);
    const one = ok(await officer.get<Ticket[]>(`/offices/${o.officeId}/tickets?date=${today}&status=called`), 'list')[0];
    expect(one).toEqual(expect.objectContaining({ id: a1.id, number: a1.number, serviceId: a1.serviceId, status: 'called', issuedAt: a1.issuedAt }));
  });

  it('GET /api/v1/tickets/:ticketId/events → [{at, type, actor, from, to, counterId}], append-only', async () => {
    const { officer, counter, issue } = await office();
    const t = await issue('A');
    const before = ok(await officer.get<TicketEvent[]>(`/tickets/${t.id}/events`), 'events');
    expect(before.length).toBeGreaterThanOrEqual(1);
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/call-next`), 'call');
    ok(await officer.post(`/tickets/${t.id}/start`), 'start');
    ok(await officer.post(`/tickets/${t.id}/complete`), 'complete');
    const res = await officer.get<TicketEvent[]>(`/tickets/${t.id}/events`);
    expect(res.status).toBe(200);
    for (const e of res.body) {
      expect(e).toEqual(expect.objectContaining({ at: expect.stringMatching(ISO_UTC), type: expect.any(String) }));
      for (const key of ['actor', 'from', 'to', 'counterId']) expect(e).toHaveProperty(key);
    }
    // Append-only: what was there stays as it was, in order; the new events follow.
    expect(res.body.slice(0, before.length)).toEqual(before);
    const transitions = res.body.filter((e) => e.to).map((e) => [e.from ?? null, e.to]);
    expect(transitions).toEqual(
      expect.arrayContaining([
        ['waiting', 'called'],
        ['called', 'serving'],
        ['serving', 'done'],
      ]),
    );
    const call = res.body.find((e) => e.to === 'called')!;
    expect(call.counterId).toBe(counter.id);
    const ats = res.body.map((e) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((x, y) => x - y));
  });
});
