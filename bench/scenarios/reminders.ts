import { loadConfig } from '@giliran/config';
import { RedisBreaker } from '@giliran/infra';
import { JobQueue, QueueName } from '@giliran/jobs';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { REDIS_URL, uniquePrefix } from '../../test/support/test-env';
import { median, progress, round } from '../lib/measure';
import type { Scale, ScenarioResult } from '../lib/types';

/** 5. Scheduling 100,000 reminder jobs vs raw BullMQ addBulk of the same number of delayed jobs. */
export async function reminders(scale: Scale): Promise<ScenarioResult> {
  const total = scale === 'full' ? 100_000 : 2_000;
  const rounds = scale === 'full' ? 3 : 1;
  const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
  const rawTimes: number[] = [];
  const giliranTimes: number[] = [];
  let scheduled = 0;
  for (let r = 0; r < rounds; r++) {
    const prefix = `${uniquePrefix('bench-raw')}bull`;
    const raw = new Queue('raw', { connection, prefix });
    progress(`reminders: raw addBulk round ${r + 1}/${rounds}`);
    let t = performance.now();
    for (let i = 0; i < total; i += 1000) {
      await raw.addBulk(
        Array.from({ length: Math.min(1000, total - i) }, (_, k) => ({
          name: 'reminder',
          data: { appointmentId: randomUUID(), offsetMinutes: 120 },
          opts: { jobId: `r-${i + k}`, delay: 86_400_000 },
        })),
      );
    }
    rawTimes.push(performance.now() - t);
    await raw.obliterate({ force: true });
    await raw.close();

    const gPrefix = uniquePrefix('bench-giliran');
    const config = loadConfig({
      REDIS_URL,
      REDIS_PREFIX: gPrefix,
      JWT_SECRET: 'x'.repeat(32),
      PII_KEY: '0'.repeat(64),
      WEBHOOK_SECRET: 'bench-webhook-secret',
      GILIRAN_VAR_DIR: '/tmp/giliran-bench',
    });
    const maintenance = new Queue(QueueName.Maintenance, { connection, prefix: `${gPrefix}bull` });
    const notifications = new Queue(QueueName.Notifications, { connection, prefix: `${gPrefix}bull` });
    const jobs = new JobQueue(maintenance, notifications, new RedisBreaker(), config);
    const slotStart = new Date(Date.now() + 3 * 86_400_000);
    const items = Array.from({ length: total / 2 }, () => ({ appointmentId: randomUUID(), slotStart, offsetsMinutes: [1440, 120] }));
    progress(`reminders: Giliran round ${r + 1}/${rounds}`);
    t = performance.now();
    scheduled = await jobs.scheduleRemindersBulk(items);
    giliranTimes.push(performance.now() - t);
    await notifications.obliterate({ force: true });
    await Promise.all([maintenance.close(), notifications.close()]);
  }
  const b = median(rawTimes);
  const g = median(giliranTimes);
  const fig = (ms: number, all: number[]) => ({
    ops: total,
    errors: 0,
    seconds: round(ms / 1000),
    perSecond: round(total / (ms / 1000)),
    p50: round(ms),
    p95: round(Math.max(...all)),
    p99: round(Math.max(...all)),
  });
  const ratio = round(b / g);
  return {
    name: `scheduling ${total} reminder jobs`,
    baseline: { ...fig(b, rawTimes), what: 'BullMQ addBulk, batches of 1,000 (ms for all)' },
    giliran: { ...fig(g, giliranTimes), what: 'JobQueue.scheduleRemindersBulk, 2 offsets per appointment (ms for all)' },
    ratio,
    target: '≥ 0.70 of raw addBulk throughput',
    met: ratio >= 0.7 && scheduled === total,
    checks: { scheduled },
  };
}
