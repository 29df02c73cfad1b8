import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type DayCloseResult, type DayCloser, DAY_CLOSER } from './job-queue';
import { JobName, type JobItem, QueueName } from './job-names';

@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger('MaintenanceProcessor');

  constructor(@Inject(DAY_CLOSER) private readonly closer: DayCloser) {
    super();
  }

  async process(job: Job<JobItem['data'], unknown, JobItem['name']>): Promise<DayCloseResult> {
    const item = { name: job.name, data: job.data } as JobItem;
    switch (item.name) {
      case JobName.EndOfDay: {
        const result = await this.closer.closeDay(item.data.officeId, new Date());
        if (result.closedTickets) this.logger.log(`closed ${result.closedTickets} unfinished ticket(s) of office ${item.data.officeId}`);
        return result;
      }
      default: {
        const unknown: never = item.name;
        throw new Error(`no handler for job ${String(unknown)}`);
      }
    }
  }
}
