import type { PushPayload } from '@giliran/contracts';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { maskContacts } from '@giliran/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EmailChannel, type EmailMessage, WebhookChannel, type WebhookMessage } from './channels';
import { DeliveryRepository } from './delivery.repository';
import { PushChannel, PushGone } from './push-channel';
import type { PushSubscriptionKeys } from './push-endpoint';

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

/** The column holds up to 10 characters; the entity's type names only the first two channels. */
type Channel = 'email' | 'webhook' | 'push';

/**
 * Sends each message once per delivery key: claim, send, record. A failure is recorded and
 * rethrown so BullMQ retries with backoff; on the last attempt the delivery becomes a dead letter.
 * A claim left by a worker that died mid-send is taken over after NOTIFY_CLAIM_TIMEOUT_MS; if that
 * worker had in fact sent it, the webhook's Idempotency-Key (the delivery key) lets the gateway
 * drop the repeat.
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');

  constructor(
    private readonly deliveries: DeliveryRepository,
    readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly push: PushChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async byEmail(d: Delivery, m: EmailMessage, lastAttempt: boolean): Promise<Outcome> {
    return this.deliver({ ...d, key: `${d.key}:email` }, 'email', lastAttempt, (key) => this.email.send(m, key));
  }

  async byWebhook(d: Delivery, url: string, m: WebhookMessage, lastAttempt: boolean): Promise<Outcome> {
    return this.deliver({ ...d, key: `${d.key}:webhook` }, 'webhook', lastAttempt, (key) => this.webhook.send(url, m, key));
  }

  /**
   * To the browser that subscribed a ticket's page. `gone`: the push service no longer knows the
   * subscription (404/410): recorded as a dead letter, not retried; the caller deletes it.
   */
  async byPush(d: Delivery, subscription: PushSubscriptionKeys, payload: PushPayload, lastAttempt: boolean): Promise<Outcome | 'gone'> {
    // The ticket's id, without dashes, is a topic of 32 base64url characters (RFC 8030 §5.4).
    const topic = d.ticketId?.replace(/-/g, '');
    return this.deliver({ ...d, key: `${d.key}:push` }, 'push', lastAttempt, () => this.push.send(subscription, payload, { topic })).catch((err: Error) => {
      if (err.cause instanceof PushGone) return 'gone' as const;
      throw err;
    });
  }

  private async deliver(d: Delivery, channel: Channel, lastAttempt: boolean, send: (key: string) => Promise<void>): Promise<Outcome> {
    const claim = await this.deliveries.claim(
      {
        key: d.key,
        officeId: d.officeId,
        kind: d.kind,
        channel,
        appointmentId: d.appointmentId ?? null,
        ticketId: d.ticketId ?? null,
        job: JSON.stringify(d.job),
      },
      this.config.notifyClaimTimeoutMs,
    );
    if (claim === 'done') return 'skipped';
    // Someone else is sending it, or died doing so: try again later, when that claim is stale.
    if (claim === 'in_progress') throw new Error(`delivery ${d.key} is being sent by another worker`);
    try {
      await send(d.key);
    } catch (err) {
      // A mail server's refusal names the address it refused: masked before it is kept, logged,
      // or handed to the queue (which keeps a failed job's reason and shows it on its dashboard).
      const message = maskContacts((err as Error).message ?? String(err));
      // A push subscription that is gone stays gone: a dead letter at once.
      const final = lastAttempt || err instanceof PushGone;
      await this.deliveries.finish(d.key, final ? 'dead' : 'failed', message);
      if (lastAttempt) this.logger.warn(`${channel} delivery ${d.key} failed for good: ${message}`);
      // The cause stays in memory: the queue keeps a failure's message and stack, not its cause.
      throw new Error(message, { cause: err });
    }
    await this.deliveries.finish(d.key, 'sent');
    return 'sent';
  }
}
