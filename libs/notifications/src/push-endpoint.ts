import { DomainError } from '@giliran/core';
import ipaddr from 'ipaddr.js';
import { createECDH } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { type Resolver, isAllowedAddress, resolveAllowed } from './outbound-url';

/** What a browser's `PushSubscription.toJSON()` gives, as Giliran keeps it. */
export interface PushSubscriptionKeys {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const refused = (why: string) => new DomainError('PUSH_ENDPOINT_NOT_ALLOWED', 400, `endpoint: ${why}`);
const invalid = (why: string) => new DomainError('INVALID_PUSH_SUBSCRIPTION', 400, why);

const isLoopback = (address: string) => ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';

/**
 * Where a push message may be sent. Anyone holding a ticket's tracking link names the endpoint,
 * so it is checked like a webhook URL, and more strictly: https only, to public addresses only
 * (`resolveAllowed`). `allowLocal` (PUSH_ALLOW_LOCAL, tests and a local push service) lets
 * `http://localhost` and loopback addresses through, and nothing else of the server's network.
 */
export async function checkPushEndpoint(raw: string, allowLocal: boolean, opts: { whenSending: boolean; resolve?: Resolver }): Promise<LookupAddress[]> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('not a URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = allowLocal && (host === 'localhost' || isLoopback(host));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw refused('must be an https URL');
  let addresses: LookupAddress[];
  let unresolved = false;
  const resolve: Resolver = (name) =>
    (opts.resolve ?? systemResolver)(name).catch((err: unknown) => {
      unresolved = true;
      throw err;
    });
  try {
    addresses = await resolveAllowed(raw, { allowPrivate: allowLocal }, { whenSending: opts.whenSending, resolve });
  } catch (err) {
    // When sending, a name that does not resolve now may resolve again: a failure to retry, not a refusal.
    if (unresolved) throw new Error('the push service’s host does not resolve', { cause: err });
    if (err instanceof DomainError && err.code === 'URL_NOT_ALLOWED') throw refused('it reaches a loopback, private, link-local or metadata address');
    throw err;
  }
  if (!addresses.every((a) => isAllowedAddress(a.address, { allowPrivate: false }) || (allowLocal && isLoopback(a.address))))
    throw refused('it reaches a private address');
  return addresses;
}

const LOOKUP_TIMEOUT_MS = 3000;
const systemResolver: Resolver = (host) =>
  Promise.race([
    lookup(host, { all: true, verbatim: true }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS).unref()),
  ]);

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** One key pair to try browsers' public keys against: computeSecret refuses a point off the curve. */
const probe = createECDH('prime256v1');
probe.generateKeys();

/**
 * The keys of a subscription: `p256dh` an uncompressed P-256 public key on the curve (65 bytes),
 * `auth` a 16-byte secret, both base64url (RFC 8291). Anything else could never be encrypted to.
 */
export function checkPushKeys(keys: { p256dh: string; auth: string }): void {
  if (!BASE64URL.test(keys.p256dh) || !BASE64URL.test(keys.auth)) throw invalid('keys.p256dh and keys.auth must be base64url');
  const p256dh = Buffer.from(keys.p256dh, 'base64url');
  if (p256dh.length !== 65 || p256dh[0] !== 0x04) throw invalid('keys.p256dh must be an uncompressed P-256 public key (65 bytes)');
  try {
    probe.computeSecret(p256dh);
  } catch {
    throw invalid('keys.p256dh is not a point of P-256');
  }
  if (Buffer.from(keys.auth, 'base64url').length !== 16) throw invalid('keys.auth must be 16 bytes');
}
