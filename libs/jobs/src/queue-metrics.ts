import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { JobQueue } from './job-queue';

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/** `giliran_queue_jobs{queue,state}` in /metrics, read from BullMQ at scrape time. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(private readonly jobs: JobQueue) {}

  onModuleInit(): void {
    const existing = register.getSingleMetric('giliran_queue_jobs');
    if (existing) register.removeSingleMetric('giliran_queue_jobs');
    const jobs = this.jobs;
    new Gauge({
      name: 'giliran_queue_jobs',
      help: 'Jobs per BullMQ queue and state',
      labelNames: ['queue', 'state'],
      async collect() {
        this.reset();
        for (const queue of jobs.queues()) {
          const counts = await queue.getJobCounts(...STATES).catch(() => null);
          if (counts) for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
