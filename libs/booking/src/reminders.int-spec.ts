import { AuditTrail } from '@giliran/audit';
import { NotificationDelivery } from '@giliran/database';
import { randomUUID } from 'node:crypto';
import { DeliveryRepository } from '@giliran/notifications';
import { JobName, QueueName, jobIds } from '@giliran/jobs';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { loseRedisState } from '../../../test/support/redis-loss';
import { eventually, smtpSink, webhookSink } from '../../../test/support/sinks';
import { uniquePrefix } from '../../../test/support/test-env';
import { MaintenanceService } from '@giliran/operations';
import { RedisLossWatch } from '@giliran/operations';
import { NotificationsController } from '@giliran/notifications';

const SECRET = 'webhook-secret-for-tests';
const nik = (n: number) => `320101150590${String(n).padStart(4, '0')}`;

describe('reminders and notifications (issue 5, real Redis)', () => {
  let h: IntHarness;
  let second: IntHarness;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  let hook: Awaited<ReturnType<typeof webhookSink>>;
  let queue: Queue;

  beforeAll(async () => {
    smtp = await smtpSink();
    hook = await webhookSink(SECRET);
    const env = {
      SMTP_URL: smtp.url,
      WEBHOOK_SECRET: SECRET,
      NOTIFY_ATTEMPTS: '3',
      NOTIFY_RETRY_DELAY_MS: '50',
      REMINDER_OFFSETS_MINUTES: '1440,120',
      ALLOW_PRIVATE_WEBHOOKS: 'true',
    };
    const redisPrefix = uniquePrefix('reminders');
    h = await createIntHarness('reminders', { processors: true, env, redisPrefix });
    // A second worker on the same queue and database.
    second = await createIntHarness('reminders', { processors: true, env, redisPrefix, varDir: h.config.varDir });
    queue = h.app.get<Queue>(getQueueToken(QueueName.Notifications));
  }, 30_000);
  afterAll(async () => {
    await second?.close();
    await h?.close();
    await Promise.all([smtp?.close(), hook?.close()]);
  });

  async function office(opts: { webhook?: boolean } = {}) {
    const f = await officeFixture(h);
    if (opts.webhook !== false) await h.offices.update(h.admin, f.officeId, { webhookUrl: hook.url });
    const serviceId = f.services[0].id;
    const at = (days: number, hour: number) => DateTime.now().setZone(f.timezone).plus({ days }).startOf('day').set({ hour }).toUTC().toISO()!;
    return { f, serviceId, at };
  }

  const delayOf = async (appointmentId: string, offset: number) => {
    const job = await queue.getJob(jobIds.reminder(appointmentId, offset));
    return job ? { delay: job.opts.delay ?? 0, due: job.timestamp + (job.opts.delay ?? 0), state: await job.getState() } : null;
  };

  it('booking schedules two delayed reminders with the expected delays; rescheduling moves them; cancelling removes them', async () => {
    const { f, serviceId, at } = await office({ webhook: false });
    const start = at(3, 9);
    const { body } = await h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: 'Warga', nik: nik(1) } }, {});
    for (const offset of [1440, 120]) {
      const job = await delayOf(body.id, offset);
      expect(job?.state).toBe('delayed');
      expect(Math.abs(job!.due - (Date.parse(start) - offset * 60_000))).toBeLessThan(5_000);
    }
    const moved = at(4, 10);
    await h.booking.reschedule(body.manageToken!, moved);
    for (const offset of [1440, 120]) expect(Math.abs((await delayOf(body.id, offset))!.due - (Date.parse(moved) - offset * 60_000))).toBeLessThan(5_000);
    await h.booking.cancel(body.manageToken!);
    expect(await delayOf(body.id, 1440)).toBeNull();
    expect(await delayOf(body.id, 120)).toBeNull();
  });

  it('skips offsets already past, and check-in removes what is left', async () => {
    const { f, serviceId, at } = await office({ webhook: false });
    const start = at(1, 2); // tomorrow 02:00: the 24 h reminder may already be past, the 2 h one is not
    const { body } = await h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: 'Warga', nik: nik(2) } }, {});
    const dueDay = Date.parse(start) - 1440 * 60_000;
    expect(Boolean(await delayOf(body.id, 1440))).toBe(dueDay > Date.now());
    expect(await delayOf(body.id, 120)).not.toBeNull();
    await h.booking.checkIn(f.officeId, body.code, new Date(Date.parse(start) - 10 * 60_000));
    expect(await delayOf(body.id, 120)).toBeNull();
  });

  it('delivers a reminder once by e-mail (with the calendar file) and once by signed webhook, whichever worker runs it', async () => {
    const { f, serviceId, at } = await office();
    const { body } = await h.booking.book(
      { officeId: f.officeId, serviceId, start: at(3, 9), citizen: { name: 'Siti', nik: nik(3), phone: '+628111000333', email: 'siti@example.org' } },
      {},
    );
    // The confirmation goes out at once on both channels.
    await eventually(
      () => hook.hooks.filter((x) => x.body.kind === 'confirmation' && (x.body.reference as { appointmentId: string }).appointmentId === body.id).length,
      (n) => n === 1,
    );
    await eventually(
      () => smtp.mails.filter((m) => m.includes(body.code) && /Booking dikonfirmasi/.test(m)).length,
      (n) => n === 1,
    );

    const job = await queue.getJob(jobIds.reminder(body.id, 120));
    await job!.promote(); // "now" instead of in three days
    await eventually(
      () => job!.getState(),
      (s) => s === 'completed',
    );
    const mine = (kind: string) => hook.hooks.filter((x) => x.body.kind === kind && (x.body.reference as { appointmentId: string }).appointmentId === body.id);
    await eventually(
      () => mine('reminder').length,
      (n) => n === 1,
    );
    expect(mine('reminder')[0]).toMatchObject({ signatureValid: true, body: { to: '+628111000333', locale: 'id' } });
    expect(mine('reminder')[0].idempotencyKey).toBe(mine('reminder')[0].body.id);
    const mail = await eventually(
      () => smtp.mails.filter((m) => m.includes(body.code) && /Pengingat/.test(m)),
      (m) => m.length === 1,
    );
    expect(mail[0]).toMatch(/text\/calendar/);
    // Running the same reminder again (a retry, a second worker) sends nothing more.
    await queue.add(JobName.AppointmentReminder, job!.data, { jobId: 'again-1' });
    await second.app.get<Queue>(getQueueToken(QueueName.Notifications)).add(JobName.AppointmentReminder, job!.data, { jobId: 'again-2' });
    await eventually(
      async () => (await queue.getJobCounts('completed')).completed,
      (n) => n >= 3,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(mine('reminder')).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.includes(body.code) && /Pengingat/.test(m))).toHaveLength(1);
  });

  it('two workers on one queue: twenty reminders, each sent exactly once', async () => {
    const { f, serviceId, at } = await office();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { body } = await h.booking.book(
        { officeId: f.officeId, serviceId, start: at(3, 8 + (i % 8)), citizen: { name: 'W', nik: nik(100 + i), phone: '+628111000100' } },
        {},
      );
      ids.push(body.id);
    }
    await Promise.all(ids.map(async (id) => (await queue.getJob(jobIds.reminder(id, 1440)))!.promote()));
    const sent = () => hook.hooks.filter((x) => x.body.kind === 'reminder' && ids.includes((x.body.reference as { appointmentId: string }).appointmentId));
    await eventually(
      () => sent().length,
      (n) => n === 20,
      15_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(sent().map((x) => x.body.id)).size).toBe(20);
    expect(sent()).toHaveLength(20);
  });

  it('a reminder for a booking no longer due does nothing', async () => {
    const { f, serviceId, at } = await office();
    const { body } = await h.booking.book(
      { officeId: f.officeId, serviceId, start: at(3, 11), citizen: { name: 'W', nik: nik(200), phone: '+628111000200' } },
      {},
    );
    const data = (await queue.getJob(jobIds.reminder(body.id, 1440)))!.data;
    await h.booking.cancel(body.manageToken!);
    const stale = await queue.add(JobName.AppointmentReminder, data, { jobId: `stale-${body.id}` });
    await eventually(
      () => stale.getState(),
      (s) => s === 'completed',
    );
    expect((await queue.getJob(stale.id!))!.returnvalue).toEqual({ outcome: 'stale' });
    expect(hook.hooks.filter((x) => x.body.kind === 'reminder' && (x.body.reference as { appointmentId: string }).appointmentId === body.id)).toHaveLength(0);
  });

  it('a failing webhook is retried with backoff, then dead-lettered; staff retry it and it is sent once', async () => {
    const { f, serviceId, at } = await office();
    hook.failing.on = true;
    try {
      const { body } = await h.booking.book(
        { officeId: f.officeId, serviceId, start: at(3, 12), citizen: { name: 'W', nik: nik(300), phone: '+628111000300' } },
        {},
      );
      const dead = await eventually(
        () => h.dataSource.getRepository(NotificationDelivery).findBy({ officeId: f.officeId, status: 'dead' }),
        (rows) => rows.length === 1,
      );
      expect(dead[0]).toMatchObject({ kind: 'confirmation', channel: 'webhook', attempts: 3, appointmentId: body.id });
      expect(dead[0].lastError).toContain('500');
      hook.failing.on = false;
      const controller = h.app.get(NotificationsController);
      expect(await controller.list(h.admin, f.officeId, { status: 'dead' })).toHaveLength(1);
      await controller.retry(h.admin, dead[0].id);
      await eventually(
        () => h.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ id: dead[0].id }),
        (d) => d.status === 'sent',
      );
      expect(
        hook.hooks.filter((x) => x.body.kind === 'confirmation' && (x.body.reference as { appointmentId: string }).appointmentId === body.id),
      ).toHaveLength(1);
      await expect(controller.retry(h.admin, dead[0].id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    } finally {
      hook.failing.on = false;
    }
  });

  it('claims a delivery once; a failed one again; one left "sending" by a dead worker only when stale', async () => {
    const repo = h.app.get(DeliveryRepository);
    const d = {
      key: `test:${Date.now()}`,
      officeId: (await office({ webhook: false })).f.officeId,
      kind: 'reminder',
      channel: 'webhook' as const,
      appointmentId: null,
      ticketId: null,
      job: '{}',
    };
    expect(await repo.claim(d, 60_000)).toBe('claimed');
    expect(await repo.claim(d, 60_000)).toBe('in_progress');
    await h.dataSource.getRepository(NotificationDelivery).update({ key: d.key }, { updatedAt: new Date(Date.now() - 120_000) });
    expect(await repo.claim(d, 60_000)).toBe('claimed'); // its sender died long ago
    await repo.finish(d.key, 'failed', 'boom');
    expect(await repo.claim(d, 60_000)).toBe('claimed');
    await repo.finish(d.key, 'sent');
    expect(await repo.claim(d, 60_000)).toBe('done');
    expect(await h.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ key: d.key })).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('retention purges personal data of old appointments and keeps the rest for statistics', async () => {
    const { f, serviceId, at } = await office({ webhook: false });
    const { body } = await h.booking.book(
      { officeId: f.officeId, serviceId, start: at(2, 9), citizen: { name: 'Lama', nik: nik(400), email: 'lama@example.org' } },
      {},
    );
    const later = new Date(Date.now() + (h.config.retentionDays + 5) * 86_400_000);
    expect((await h.app.get(MaintenanceService).purgeExpired(later)).purgedAppointments).toBeGreaterThanOrEqual(1);
    const row = await h.dataSource.getRepository('appointment').findOneByOrFail({ id: body.id });
    expect(row).toMatchObject({ nikSealed: null, nameSealed: null, emailSealed: null, manageTokenSealed: null, nikHash: 'purged', status: 'booked' });
    expect(row.purgedAt).not.toBeNull();
    // The purge is in the office's audit trail, and so are failure reasons no longer kept.
    const entries = await h.app
      .get(AuditTrail)
      .list(f.officeId, new Date(Date.now() - 86_400_000), new Date(later.getTime() + 86_400_000), 'appointment.purged');
    expect(entries.filter((e) => e.subject === `appointment:${body.id}`)).toEqual([
      expect.objectContaining({ actor: 'system', after: { retentionDays: h.config.retentionDays } }),
    ]);
  });

  it('retention clears why old deliveries failed (it may name a citizen’s address)', async () => {
    const repo = h.app.get(DeliveryRepository);
    const d = {
      key: `purge-test:${Date.now()}`,
      officeId: randomUUID(),
      kind: 'reminder',
      channel: 'email' as const,
      appointmentId: null,
      ticketId: null,
      job: '{}',
    };
    expect(await repo.claim(d, 60_000)).toBe('claimed');
    await repo.finish(d.key, 'dead', '550 <b***@example.org>: Recipient address rejected');
    await h.app.get(MaintenanceService).purgeExpired(new Date(Date.now() + (h.config.retentionDays + 1) * 86_400_000));
    expect(await h.dataSource.getRepository(NotificationDelivery).findOneByOrFail({ key: d.key })).toMatchObject({ status: 'dead', lastError: null });
  });

  it('after Redis lost its data, the reminders of booked appointments are put back, once', async () => {
    const watch = h.app.get(RedisLossWatch);
    await watch.check(); // the marker of a first start
    expect(await watch.check()).toBe(false);
    const { f, serviceId, at } = await office({ webhook: false });
    const book = async (start: string, n: number) =>
      (await h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: 'Warga', nik: nik(n) } }, {})).body;
    const later = book(at(3, 9), 500);
    const tomorrowEarly = book(at(1, 2), 501); // its 24 h reminder may be past already
    const cancelled = await book(at(3, 10), 502);
    await h.booking.cancel(cancelled.manageToken!);
    const [a, b] = [await later, await tomorrowEarly];

    // Redis restarts empty: every key of this deployment is gone, the marker too.
    await loseRedisState(h.config.redisPrefix, []);
    expect(await delayOf(a.id, 1440)).toBeNull();

    expect(await watch.check()).toBe(true);
    for (const offset of [1440, 120]) expect(Math.abs((await delayOf(a.id, offset))!.due - (Date.parse(a.start) - offset * 60_000))).toBeLessThan(5_000);
    expect(await delayOf(b.id, 120)).not.toBeNull();
    expect(Boolean(await delayOf(b.id, 1440))).toBe(Date.parse(b.start) - 1440 * 60_000 > Date.now());
    expect(await delayOf(cancelled.id, 1440)).toBeNull();
    expect(await delayOf(cancelled.id, 120)).toBeNull();
    // Once: the marker is back.
    expect(await watch.check()).toBe(false);
  });
});
