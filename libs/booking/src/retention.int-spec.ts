import { IdempotencyRecord, IdempotencyStore, NotificationDelivery, Ticket, WaitlistEntry } from '@giliran/database';
import { DeliveryRepository } from '@giliran/notifications';
import { randomBytes, randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { BookingRepository } from './booking.repository';
import { MaintenanceService } from '@giliran/operations';

const DAY = 86_400_000;

/**
 * Issue #13: the nightly purges go through what they must forget in bounded batches (their plans
 * are in query-plans.int-spec.ts), and a batch that comes back full is followed by another until
 * nothing is left.
 */
describe('retention purges, batch by batch', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('retention');
  });
  afterAll(() => h.close());

  /** `n` kiosk tickets of an office that left a phone, issued at `issuedAt`. */
  async function ticketsWithPhones(n: number, issuedAt: Date): Promise<string[]> {
    const f = await officeFixture(h);
    const service = f.services[0];
    const rows: Partial<Ticket>[] = Array.from({ length: n }, (_, i) => ({
      ...{ id: randomUUID(), officeId: f.officeId, serviceId: service.id, originServiceId: service.id, businessDate: issuedAt.toISOString().slice(0, 10) },
      ...{
        sequence: i + 1,
        number: `${service.prefix}-${String(i + 1).padStart(3, '0')}`,
        priority: 'regular',
        channel: 'kiosk',
        status: 'done',
        sortClass: 2,
      },
      ...{
        sortAt: issuedAt,
        issuedAt,
        finishedAt: issuedAt,
        recallCount: 0,
        trackingToken: randomBytes(32).toString('base64url'),
        phoneSealed: 'sealed-phone',
      },
    }));
    for (let i = 0; i < rows.length; i += 500)
      await h.dataSource
        .createQueryBuilder()
        .insert()
        .into(Ticket)
        .values(rows.slice(i, i + 500))
        .execute();
    return rows.map((r) => r.id!);
  }
  const phonesLeft = async (ids: string[]) => h.dataSource.getRepository(Ticket).countBy({ id: In(ids), phoneSealed: 'sealed-phone' });

  it('kiosk phones older than a day go, a batch at a time, and the newer stay', async () => {
    const old = await ticketsWithPhones(5, new Date(Date.now() - 2 * DAY));
    const recent = await ticketsWithPhones(1, new Date());
    const repo = h.app.get(BookingRepository);
    const batches = [];
    for (let n = -1; n !== 0;) batches.push((n = await repo.purgeTicketPhonesBefore(new Date(Date.now() - DAY), 2)));
    expect(batches.slice(0, 2)).toEqual([2, 2]);
    expect(await phonesLeft(old)).toBe(0);
    expect(await phonesLeft(recent)).toBe(1);
  });

  it('the nightly purge goes on past a full batch until no old phone is left', async () => {
    const old = await ticketsWithPhones(1_100, new Date(Date.now() - 2 * DAY));
    await h.app.get(MaintenanceService).purgeExpired(new Date());
    expect(await phonesLeft(old)).toBe(0);
  });

  it('idempotency records older than a day go a batch at a time; a newer one stays', async () => {
    const store = h.app.get(IdempotencyStore);
    const record = (createdAt: Date) => ({ key: `retention:${randomUUID()}`, requestHash: 'h', statusCode: 201, response: '{}', createdAt });
    const old = Array.from({ length: 5 }, () => record(new Date(Date.now() - 2 * DAY)));
    const recent = record(new Date());
    await h.dataSource.getRepository(IdempotencyRecord).insert([...old, recent]);
    expect(await store.purgeBefore(new Date(Date.now() - DAY), 2)).toBeGreaterThanOrEqual(5);
    expect(await h.dataSource.getRepository(IdempotencyRecord).countBy({ key: In(old.map((r) => r.key)) })).toBe(0);
    expect(await h.dataSource.getRepository(IdempotencyRecord).countBy({ key: recent.key })).toBe(1);
  });

  it('why deliveries failed is cleared past the retention a batch at a time; a newer reason stays', async () => {
    const repo = h.app.get(DeliveryRepository);
    const delivery = (updatedAt: Date) => ({
      ...{
        id: randomUUID(),
        key: `retention:${randomUUID()}`,
        officeId: randomUUID(),
        kind: 'reminder',
        channel: 'email' as const,
        appointmentId: null,
        ticketId: null,
      },
      ...{ status: 'dead' as const, attempts: 3, lastError: '550 rejected', job: '{}', createdAt: updatedAt, updatedAt },
    });
    const old = Array.from({ length: 5 }, () => delivery(new Date(Date.now() - 100 * DAY)));
    const recent = delivery(new Date());
    await h.dataSource.getRepository(NotificationDelivery).insert([...old, recent]);
    expect(await repo.purgeErrorsBefore(new Date(Date.now() - 90 * DAY), 2)).toBeGreaterThanOrEqual(5);
    const rows = await h.dataSource.getRepository(NotificationDelivery).findBy({ id: In([...old, recent].map((d) => d.id)) });
    expect(rows.filter((r) => r.lastError !== null).map((r) => r.id)).toEqual([recent.id]);
  });

  it("a waitlist entry's citizen goes once its day is over, a batch at a time; a coming day's stays", async () => {
    const f = await officeFixture(h);
    const entry = (businessDate: string) => ({
      ...{ id: randomUUID(), officeId: f.officeId, serviceId: f.services[0].id, businessDate, status: 'expired' as const, joinOrder: 1 },
      ...{ manageTokenHash: randomBytes(32).toString('hex'), nikHash: randomBytes(32).toString('hex'), activeNikKey: null, nikSealed: 'sealed' },
      ...{
        nameSealed: 'sealed',
        phoneSealed: 'sealed',
        emailSealed: null,
        locale: 'id' as const,
        appointmentId: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const over = [entry('2026-01-05'), { ...entry('2026-01-06'), joinOrder: 2 }, { ...entry('2026-01-07'), joinOrder: 3 }];
    const coming = { ...entry('2099-01-01'), status: 'waiting' as const };
    await h.dataSource.getRepository(WaitlistEntry).insert([...over, coming]);
    const repo = h.app.get(BookingRepository);
    let purged = 0;
    for (let n = await repo.purgeWaitlistBefore('2026-02-01', 2); n > 0; n = await repo.purgeWaitlistBefore('2026-02-01', 2)) purged += n;
    expect(purged).toBeGreaterThanOrEqual(3);
    const rows = await h.dataSource.getRepository(WaitlistEntry).findBy({ id: In([...over, coming].map((e) => e.id)) });
    expect(rows.filter((r) => r.nameSealed !== null).map((r) => r.id)).toEqual([coming.id]);
    expect(rows.filter((r) => r.nikHash === 'purged')).toHaveLength(3);
  });
});
