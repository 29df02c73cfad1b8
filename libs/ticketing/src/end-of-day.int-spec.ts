import { Ticket, TicketEvent } from '@giliran/database';
import { QueueName } from '@giliran/jobs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

describe('end of day', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('end-of-day', { processors: true });
  });
  afterAll(() => h.close());

  // 2026-11-27T15:30Z is 22:30 on the 27th in Jakarta (UTC+7) but 00:30 on the 28th in Jayapura (UTC+9).
  const eveningOf27 = new Date('2026-11-27T05:00:00Z');
  const instant = new Date('2026-11-27T15:30:00Z');

  async function dayWithUnfinishedTickets(timezone: string) {
    const f = await officeFixture(h, { timezone, counters: 1 });
    const serviceId = f.services[0].id;
    const waiting = await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', eveningOf27);
    const called = await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', eveningOf27);
    // Mark one as called at the counter the way call-next would have, on that earlier day.
    await h.dataSource.getRepository(Ticket).update({ id: called.id }, { status: 'called', counterId: f.counters[0].id, calledAt: eveningOf27 });
    return { f, waiting, called };
  }

  it('closes the previous business day at the office’s own midnight: waiting → cancelled, called → no_show, with audit events', async () => {
    const jayapura = await dayWithUnfinishedTickets('Asia/Jayapura');
    const jakarta = await dayWithUnfinishedTickets('Asia/Jakarta');

    expect(await h.tickets.closeDay(jayapura.f.officeId, instant)).toEqual({ closedTickets: 2 });
    expect(await h.tickets.closeDay(jakarta.f.officeId, instant)).toEqual({ closedTickets: 0 });

    const repo = h.dataSource.getRepository(Ticket);
    expect((await repo.findOneByOrFail({ id: jayapura.waiting.id })).status).toBe('cancelled');
    expect((await repo.findOneByOrFail({ id: jayapura.called.id })).status).toBe('no_show');
    expect((await repo.findOneByOrFail({ id: jakarta.waiting.id })).status).toBe('waiting');
    const events = await h.dataSource.getRepository(TicketEvent).findBy({ officeId: jayapura.f.officeId, type: 'closed_by_day_end' });
    expect(events.map((e) => `${e.fromStatus}->${e.toStatus}:${e.actor}`).sort()).toEqual(['called->no_show:system', 'waiting->cancelled:system']);
    // Closing again is a no-op.
    expect(await h.tickets.closeDay(jayapura.f.officeId, instant)).toEqual({ closedTickets: 0 });
  });

  it('registers a daily scheduler at local midnight per office and runs the job through BullMQ', async () => {
    const { f, waiting } = await dayWithUnfinishedTickets('Asia/Makassar');
    const scheduler = await h.jobs.endOfDayScheduler(f.officeId);
    expect(scheduler).toMatchObject({ pattern: '0 0 * * *', tz: 'Asia/Makassar' });

    const queue = h.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const job = await h.jobs.runEndOfDayNow(f.officeId);
    for (let i = 0; i < 100 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await queue.getJobState(job.id!)).toBe('completed');
    // "now" in the job is the real clock, so the 27th is in the past.
    expect((await h.dataSource.getRepository(Ticket).findOneByOrFail({ id: waiting.id })).status).toBe('cancelled');
  });
});
