import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { RedisBreaker } from '@giliran/infra';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobName, type LongWaitNotice, type MaintenanceJob, type NotificationJob, type NotificationKind, QueueName, jobIds } from './job-names';

export interface DayCloseResult {
  closedTickets: number;
  noShowAppointments?: number;
}

/** Implemented by the booking side; the maintenance processor calls it without importing it. */
export interface MaintenanceTasks {
  closeDay(officeId: string, now: Date): Promise<DayCloseResult>;
  purgeExpired(now: Date): Promise<{ purgedAppointments: number }>;
  watchWaits(now: Date): Promise<{ opened: number; closed: number }>;
}
export const MAINTENANCE_TASKS = Symbol('MAINTENANCE_TASKS');

/** How long a producer waits for a queue's Redis connection before giving up on the job. */
const READY_WAIT_MS = 1000;
/** How long a producer call may take (a Redis that hangs answers nothing, and BullMQ never gives up). */
const CALL_TIMEOUT_MS = 1000;

/**
 * The producer side: the API only enqueues. While Redis is down a job is not waited for (a
 * booking must not hang on its reminder): the call fails at once and the queue remembers that
 * something was missed, so the Redis-loss watch can put the reminders and schedules back from
 * the database when Redis answers again (job ids are deterministic: nothing is added twice).
 */
@Injectable()
export class JobQueue {
  private missed = false;

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue<MaintenanceJob['data'], unknown, string>,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue<NotificationJob['data'], unknown, string>,
    private readonly breaker: RedisBreaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True once if a job was refused because Redis was down since the last call. */
  takeMissed(): boolean {
    const missed = this.missed;
    this.missed = false;
    return missed;
  }

  /** Putting back what was missed failed: try again later. */
  markMissed(): void {
    this.missed = true;
  }

  /**
   * Runs a producer call only on a queue whose connection is up, and for a bounded time; fails
   * fast otherwise. A call that timed out may still reach Redis later: job ids are deterministic.
   */
  private async enqueue<T>(queue: Queue, call: () => Promise<T>): Promise<T> {
    const client = this.breaker.closed() ? await within(queue.getBackend().client, READY_WAIT_MS) : null;
    if (!client || client.status !== 'ready') {
      this.missed = true;
      throw new Error(`Redis is not available (queue ${queue.name}); the job is put back when it is`);
    }
    const done = await within(
      call().then((value) => ({ value })),
      CALL_TIMEOUT_MS,
    );
    if (!done) {
      this.missed = true;
      this.breaker.trip(`queue ${queue.name} did not answer`);
      throw new Error(`Redis did not answer within ${CALL_TIMEOUT_MS} ms (queue ${queue.name}); the job is put back when it does`);
    }
    return done.value;
  }

  private get retry() {
    return {
      attempts: this.config.notifyAttempts,
      backoff: { type: 'exponential' as const, delay: this.config.notifyRetryDelayMs },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    };
  }

  /** Closes the office's day at its local midnight, every day (idempotent: an upsert). */
  async scheduleEndOfDay(officeId: string, timezone: string): Promise<void> {
    await this.enqueue(this.maintenance, () =>
      this.maintenance.upsertJobScheduler(
        jobIds.endOfDayScheduler(officeId),
        { pattern: '0 0 * * *', tz: timezone },
        {
          name: JobName.EndOfDay,
          data: { officeId },
          opts: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
        },
      ),
    );
  }

  /** Purges expired personal data every night (UTC 19:00 = 02:00 in Jakarta). */
  async scheduleRetention(): Promise<void> {
    await this.enqueue(this.maintenance, () =>
      this.maintenance.upsertJobScheduler(
        jobIds.retentionScheduler(),
        { pattern: '0 19 * * *', tz: 'UTC' },
        { name: JobName.Retention, data: {}, opts: { removeOnComplete: 30, removeOnFail: 100 } },
      ),
    );
  }

  /** Looks at every office's longest wait every 30 s (idempotent: an upsert). */
  async scheduleWaitWatch(): Promise<void> {
    await this.enqueue(this.maintenance, () =>
      this.maintenance.upsertJobScheduler(
        jobIds.watchWaitsScheduler(),
        { every: 30_000 },
        { name: JobName.WatchWaits, data: {}, opts: { removeOnComplete: 10, removeOnFail: 50 } },
      ),
    );
  }

  async endOfDayScheduler(officeId: string) {
    return this.maintenance.getJobScheduler(jobIds.endOfDayScheduler(officeId));
  }

  /** Runs the end of day now (operators, tests). */
  async runEndOfDayNow(officeId: string) {
    return this.maintenance.add(JobName.EndOfDay, { officeId }, { removeOnComplete: 100, removeOnFail: 500 });
  }

