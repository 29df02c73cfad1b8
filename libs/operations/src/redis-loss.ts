import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS, stateMarkerKey } from '@giliran/infra';
import { JobQueue } from '@giliran/jobs';
import { RealtimePublisher } from '@giliran/realtime';
import { OfficeService } from '@giliran/offices';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MaintenanceService } from './maintenance.service';

/**
 * Redis holds state nothing else does: the job schedulers (each office's end of day, the nightly
 * purge), the delayed reminder jobs, and each office's event seq. A Redis that restarts without
 * its data (no persistence, a failover to an empty replica) has lost them, with nothing to say
 * so. A marker key, set once, tells: when it is missing — at start, whenever the connection
 * comes back, and every few seconds, for a FLUSHALL on a live Redis drops no connection — one
 * process puts the jobs back and tells every screen to take a fresh snapshot (the seqs start again
 * from 1, below what the screens last saw). The others find the marker set.
 *
 * Jobs refused while Redis was down (a booking's reminders) are put back the same way when it
 * answers again, from the database, even though Redis kept its data.
 */
/** How often the marker is looked at: a live flush is noticed within twice this. */
const WATCH_EVERY_MS = 4000;

@Injectable()
export class RedisLossWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RedisLossWatch');
  private readonly marker: string;
  private readonly onReady = () => void this.watch();
  private timer: NodeJS.Timeout | undefined;
  private watching = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly offices: OfficeService,
    private readonly jobs: JobQueue,
    private readonly maintenance: MaintenanceService,
    private readonly publisher: RealtimePublisher,
  ) {
    this.marker = stateMarkerKey(config.redisPrefix);
  }

  onApplicationBootstrap(): void {
    this.redis.on('ready', this.onReady);
    this.timer = setInterval(() => void this.watch(), WATCH_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    this.redis.off('ready', this.onReady);
    clearInterval(this.timer);
  }

  /** One look: Redis emptied, or jobs missed while it was down. Never two at once in a process. */
  private async watch(now = new Date()): Promise<void> {
    if (this.watching || this.redis.status !== 'ready') return;
    this.watching = true;
    let missed = false;
    try {
      if (await this.check(now)) {
        this.jobs.takeMissed();
        return;
      }
      if ((missed = this.jobs.takeMissed())) {
        await this.offices.scheduleAllEndOfDay();
        const reminders = await this.maintenance.restoreReminders(now);
        this.logger.log(`Redis answers again: jobs refused while it was down are back (${reminders} reminder job(s) checked)`);
      }
    } catch (err) {
      if (missed) this.jobs.markMissed();
      this.logger.warn(`could not check Redis for lost jobs: ${(err as Error).message}`);
    } finally {
      this.watching = false;
    }
  }

  /** Puts back the schedules and reminders when Redis holds none of Giliran's state; true if it did. */
  async check(now = new Date()): Promise<boolean> {
    if ((await this.redis.set(this.marker, now.toISOString(), 'NX')) !== 'OK') return false;
    try {
      await this.offices.scheduleAllEndOfDay();
      await this.jobs.scheduleRetention();
      await this.jobs.scheduleWaitWatch();
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
