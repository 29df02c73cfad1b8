import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { PushPayload } from '@giliran/contracts';
import { PiiCipher } from '@giliran/core';
import type { Appointment } from '@giliran/database';
import { JobName, type NotificationJob, QueueName } from '@giliran/jobs';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import { type MessageKind, renderMessage } from './messages';
import { NotificationSources } from './notification-sources';
import { Notifier, type Outcome } from './notifier';
import { PushSubscriptions } from './push-subscriptions';

type Result = { outcome: 'stale' | 'no_channel' | 'gone' } | { outcome: 'done'; sent: Outcome[] };

/** Reminders and notices to citizens. The worker only reads and sends; it owns no sockets. */
@Processor(QueueName.Notifications, { concurrency: 10 })
export class NotificationsProcessor extends WorkerHost {
  private readonly pii: PiiCipher;
  private readonly logger = new Logger('NotificationsProcessor');

  constructor(
    private readonly sources: NotificationSources,
    private readonly notifier: Notifier,
    private readonly pushSubscriptions: PushSubscriptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.pii = new PiiCipher(config.piiKey);
  }

  /**
   * A worker's own errors (Redis gone, or emptied under a job in flight: "Missing key for job")
   * are logged, never thrown: unhandled, the worker's error event would end the process.
   */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`notifications worker: ${err.message}`);
  }

  async process(job: Job<NotificationJob['data'], unknown, NotificationJob['name']>): Promise<Result> {
    const item = { name: job.name, data: job.data } as NotificationJob;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    switch (item.name) {
      case JobName.AppointmentReminder: {
        const a = await this.sources.appointment(item.data.appointmentId);
        // A job for a booking that was cancelled, checked in or moved does nothing.
        if (!a || a.status !== 'booked' || a.slotStart.toISOString() !== item.data.slotStart) return { outcome: 'stale' };
        const key = `reminder:${a.id}:${item.data.offsetMinutes}:${a.slotStart.getTime()}`;
        return this.toCitizen('reminder', a, key, item, lastAttempt);
      }
      case JobName.SendNotification: {
        const { kind } = item.data;
        if (kind === 'turn_near') return this.turnNear(item, lastAttempt);
        if (kind === 'long_wait') return this.longWait(item, lastAttempt);
        const a = item.data.appointmentId ? await this.sources.appointment(item.data.appointmentId) : null;
        if (!a || a.purgedAt) return { outcome: 'stale' };
        return this.toCitizen(kind, a, item.data.deliveryKey, item, lastAttempt);
      }
      case JobName.SendPush:
        return this.push(item, lastAttempt);
      default: {
        const unknown: never = item;
        throw new Error(`no handler for job ${String((unknown as { name: string }).name)}`);
      }
    }
  }

  private async toCitizen(kind: MessageKind, a: Appointment, key: string, job: NotificationJob, lastAttempt: boolean): Promise<Result> {
    const [office, service] = await Promise.all([this.sources.office(a.officeId), this.sources.service(a.officeId, a.serviceId)]);
    if (!office || !service) return { outcome: 'stale' };
    const email = a.emailSealed ? this.pii.decrypt(a.emailSealed) : null;
    const phone = a.phoneSealed ? this.pii.decrypt(a.phoneSealed) : null;
    const when =
      DateTime.fromJSDate(a.slotStart, { zone: office.timezone })
        .setLocale(a.locale === 'en' ? 'en-GB' : 'id-ID')
        .toFormat('cccc, d LLLL yyyy, HH.mm') + ` ${zoneAbbreviation(office.timezone)}`;
    const manageUrl = this.config.publicUrl && a.manageTokenSealed ? `${this.config.publicUrl}/manage/${this.pii.decrypt(a.manageTokenSealed)}` : undefined;
    const message = renderMessage(kind, { locale: a.locale, officeName: office.name, serviceName: service.name, when, code: a.code, manageUrl });
    const delivery = { key, officeId: a.officeId, kind, appointmentId: a.id, job: { name: job.name, data: job.data } };
    const sent: Outcome[] = [];
    const work: Promise<Outcome>[] = [];
    if (email && this.notifier.email.enabled) {
      const calendar = kind === 'cancellation' ? undefined : { filename: `giliran-${a.code}.ics`, content: this.sources.calendar(a, office, service) };
      work.push(this.notifier.byEmail(delivery, { to: email, subject: message.subject, text: message.text, calendar }, lastAttempt));
    }
    if (phone && office.webhookUrl) {
      work.push(
        this.notifier.byWebhook(
          delivery,
          office.webhookUrl,
          {
            kind,
            locale: a.locale,
            to: phone,
            text: message.text,
            officeId: office.id,
            reference: { appointmentId: a.id, code: a.code, start: a.slotStart.toISOString() },
          },
          lastAttempt,
        ),
      );
    }
    if (work.length === 0) return { outcome: 'no_channel' };
    // Every channel is tried; any failure fails the job, and the retry skips what was sent.
    const results = await Promise.allSettled(work);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const r of results) if (r.status === 'fulfilled') sent.push(r.value);
    return { outcome: 'done', sent };
  }

  /**
   * A Web Push to the browser that subscribed a ticket's page: its turn is near (while it waits),
   * then it is called (to which counter). The subscription is kept between the two and erased
   * after the call's push, when the ticket is over, or when the push service forgot it.
   */
  private async push(job: Extract<NotificationJob, { name: 'send-push' }>, lastAttempt: boolean): Promise<Result> {
    const data = job.data;
    const { officeId, ticketId } = data;
    const [ticket, office] = await Promise.all([this.sources.ticket(officeId, ticketId), this.sources.office(officeId)]);
    const stillNews = data.kind === 'turn_near' ? ticket?.status === 'waiting' : ticket?.status === 'called';
    if (!ticket || !office || !stillNews) {
      // Called before its near-turn push went out: keep the subscription for the call's push.
      if (!ticket || !office || (ticket.status !== 'waiting' && ticket.status !== 'called')) await this.pushSubscriptions.remove(ticketId);
      return { outcome: 'stale' };
    }
    const subscription = await this.pushSubscriptions.find(ticketId);
    if (!subscription) return { outcome: 'no_channel' };
    const locale = office.defaultLocale === 'en' ? 'en' : 'id';
    const facts = { locale, officeName: office.name, serviceName: '', ticketNumber: ticket.number } as const;
    const url = `/kiosk/track/${encodeURIComponent(ticket.trackingToken)}`;
    const payload: PushPayload =
      data.kind === 'turn_near'
        ? {
            type: 'ticket.near',
            number: ticket.number,
            position: data.position,
            url,
            ...titled(renderMessage('turn_near', { ...facts, position: data.position })),
            lang: locale,
          }
        : {
            type: 'ticket.called',
            number: ticket.number,
            counterName: data.counterName,
            url,
            ...titled(renderMessage('ticket_called', { ...facts, counterName: data.counterName })),
            lang: locale,
          };
    const outcome = await this.notifier
      .byPush({ key: data.deliveryKey, officeId, kind: data.kind, ticketId, job: { name: job.name, data } }, subscription, payload, lastAttempt)
      .catch(async (err: unknown) => {
        if (lastAttempt && data.kind === 'ticket_called') await this.pushSubscriptions.remove(ticketId).catch(() => undefined);
        throw err;
      });
    // After the call nothing is left to tell this browser; a forgotten subscription stays forgotten.
    if (outcome === 'gone' || data.kind === 'ticket_called') await this.pushSubscriptions.remove(ticketId);
    return outcome === 'gone' ? { outcome: 'gone' } : { outcome: 'done', sent: [outcome] };
  }

  private async turnNear(job: Extract<NotificationJob, { name: 'send-notification' }>, lastAttempt: boolean): Promise<Result> {
    const ticket = job.data.ticketId ? await this.sources.ticket(job.data.officeId, job.data.ticketId) : null;
    const office = await this.sources.office(job.data.officeId);
    if (!ticket || !ticket.phoneSealed || !office?.webhookUrl || ticket.status !== 'waiting') return { outcome: 'stale' };
    const message = renderMessage('turn_near', {
      locale: 'id',
      officeName: office.name,
      serviceName: '',
      ticketNumber: ticket.number,
      position: office.turnNearPosition,
    });
    const outcome = await this.notifier.byWebhook(
      { key: job.data.deliveryKey, officeId: office.id, kind: 'turn_near', ticketId: ticket.id, job: { name: job.name, data: job.data } },
      office.webhookUrl,
      {
        kind: 'turn_near',
        locale: 'id',
        to: this.pii.decrypt(ticket.phoneSealed),
        text: message.text,
        officeId: office.id,
        reference: { ticketId: ticket.id, number: ticket.number },
      },
      lastAttempt,
    );
    return { outcome: 'done', sent: [outcome] };
  }

  /** The office's own gateway is told its longest wait passed the target (libs/insight LongWaits: once per pass). */
  private async longWait(job: Extract<NotificationJob, { name: 'send-notification' }>, lastAttempt: boolean): Promise<Result> {
    const office = await this.sources.office(job.data.officeId);
    const alert = job.data.alert;
    if (!office?.webhookUrl || !alert) return { outcome: 'no_channel' };
    const message = renderMessage('long_wait', {
      locale: 'id',
      officeName: office.name,
      serviceName: '',
      ticketNumber: alert.number,
      waitMinutes: alert.longestWaitMinutes,
      targetMinutes: alert.targetWaitMinutes,
    });
    const outcome = await this.notifier.byWebhook(
      { key: job.data.deliveryKey, officeId: office.id, kind: 'long_wait', job: { name: job.name, data: job.data } },
      office.webhookUrl,
      { kind: 'long_wait', locale: 'id', to: null, text: message.text, officeId: office.id, reference: { ...alert } },
      lastAttempt,
    );
    return { outcome: 'done', sent: [outcome] };
  }
}

function zoneAbbreviation(zone: string): string {
  return ({ 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[zone] ?? zone;
}

/** A message's subject and text as a notification's title and body. */
function titled(m: { subject: string; text: string }): { title: string; body: string } {
  return { title: m.subject, body: m.text };
}
