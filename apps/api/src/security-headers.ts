import type { AppConfig } from '@giliran/config';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
  mediaSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Third-party pages of operators (the API docs, the queue dashboard) bring inline code of their own. */
const THIRD_PARTY_PAGES = /^\/(api\/docs|admin\/queues)(\/|$|\?)/i;
const THIRD_PARTY_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data: https:; font-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const DISPLAY = /^\/display(\/|$|\?)/i;

/**
 * API.md "Security and faults": every page and answer carries `X-Content-Type-Options: nosniff`,
 * a Content-Security-Policy with `frame-ancestors 'none'` (the hall display may be framed by the
 * origins of DISPLAY_FRAME_ANCESTORS, for a signage player), and `Referrer-Policy: no-referrer`.
 * HSTS only when the request came over TLS, as a trusted proxy says (TRUST_PROXY).
 */
export async function securityHeaders(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // The socket and the API are same-origin for the UIs; integrations call with CORS (CORS_ORIGINS).
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const displayPolicy = config.displayFrameAncestors === "'none'" ? null : `frame-ancestors ${config.displayFrameAncestors}`;
  fastify.addHook('onSend', async (req: FastifyRequest, reply, payload) => {
    const path = req.url;
    if (THIRD_PARTY_PAGES.test(path)) reply.header('Content-Security-Policy', THIRD_PARTY_CSP);
    else if (displayPolicy && DISPLAY.test(path)) {
      reply.header('Content-Security-Policy', String(reply.getHeader('Content-Security-Policy') ?? '').replace("frame-ancestors 'none'", displayPolicy));
      reply.removeHeader('X-Frame-Options');
    }
    if (req.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}
