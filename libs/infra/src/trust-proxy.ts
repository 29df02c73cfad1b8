import proxyaddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';

export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as a function of (address, hop): a hop count (the nearest N proxies), or the
 * addresses and ranges of the proxies whose X-Forwarded-For is believed. The HTTP server and the
 * socket gateway ask the same one, so a client has one address for every limit.
 */
export function trustProxyFunction(setting: number | string[]): TrustProxy {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

/** The client's address of a raw request (a socket's handshake), as TRUST_PROXY allows. */
export function clientAddressOf(req: IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(req, trust);
}
