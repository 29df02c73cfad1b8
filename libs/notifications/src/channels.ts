import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DomainError } from '@giliran/core';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { type Resolver, postPinned, resolveAllowed } from './outbound-url';
import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  calendar?: { filename: string; content: string };
}

/** E-mail over SMTP (SMTP_URL); absent configuration means no e-mail channel. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl, { from: config.smtpFrom }) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  async send(m: EmailMessage, deliveryKey: string): Promise<void> {
    if (!this.transport) throw new Error('no SMTP configured');
    await this.transport.sendMail({
      to: m.to,
      subject: m.subject,
      text: m.text,
      messageId: `<${deliveryKey.replace(/[^A-Za-z0-9.-]/g, '.')}@giliran>`,
      icalEvent: m.calendar ? { filename: m.calendar.filename, method: 'PUBLISH', content: m.calendar.content } : undefined,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

export interface WebhookMessage {
  kind: string;
  locale: 'id' | 'en';
  /** The citizen's phone; null for a notice to the office itself (`kind: "long_wait"`). */
  to: string | null;
  text: string;
  officeId: string;
  reference: Record<string, string | number | null>;
}

export const SIGNATURE_HEADER = 'x-giliran-signature';

/** `sha256=<hex HMAC of the raw body>`, keyed with WEBHOOK_SECRET: what a gateway checks. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A failed send, in words that name no address, port or network error of the server's side. */
export class WebhookFailure extends Error {}

/**
 * An HTTP webhook for SMS/WhatsApp gateways: JSON, signed, with the delivery key as idempotency
 * key so a gateway can drop a repeat; a timeout, and any non-2xx counts as a failure (retried).
 * Its host is resolved and checked at every send (a name may come to point inward after it was
 * saved), and the request goes to the very address checked, not to a second lookup's.
 */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(url: string, m: WebhookMessage, deliveryKey: string, timeoutMs = 5000, resolve?: Resolver): Promise<void> {
    const body = JSON.stringify({ id: deliveryKey, ...m, sentAt: new Date().toISOString() });
    let addresses: LookupAddress[];
    try {
      addresses = await resolveAllowed(url, { allowPrivate: this.config.allowPrivateWebhooks }, { whenSending: true, resolve });
    } catch (err) {
      throw new WebhookFailure(
        err instanceof DomainError && err.code === 'URL_NOT_ALLOWED' ? 'the gateway address is not allowed' : 'the gateway could not be reached',
      );
    }
    const headers = {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhook(this.config.webhookSecret, body),
      'idempotency-key': deliveryKey,
      'user-agent': 'Giliran',
    };
    const status = await postPinned(
      new URL(url),
      headers,
      body,
      addresses[0],
      timeoutMs,
      (timedOut) => new WebhookFailure(timedOut ? 'the gateway did not answer in time' : 'the gateway could not be reached'),
    );
    if (status < 200 || status > 299) throw new WebhookFailure(`the gateway answered ${status}`);
  }
}
