import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { PushPayload } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { Inject, Injectable } from '@nestjs/common';
import type { LookupAddress } from 'node:dns';
import { generateRequestDetails } from 'web-push';
import { type Resolver, postPinned } from './outbound-url';
import { type PushSubscriptionKeys, checkPushEndpoint } from './push-endpoint';

/** A push service keeps a message this long for a phone that is offline; later it is no news. */
export const PUSH_TTL_SECONDS = 300;

/** A failed push, in words that name no endpoint, address or network error of the server's side. */
export class PushFailure extends Error {}

/** The push service no longer knows the subscription (404, 410): it is deleted, never retried. */
export class PushGone extends PushFailure {}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292): `web-push` encrypts the payload (aes128gcm,
 * RFC 8291) and signs the request; it is sent here rather than by `web-push`'s own sender, so that
 * the endpoint's host is resolved and checked at every send and the request goes to the very
 * address checked (a name may come to point inward after it was saved), as for webhooks.
 */
@Injectable()
export class PushChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get publicKey(): string {
    return this.config.vapid.publicKey;
  }

  async send(subscription: PushSubscriptionKeys, payload: PushPayload, opts: { topic?: string; timeoutMs?: number; resolve?: Resolver } = {}): Promise<void> {
    let addresses: LookupAddress[];
    try {
      addresses = await checkPushEndpoint(subscription.endpoint, this.config.pushAllowLocal, { whenSending: true, resolve: opts.resolve });
    } catch (err) {
      // Saved when it was allowed, refused now: it never will be again. A name that does not resolve may.
      throw err instanceof DomainError
        ? new PushGone('the push endpoint is no longer allowed', { cause: err })
        : new PushFailure('the push service could not be reached', { cause: err });
    }
    const details = generateRequestDetails(subscription, JSON.stringify(payload), {
      vapidDetails: this.config.vapid,
      TTL: PUSH_TTL_SECONDS,
      urgency: 'high',
      contentEncoding: 'aes128gcm',
      // A newer message for the same topic replaces one still waiting at the push service.
      ...(opts.topic ? { topic: opts.topic } : {}),
    });
    const headers = Object.fromEntries(
      Object.entries(details.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([name, value]) => [name, String(value)]),
    );
    const status = await postPinned(
      new URL(subscription.endpoint),
      { ...headers, 'user-agent': 'Giliran' },
      details.body,
      addresses[0],
      opts.timeoutMs ?? 5000,
      (timedOut) => new PushFailure(timedOut ? 'the push service did not answer in time' : 'the push service could not be reached'),
    );
    if (status === 404 || status === 410) throw new PushGone(`the push service answered ${status}: the subscription is gone`);
    if (status < 200 || status > 299) throw new PushFailure(`the push service answered ${status}`);
  }
}
