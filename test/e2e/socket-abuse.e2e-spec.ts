import type { QueueBoard } from '@giliran/contracts';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { connectQueue } from '../support/socket-client';

jest.setTimeout(90_000);

/**
 * API.md "Realtime" and "Security and faults": ids compared without case, refused subscriptions
 * take no room, subscribing is rate-limited per socket and per address (RATE_LIMITED), and
 * sockets flooding `subscribe` do not slow the board for everyone.
 */
describe('sockets under abuse', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  beforeAll(async () => {
    app = await startApp({ env: await freshEnvironment('sockets') });
    seed = await seedOffice(app.baseUrl);
  });
  afterAll(() => app?.stop());

  it('an id in upper case subscribes to the same office and hears its events', async () => {
    const display = await connectQueue(app.baseUrl);
    const board = (await display.subscribe({ officeId: seed.officeId.toUpperCase() })) as QueueBoard;
    expect(board.officeId).toBe(seed.officeId);
    const counter = (await display.subscribe({ counterId: seed.counters[0].id.toUpperCase() })) as QueueBoard;
    expect(counter.officeId).toBe(seed.officeId);
    const issued = await api<{ number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId.toUpperCase()}/tickets`, {
      serviceId: seed.services[0].id.toUpperCase(),
    });
    expect(issued.status).toBe(201);
    await display.waitFor((r) => r.event === 'ticket.issued' && r.payload.number === issued.body.number);
    display.socket.disconnect();
  });

  it('a refused subscription takes no room: seventeen unknown offices, and the real one still subscribes', async () => {
    const display = await connectQueue(app.baseUrl);
    for (let i = 0; i < 17; i++)
      expect(await display.subscribe({ officeId: randomUUID() })).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    expect(await display.subscribe({ officeId: seed.officeId })).toHaveProperty('seq');
    display.socket.disconnect();
  });

  it('limits subscriptions per socket: RATE_LIMITED past 20 in 10 s, cut off well past it', async () => {
    const display = await connectQueue(app.baseUrl);
    const acks = [];
    for (let i = 0; i < 25; i++) acks.push(await display.subscribe({ officeId: seed.officeId }));
    expect(acks.slice(0, 20).every((a) => 'seq' in a)).toBe(true);
    expect(acks.slice(20)).toEqual(Array(5).fill({ error: { code: 'RATE_LIMITED', message: expect.any(String) } }));
    const cut = new Promise<void>((resolve) => display.socket.once('disconnect', () => resolve()));
    for (let i = 0; i < 40 && display.socket.connected; i++) display.socket.emit('subscribe', { officeId: seed.officeId }, () => undefined);
    await cut;
  });

  it('three sockets flooding subscribe do not slow the board: p99 under 100 ms', async () => {
    let flooding = true;
    let refused = 0;
    const flooder = async () => {
      while (flooding) {
        const s = io(`${app.baseUrl}/queue`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
        await new Promise<void>((resolve) => {
          s.once('connect', () => resolve());
          s.once('connect_error', () => resolve());
        });
        while (flooding && s.connected) {
          const ack = await s
            .timeout(2000)
            .emitWithAck('subscribe', { officeId: seed.officeId })
            .catch(() => null);
          if (ack && 'error' in ack) refused++;
        }
        s.disconnect();
      }
    };
    const floods = [flooder(), flooder(), flooder()];
    await new Promise((r) => setTimeout(r, 500));
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const res = await fetch(`${app.baseUrl}/api/v1/offices/${seed.officeId}/queue`);
      await res.text();
      times.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    flooding = false;
    await Promise.all(floods);
    times.sort((x, y) => x - y);
    const p99 = times[Math.floor(times.length * 0.99) - 1];
    expect(refused).toBeGreaterThan(100);
    expect(p99).toBeLessThan(100);
  });
});