  async runRetentionNow() {
    return this.maintenance.add(JobName.Retention, {}, { removeOnComplete: 30, removeOnFail: 100 });
  }

  /**
   * One delayed job per reminder offset, with a deterministic id. Offsets already past are skipped.
   * The job carries the slot it was made for: if the booking moved, a stale job does nothing.
   */
  async scheduleReminders(appointmentId: string, slotStart: Date, offsetsMinutes: readonly number[], now = new Date()): Promise<void> {
    const jobs = this.reminderItems(appointmentId, slotStart, offsetsMinutes, now);
    if (jobs.length) await this.enqueue(this.notifications, () => this.notifications.addBulk(jobs));
  }

  /**
   * Reminders for many appointments at once (a sweep after a Redis loss, a bulk import), in
   * batches of 1,000 per round trip. Same ids as scheduleReminders: what exists is not added twice.
   */
  async scheduleRemindersBulk(
    items: readonly { appointmentId: string; slotStart: Date; offsetsMinutes: readonly number[] }[],
    now = new Date(),
  ): Promise<number> {
    const jobs = items.flatMap(({ appointmentId, slotStart, offsetsMinutes }) => this.reminderItems(appointmentId, slotStart, offsetsMinutes, now));
    for (let i = 0; i < jobs.length; i += 1000) await this.enqueue(this.notifications, () => this.notifications.addBulk(jobs.slice(i, i + 1000)));
    return jobs.length;
  }

  /** An appointment's reminder jobs whose moment is still ahead, each delayed to it. */
  private reminderItems(appointmentId: string, slotStart: Date, offsetsMinutes: readonly number[], now: Date) {
    return offsetsMinutes.flatMap((offsetMinutes) => {
      const delay = slotStart.getTime() - offsetMinutes * 60_000 - now.getTime();
      if (delay <= 0) return [];
      return [
        {
          name: JobName.AppointmentReminder,
          data: { appointmentId, offsetMinutes, slotStart: slotStart.toISOString() },
          opts: { ...this.retry, jobId: jobIds.reminder(appointmentId, offsetMinutes), delay },
        },
      ];
    });
  }

  /** Removes the reminders of an appointment (cancelled, checked in, or about to move). */
  async removeReminders(appointmentId: string, offsetsMinutes: readonly number[]): Promise<void> {
    await this.enqueue(this.notifications, () =>
      Promise.all(offsetsMinutes.map((offset) => this.notifications.remove(jobIds.reminder(appointmentId, offset)))),
    );
  }

  async reminderJobs(appointmentId: string, offsetsMinutes: readonly number[]): Promise<Job[]> {
    const jobs = await Promise.all(offsetsMinutes.map((offset) => this.notifications.getJob(jobIds.reminder(appointmentId, offset))));
    return jobs.filter((j): j is Job => Boolean(j));
  }

  /** A one-off notification; its delivery key is its job id, so it is enqueued once. */
  async notify(
    kind: NotificationKind,
    data: { officeId: string; appointmentId?: string; ticketId?: string; deliveryKey: string; alert?: LongWaitNotice },
  ): Promise<void> {
    await this.enqueue(this.notifications, () =>
      this.notifications.add(JobName.SendNotification, { kind, ...data }, { ...this.retry, jobId: data.deliveryKey.replace(/:/g, '-') }),
    );
  }

  /**
   * "Your turn is near" by Web Push, to the browser that subscribed the ticket's page. Once per
   * ticket (the job id is the ticket's), with the retries of every other notification.
   */
  async pushTurnNear(data: { officeId: string; ticketId: string; position: number }): Promise<void> {
    const deliveryKey = `turn_near:${data.ticketId}`;
    await this.enqueue(this.notifications, () =>
      this.notifications.add(JobName.SendPush, { kind: 'turn_near', ...data, deliveryKey }, { ...this.retry, jobId: jobIds.pushNear(data.ticketId) }),
    );
  }

  /**
   * "Your number is called, go to <counter>" by Web Push, to a ticket's page that subscribed.
   * Once per ticket: a recall is for the hall, the phone was told at the first call.
   */
  async pushCalled(data: { officeId: string; ticketId: string; counterName: string }): Promise<void> {
    const deliveryKey = `ticket_called:${data.ticketId}`;
    await this.enqueue(this.notifications, () =>
      this.notifications.add(JobName.SendPush, { kind: 'ticket_called', ...data, deliveryKey }, { ...this.retry, jobId: jobIds.pushCalled(data.ticketId) }),
    );
  }

  /** Puts a dead-lettered notification back on the queue (staff action). */
  async retryNotification(data: NotificationJob['data'], name: NotificationJob['name']): Promise<void> {
    await this.notifications.add(name, data as never, { ...this.retry, jobId: `retry-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  }

  queues(): Queue[] {
    return [this.maintenance, this.notifications];
  }
}

/** The promise's value, or null if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
