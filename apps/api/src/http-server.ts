import { trustProxyFunction } from '@giliran/infra';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type IncomingMessage, STATUS_CODES, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';

/** What an answer written before Fastify's hooks carries, as every other answer does (security-headers.ts). */
const RAW_ANSWER_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/** The largest JSON body the API reads (a booking is well under 1 kB). */
export const BODY_LIMIT_BYTES = 32 * 1024;

/**
 * The HTTP server under Nest: Fastify. On this class of machine Nest on Fastify answers about
 * 2.5× the requests per second of Nest on Express with the same CPU (docs/benchmarks.md), and on
 * a release morning the API's CPU, not the database, is what runs out first.
 */
export function createHttpAdapter(trustProxy: number | string[] = ['loopback']): FastifyAdapter {
  const trust = trustProxyFunction(trustProxy);
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Whose X-Forwarded-For is believed (TRUST_PROXY: a hop count, or addresses and ranges; a
    // proxy on this machine by default): rate limits and login throttling key on the client's.
    trustProxy: trust,
    // Requests on kept-alive connections are still answered while the server closes (each with
    // `Connection: close`, see Draining), as they were under Express: a kiosk's ticket in flight
    // is not turned into a 503.
    return503OnClosing: false,
    // As Express matched: a trailing slash and the letter case of a path make no difference. A
    // path that is not valid percent-encoding is a 400 in our error body (not the router's code,
    // and without echoing the path).
    routerOptions: {
      ignoreTrailingSlash: true,
      caseSensitive: false,
      maxParamLength: 200,
      onBadUrl: (_path: string, _req: IncomingMessage, res: ServerResponse) => {
        res.statusCode = 400;
        for (const [name, value] of Object.entries(RAW_ANSWER_HEADERS)) res.setHeader(name, value);
        res.end(JSON.stringify({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'the path is not valid', fields: [] }));
      },
    },
    // A request the HTTP parser refuses (headers too large, malformed): our error body, and the
    // connection closed so that the client does not send the next request down a dead socket.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const body = JSON.stringify({
        statusCode: status,
        error: STATUS_CODES[status],
        code: status === 431 ? 'HEADERS_TOO_LARGE' : 'VALIDATION_FAILED',
        message: STATUS_CODES[status],
      });
      const headers = Object.entries(RAW_ANSWER_HEADERS)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    logger: false,
  });
}

/** Every interface, IPv6 and IPv4 alike where the machine has IPv6 (as Node's own default). */
export function listenHost(): string {
  const ipv6 = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.family === 'IPv6'));
  return ipv6 ? '::' : '0.0.0.0';
}
