import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS } from '@giliran/infra';
import { JobQueue } from '@giliran/jobs';
import { RealtimePublisher } from '@giliran/realtime';
import { OfficeService } from '@giliran/ticketing';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MaintenanceService } from './maintenance.service';

/**
 * Redis holds state nothing else does: the job schedulers (each office's end of day, the nightly
 * purge), the delayed reminder jobs, and each office's event seq. A Redis that restarts without
 * its data (no persistence, a failover to an empty replica) has lost them, with nothing to say
 * so. A marker key, set once, tells: when it is missing, at start or whenever the connection
 * comes back, one process puts the jobs back and tells every screen to take a fresh snapshot
 * (the seqs start again from 1, below what the screens last saw). The others find the marker set.
 */
@Injectable()
export class RedisLossWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RedisLossWatch');
  private readonly marker: string;
  private readonly onReady = () => void this.check().catch((err: Error) => this.logger.warn(`could not check Redis for lost jobs: ${err.message}`));

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly offices: OfficeService,
    private readonly jobs: JobQueue,
    private readonly maintenance: MaintenanceService,
    private readonly publisher: RealtimePublisher,
  ) {
    this.marker = `${config.redisPrefix}state-since`;
  }

  onApplicationBootstrap(): void {
    this.redis.on('ready', this.onReady);
  }

  onModuleDestroy(): void {
    this.redis.off('ready', this.onReady);
  }

  /** Puts back the schedules and reminders when Redis holds none of Giliran's state; true if it did. */
  async check(now = new Date()): Promise<boolean> {
    if ((await this.redis.set(this.marker, now.toISOString(), 'NX')) !== 'OK') return false;
    try {
      await this.offices.scheduleAllEndOfDay();
      await this.jobs.scheduleRetention();
      this.publisher.resyncEveryone('redis-lost');
      const reminders = await this.maintenance.restoreReminders(now);
      this.logger.log(`Redis held no state of Giliran (a first start, or it lost its data): schedules set, ${reminders} reminder job(s) scheduled`);
      return true;
    } catch (err) {
      await this.redis.del(this.marker).catch(() => undefined); // the next check tries again
      throw err;
    }
  }
}
