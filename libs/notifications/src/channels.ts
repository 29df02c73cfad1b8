import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
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
  to: string;
  text: string;
  officeId: string;
  reference: Record<string, string | number | null>;
}

export const SIGNATURE_HEADER = 'x-giliran-signature';

/** `sha256=<hex HMAC of the raw body>`, keyed with WEBHOOK_SECRET: what a gateway checks. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * An HTTP webhook for SMS/WhatsApp gateways: JSON, signed, with the delivery key as idempotency
 * key so a gateway can drop a repeat; a timeout, and any non-2xx counts as a failure (retried).
 */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(url: string, m: WebhookMessage, deliveryKey: string, timeoutMs = 5000): Promise<void> {
    const body = JSON.stringify({ id: deliveryKey, ...m, sentAt: new Date().toISOString() });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(this.config.webhookSecret, body), 'idempotency-key': deliveryKey, 'user-agent': 'Giliran' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}
