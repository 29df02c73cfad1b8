import { Injectable, Logger } from '@nestjs/common';
import { EmailChannel, type EmailMessage, WebhookChannel, type WebhookMessage } from './channels';
import { DeliveryRepository } from './delivery.repository';

export interface Delivery {
  key: string;
  officeId: string;
  kind: string;
  appointmentId?: string | null;
  ticketId?: string | null;
  /** The job that can send it again (name and ids). */
  job: { name: string; data: unknown };
}

export type Outcome = 'sent' | 'skipped';

/**
 * Sends each message at most once per delivery key: claim, send, record. A failure is recorded and
 * rethrown so BullMQ retries with backoff; on the last attempt the delivery becomes a dead letter.
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');

  constructor(
    private readonly deliveries: DeliveryRepository,
    readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
  ) {}

  async byEmail(d: Delivery, m: EmailMessage, lastAttempt: boolean): Promise<Outcome> {
    return this.deliver({ ...d, key: `${d.key}:email` }, 'email', lastAttempt, (key) => this.email.send(m, key));
  }

  async byWebhook(d: Delivery, url: string, m: WebhookMessage, lastAttempt: boolean): Promise<Outcome> {
    return this.deliver({ ...d, key: `${d.key}:webhook` }, 'webhook', lastAttempt, (key) => this.webhook.send(url, m, key));
  }

  private async deliver(d: Delivery, channel: 'email' | 'webhook', lastAttempt: boolean, send: (key: string) => Promise<void>): Promise<Outcome> {
    const claimed = await this.deliveries.claim({
      key: d.key,
      officeId: d.officeId,
      kind: d.kind,
      channel,
      appointmentId: d.appointmentId ?? null,
      ticketId: d.ticketId ?? null,
      job: JSON.stringify(d.job),
    });
    if (!claimed) return 'skipped';
    try {
      await send(d.key);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      await this.deliveries.finish(d.key, lastAttempt ? 'dead' : 'failed', message);
      if (lastAttempt) this.logger.warn(`${channel} delivery ${d.key} failed for good: ${message}`);
      throw err;
    }
    await this.deliveries.finish(d.key, 'sent');
    return 'sent';
  }
}
