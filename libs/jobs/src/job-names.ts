/**
 * Queue and job names. They are stored in Redis with every job: NEVER rename one that has
 * shipped, or jobs already scheduled are orphaned. Add new names instead.
 */
export const QueueName = Object.freeze({
  Maintenance: 'maintenance',
} as const);
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = Object.freeze({
  EndOfDay: 'end-of-day',
} as const);
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Every job's name and payload, as one union: a producer cannot send a payload a processor does not expect. */
export type JobItem = { name: typeof JobName.EndOfDay; data: { officeId: string } };

export const QUEUE_OF: { [K in JobItem['name']]: QueueName } = {
  [JobName.EndOfDay]: QueueName.Maintenance,
};

/** Deterministic ids: a retry or a second producer never makes a second job. */
export const jobIds = {
  endOfDayScheduler: (officeId: string) => `end-of-day:${officeId}`,
};
