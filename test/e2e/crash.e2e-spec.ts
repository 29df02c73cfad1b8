import type { QueueBoard, StaffTicketView, TicketView } from '@giliran/contracts';
import { Agent, request } from 'node:http';
import { api, freshEnvironment, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(120_000);

describe('fault: the API killed with SIGKILL in the middle of a burst of issuances', () => {
  it('numbering continues with no gap and no duplicate, every answered ticket exists, the board is right', async () => {
    const env = await freshEnvironment('crash');
    const first = await startApp({ env });
    const seed = await seedOffice(first.baseUrl);
    const serviceId = seed.services[0].id;
    const path = `/api/v1/offices/${seed.officeId}/tickets`;

    const answered: TicketView[] = [];
    let failures = 0;
    let stop = false;
    // 8 kiosks issue as fast as they can; the process is killed after 60 answers.
    const kiosks = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          const res = await api<TicketView>(first.baseUrl, 'POST', path, { serviceId });
          if (res.status === 201) answered.push(res.body);
          else failures++;
        } catch {
          failures++;
          return;
        }
      }
    });
    while (answered.length < 60) await new Promise((r) => setTimeout(r, 5));
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(kiosks);
    expect(failures).toBeGreaterThan(0); // requests were in flight when it died

    const second = await startApp({ env });
    try {
      for (let i = 0; i < 5; i++) expect((await api(second.baseUrl, 'POST', path, { serviceId })).status).toBe(201);
      const tickets = (
        await api<StaffTicketView[]>(second.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/tickets?serviceId=${serviceId}`, undefined, seed.adminToken)
      ).body;
      const numbers = tickets.map((t) => t.number).sort();
      expect(numbers).toEqual(Array.from({ length: tickets.length }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`));
      const stored = new Set(tickets.map((t) => t.id));
      expect(answered.filter((t) => !stored.has(t.id))).toEqual([]);
      const board = (await api<QueueBoard>(second.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`)).body;
      expect(board.services.find((s) => s.serviceId === serviceId)?.waiting).toBe(tickets.length);
    } finally {
      await second.stop();
    }
  });
});

describe('graceful stop: SIGTERM while kiosks keep their connections busy', () => {
  it('finishes what it took, answers nothing with an error, and exits', async () => {
    const env = await freshEnvironment('drain');
    const first = await startApp({ env });
    const seed = await seedOffice(first.baseUrl);
    const serviceId = seed.services[0].id;
    const path = `/api/v1/offices/${seed.officeId}/tickets`;
    // Kept-alive connections, a request after the other, as kiosks and displays do.
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const post = () =>
      new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
        const body = JSON.stringify({ serviceId });
        const req = request(
          first.baseUrl + path,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
        req.end(body);
      });
    const answers: ({ status: number; body: string } | { error: string })[] = [];
    let stop = false;
    const kiosks = Array.from({ length: 20 }, async () => {
      while (!stop) {
        const a = await post();
        answers.push(a);
        if ('error' in a) return; // the server is gone: this kiosk would go to another replica
      }
    });
    while (answers.length < 200) await new Promise((r) => setTimeout(r, 5));
    // SIGTERM, and wait for the exit (or give up, stop the kiosks and kill it).
    const exited = await Promise.race([first.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    stop = true;
    if (!exited) await first.kill('SIGKILL');
    await Promise.all(kiosks);
    agent.destroy();

    expect(exited).toBe(true);
    const answered = answers.flatMap((a) => ('status' in a ? [a] : []));
    expect(answered.filter((a) => a.status !== 201)).toEqual([]);
    // Only connecting again failed, after the server had closed (or a reused socket it had just closed).
    expect(answers.flatMap((a) => ('error' in a ? [a.error] : [])).every((e) => ['ECONNREFUSED', 'ECONNRESET'].includes(e))).toBe(true);
    expect(first.output()).not.toMatch(/Pool is closed|ERROR/);

    const second = await startApp({ env });
    try {
      const tickets = (await api<StaffTicketView[]>(second.baseUrl, 'GET', `${path}?serviceId=${serviceId}`, undefined, seed.adminToken)).body;
      expect(tickets).toHaveLength(answered.length);
    } finally {
      await second.stop();
    }
  });
});
