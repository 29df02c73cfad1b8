/**
 * Queue and job names. They are stored in Redis with every job: NEVER rename one that has
 * shipped, or jobs already scheduled are orphaned. Add new names instead.
 */
export const QueueName = Object.freeze({
  Maintenance: 'maintenance',
  Notifications: 'notifications',
} as const);
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = Object.freeze({
  EndOfDay: 'end-of-day',
  Retention: 'retention',
  /** Every 30 s: the longest wait of each office against its target (libs/insight LongWaits). */
  WatchWaits: 'watch-waits',
  AppointmentReminder: 'appointment-reminder',
  SendNotification: 'send-notification',
  /** A Web Push message to the browser that subscribed a ticket's tracking page. */
  SendPush: 'send-push',
} as const);
export type JobName = (typeof JobName)[keyof typeof JobName];

/** What a citizen is told, besides reminders. */
export type NotificationKind = 'confirmation' | 'cancellation' | 'reschedule' | 'turn_near' | 'long_wait';

/** An office's own notice (to its gateway, about no citizen): its longest wait passed the target. */
export interface LongWaitNotice {
  number: string;
  longestWaitMinutes: number;
  targetWaitMinutes: number;
}

/** Every job's name and payload, as one union: a producer cannot send a payload a processor does not expect. */
export type JobItem =
  | { name: typeof JobName.EndOfDay; data: { officeId: string } }
  | { name: typeof JobName.Retention; data: Record<string, never> }
  | { name: typeof JobName.WatchWaits; data: Record<string, never> }
  | { name: typeof JobName.AppointmentReminder; data: { appointmentId: string; offsetMinutes: number; slotStart: string } }
  | {
      name: typeof JobName.SendNotification;
      data: { kind: NotificationKind; officeId: string; appointmentId?: string; ticketId?: string; deliveryKey: string; alert?: LongWaitNotice };
    }
  | { name: typeof JobName.SendPush; data: PushJobData };

/** A Web Push to a ticket's page: its turn is near (at `position`), or it is called (to `counterName`). */
export type PushJobData = { officeId: string; ticketId: string; deliveryKey: string } & (
  { kind: 'turn_near'; position: number } | { kind: 'ticket_called'; counterName: string }
);

export type MaintenanceJob = Extract<JobItem, { name: typeof JobName.EndOfDay | typeof JobName.Retention | typeof JobName.WatchWaits }>;
export type NotificationJob = Extract<JobItem, { name: typeof JobName.AppointmentReminder | typeof JobName.SendNotification | typeof JobName.SendPush }>;

/** Deterministic ids: a retry or a second producer never makes a second job. */
export const jobIds = {
  endOfDayScheduler: (officeId: string) => `end-of-day:${officeId}`,
  retentionScheduler: () => 'retention',
  watchWaitsScheduler: () => 'watch-waits',
  reminder: (appointmentId: string, offsetMinutes: number) => `reminder:${appointmentId}:${offsetMinutes}`,
  pushNear: (ticketId: string) => `push-near-${ticketId}`,
  pushCalled: (ticketId: string) => `push-called-${ticketId}`,
};
