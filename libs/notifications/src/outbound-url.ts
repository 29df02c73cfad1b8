import { DomainError } from '@giliran/core';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * Where Giliran may send a webhook. A supervisor sets the office's gateway URL; without this
 * check they could make the server call its own network (its database, Redis, a cloud's metadata
 * service) and read what answered. Refused: loopback, private, link-local, carrier-grade NAT,
 * unique-local, multicast and reserved ranges, and the metadata addresses. `allowPrivate`
 * (ALLOW_PRIVATE_WEBHOOKS) lets loopback and private ranges through, for a gateway inside the
 * office network or a test sink; link-local and metadata never.
 */
export interface OutboundPolicy {
  allowPrivate: boolean;
}

/** Ranges that may be allowed by configuration; every other non-unicast range never is. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);
/** Cloud metadata services that live outside 169.254.0.0/16. */
const METADATA = ['fd00:ec2::254', '100.100.100.200'];

/** Whether an address may be called: only public unicast, or private ranges when allowed. */
export function isAllowedAddress(address: string, policy: OutboundPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (METADATA.some((m) => ipaddr.parse(m).toString() === ip.toString())) return false;
  const range = ip.range();
  if (range === 'unicast') return true;
  return policy.allowPrivate && PRIVATE_RANGES.has(range);
}

export const urlNotAllowed = (why: string) => new DomainError('URL_NOT_ALLOWED', 400, `webhookUrl: ${why}`);

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const LOOKUP_TIMEOUT_MS = 3000;
const systemResolver: Resolver = (host) =>
  Promise.race([
    lookup(host, { all: true, verbatim: true }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS).unref()),
  ]);

/**
 * The addresses a URL's host resolves to, each checked; throws URL_NOT_ALLOWED otherwise. A
 * literal address in any spelling the URL parser accepts (`0x7f.0.0.1`, `2130706433`, `[::1]`)
 * is normalised by it first. When saved, a name that does not resolve yet is let through (it
 * is checked again at every send); when sending, it is refused.
 */
export async function resolveAllowed(rawUrl: string, policy: OutboundPolicy, opts: { whenSending: boolean; resolve?: Resolver }): Promise<LookupAddress[]> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw urlNotAllowed('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw urlNotAllowed('only http and https');
  if (url.username || url.password) throw urlNotAllowed('no credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      if (!opts.whenSending) return [];
      throw urlNotAllowed('its host does not resolve');
    }
  }
  if (!addresses.length || !addresses.every((a) => isAllowedAddress(a.address, policy))) {
    throw urlNotAllowed(
      policy.allowPrivate ? 'it resolves to a link-local or metadata address' : 'it resolves to a loopback, private, link-local or metadata address',
    );
  }
  return addresses;
}

/**
 * POST to `url` at an address already resolved and checked (keeping its name for the Host header
 * and TLS), so a second resolution cannot rebind it; resolves with the status. `failure` names a
 * network failure for the caller's channel (`timedOut`: no answer within `timeoutMs`).
 */
export function postPinned(
  url: URL,
  headers: Record<string, string>,
  body: string | Buffer,
  address: LookupAddress | undefined,
  timeoutMs: number,
  failure: (timedOut: boolean) => Error,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_host, options, callback) => {
      if (!address) return callback(new Error('no address'), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [address]);
      callback(null, address.address, address.family);
    };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', (err: NodeJS.ErrnoException) => reject(failure(err.name === 'AbortError' || err.name === 'TimeoutError')));
    req.end(body);
  });
}
