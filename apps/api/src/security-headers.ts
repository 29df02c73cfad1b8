import type { AppConfig } from '@giliran/config';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the pages and the API may load and who may frame them. The built UIs load nothing inline:
 * one module script and style sheets of their own, pictures of their own and `data:` (QR codes),
 * the socket on this same origin.
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  // The tracking page's service worker (/kiosk/sw.js, Web Push).
  workerSrc: ["'self'"],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Third-party pages of operators (the API docs, the queue dashboard) bring inline code of their own. */
const THIRD_PARTY_PAGES = /^\/(api\/docs|admin\/queues)(\/|$|\?)/i;
const THIRD_PARTY_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data: https:; font-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const DISPLAY = /^\/display(\/|$|\?)/i;

/**
 * API.md "Security and faults": every page and answer carries `X-Content-Type-Options: nosniff`,
 * a Content-Security-Policy with `frame-ancestors 'none'` (the hall display may be framed by the
 * origins of DISPLAY_FRAME_ANCESTORS, for a signage player), and `Referrer-Policy: no-referrer`.
 * HSTS only when the request came over TLS, as a trusted proxy says (TRUST_PROXY).
 *
 * The headers are helmet's, worked out once at start: they are the same for every answer, and
 * running helmet's middleware on each request cost a measurable share of the API's CPU per ticket
 * (about 0.05 ms of 0.5, bench issuance).
 */
export async function securityHeaders(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const common = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // The socket and the API are same-origin for the UIs; integrations call with CORS (CORS_ORIGINS).
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const thirdParty = { ...common, 'Content-Security-Policy': THIRD_PARTY_CSP };
  const display =
    config.displayFrameAncestors === "'none'"
      ? common
      : Object.fromEntries(
          Object.entries(common)
            .filter(([name]) => name !== 'X-Frame-Options')
            .map(([name, value]) => [
              name,
              name === 'Content-Security-Policy' ? value.replace("frame-ancestors 'none'", `frame-ancestors ${config.displayFrameAncestors}`) : value,
            ]),
        );
  fastify.addHook('onRequest', (req: FastifyRequest, reply, done) => {
    const path = req.url;
    void reply.headers(THIRD_PARTY_PAGES.test(path) ? thirdParty : DISPLAY.test(path) ? display : common);
    if (req.protocol === 'https') void reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    done();
  });
}

/** The headers helmet sets with these options, as name → value. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}
