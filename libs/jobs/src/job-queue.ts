import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, type JobItem, QueueName, jobIds } from './job-names';

export interface DayCloseResult {
  closedTickets: number;
  noShowAppointments?: number;
}

/** Implemented by ticketing; the processor calls it without importing ticketing. */
export interface DayCloser {
  closeDay(officeId: string, now: Date): Promise<DayCloseResult>;
}
export const DAY_CLOSER = Symbol('DAY_CLOSER');

/** The producer side: the API only enqueues. */
@Injectable()
export class JobQueue {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue<JobItem['data'], unknown, string>) {}

  /** Closes the office's day at its local midnight, every day (idempotent: an upsert). */
  async scheduleEndOfDay(officeId: string, timezone: string): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      jobIds.endOfDayScheduler(officeId),
      { pattern: '0 0 * * *', tz: timezone },
      { name: JobName.EndOfDay, data: { officeId }, opts: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 } },
    );
  }

  async endOfDayScheduler(officeId: string) {
    return this.maintenance.getJobScheduler(jobIds.endOfDayScheduler(officeId));
  }

  /** Runs the end of day now (operators, tests). */
  async runEndOfDayNow(officeId: string) {
    return this.maintenance.add(JobName.EndOfDay, { officeId }, { removeOnComplete: 100, removeOnFail: 500 });
  }
}
