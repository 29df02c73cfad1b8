import type { QueueBoard, StaffTicketView, TicketView } from '@giliran/contracts';
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
      const tickets = (await api<StaffTicketView[]>(second.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/tickets?serviceId=${serviceId}`, undefined, seed.adminToken)).body;
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
