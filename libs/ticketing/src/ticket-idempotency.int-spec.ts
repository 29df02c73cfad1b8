import { Ticket } from '@giliran/database';
import { randomUUID } from 'node:crypto';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

/** Idempotency-Key on walk-in tickets, and request deadlines, inside the issue batches. */
describe('issue batches: keys and deadlines', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('ticket-keys');
  });
  afterAll(() => h.close());

  const count = (officeId: string) => h.dataSource.getRepository(Ticket).countBy({ officeId });

  it('one key sent twenty times at once (one batch) gives one ticket, and every answer is it', async () => {
    const f = await officeFixture(h);
    const key = randomUUID();
    const issued = await Promise.all(
      Array.from({ length: 20 }, () => h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk', new Date(), { idempotencyKey: key })),
    );
    expect(new Set(issued.map((t) => t.id)).size).toBe(1);
    expect(await count(f.officeId)).toBe(1);
    // Keyed and unkeyed requests in one batch: each keyed once, every other its own.
    const other = randomUUID();
    const mixed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk', new Date(), i % 2 ? { idempotencyKey: other } : {}),
      ),
    );
    expect(new Set(mixed.map((t) => t.id)).size).toBe(6);
    expect(await count(f.officeId)).toBe(7);
    expect(
      mixed
        .map((t) => t.number)
        .filter((n, i, all) => all.indexOf(n) === i)
        .sort(),
    ).toEqual(['A-002', 'A-003', 'A-004', 'A-005', 'A-006', 'A-007']);
  });

  it('a request whose deadline passed while it waited for its batch gets no ticket', async () => {
    const f = await officeFixture(h);
    const late = h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk', new Date(), { deadline: Date.now() - 1 });
    await expect(late).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(await count(f.officeId)).toBe(0);
    expect((await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk')).number).toBe('A-001');
  });
});
