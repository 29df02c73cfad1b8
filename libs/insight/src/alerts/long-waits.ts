import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { OfficeAlert } from '@giliran/contracts';
import { DomainError, businessDateOf } from '@giliran/core';
import { type Office, Ticket } from '@giliran/database';
import { REDIS } from '@giliran/infra';
import { JobQueue } from '@giliran/jobs';
import { OfficeRepository } from '@giliran/offices';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

/** An alert stays open this long at most without being seen again (a watch that stopped must not silence the next day). */
const OPEN_FOR_SECONDS = 24 * 3600;

/**
 * The longest wait of an office against its `targetWaitMinutes` (issue #17 "Alerts"). The
 * supervisor's console asks for the alerts now; the watch (a maintenance job, every 30 s) opens
 * an alert when the longest wait passes the target and sends the office's webhook one message for
 * it, however many tickets wait past the target and however many processes watch. The alert
 * closes once the longest wait is back within the target; the next pass is a new alert.
 */
@Injectable()
export class LongWaits {
  private readonly prefix: string;

  constructor(
    private readonly ds: DataSource,
    private readonly offices: OfficeRepository,
    private readonly jobs: JobQueue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}long-wait:`;
  }

  /** The office's alerts now: the longest wait, when it is past the target (staff). */
  async alerts(user: StaffPrincipal, officeId: string, now = new Date()): Promise<OfficeAlert[]> {
    assertOfficeAccess(user, officeId);
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    const alert = await this.longest(office, now);
    return alert ? [alert] : [];
  }

  /** Looks at every office once: opens (and tells) and closes alerts. */
  async watch(now = new Date()): Promise<{ opened: number; closed: number }> {
    let opened = 0;
    let closed = 0;
    for (const office of await this.offices.listOffices()) {
      const alert = await this.longest(office, now);
      const key = this.prefix + office.id;
      if (!alert) {
        closed += await this.redis.del(key);
        continue;
      }
      // One alert per pass of the target: the first process to see it opens it and sends the message.
      const breach = `${office.id}:${alert.since}`;
      if ((await this.redis.set(key, breach, 'EX', OPEN_FOR_SECONDS, 'NX')) !== 'OK') continue;
      opened++;
      await this.jobs.notify('long_wait', {
        officeId: office.id,
        deliveryKey: `long_wait:${breach}`,
        alert: { number: alert.number, longestWaitMinutes: alert.longestWaitMinutes, targetWaitMinutes: alert.targetWaitMinutes },
      });
    }
    return { opened, closed };
  }

  /** The ticket of today waiting longest, when it waits past the office's target. */
  private async longest(office: Office, now: Date): Promise<OfficeAlert | null> {
    const oldest = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.number', 't.serviceId', 't.issuedAt'])
      .where('t.officeId = :officeId AND t.businessDate = :today AND t.status = :waiting', {
        officeId: office.id,
        today: businessDateOf(now, office.timezone),
        waiting: 'waiting',
      })
      .orderBy('t.issuedAt', 'ASC')
      .limit(1)
      .getOne();
    if (!oldest) return null;
    const waitedMs = now.getTime() - oldest.issuedAt.getTime();
    const targetMs = office.targetWaitMinutes * 60_000;
    if (waitedMs <= targetMs) return null;
    return {
      type: 'long_wait',
      number: oldest.number,
      serviceId: oldest.serviceId,
      longestWaitMinutes: Math.floor(waitedMs / 60_000),
      targetWaitMinutes: office.targetWaitMinutes,
      since: new Date(oldest.issuedAt.getTime() + targetMs).toISOString(),
    };
  }
}
