import type { LoginResponse, TicketView } from '@giliran/contracts';
import { Redis } from 'ioredis';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { type IncomingHttpHeaders, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppProcess, api, freshEnvironment, seedOffice, startApp, type SeededOffice } from '../support/app-process';
import { eventually } from '../support/sinks';
import { connectQueue } from '../support/socket-client';
import { REDIS_URL } from '../support/test-env';

/**
 * Issue 14, Web Push: a tracking page subscribes its ticket, and "your turn is near" reaches the
 * browser with the page closed. The test plays the browser (its own P-256 key pair and auth
 * secret) and the push service (a local HTTP server), against the built API with its worker
 * inline, and decrypts what arrives (RFC 8291, aes128gcm) with nothing of the server's code.
 */
jest.setTimeout(120_000);

interface PushRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A push service stand-in: keeps every request; `answers` gives the statuses of a path in turn (then 201). */
async function pushService(): Promise<{ origin: string; requests: PushRequest[]; answers: Map<string, number[]>; close(): Promise<void> }> {
  const requests: PushRequest[] = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(path)?.shift() ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, answers, close: () => new Promise((r) => server.close(() => r())) };
}

/** What a browser keeps for one subscription: its key pair and auth secret. */
interface Browser {
  ecdh: ECDH;
  auth: Buffer;
  subscription(endpoint: string): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
}

function browser(): Browser {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    subscription: (endpoint) => ({ endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') } }),
  };
}

/** RFC 8291 with RFC 8188's aes128gcm, as a browser decrypts a push message (one record). */
function decrypt(b: Browser, body: Buffer): unknown {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const serverPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  expect(idlen).toBe(65);
  expect(record.length).toBeLessThanOrEqual(rs);
  const shared = b.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), b.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, b.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end]).toBe(2);
  return JSON.parse(padded.subarray(0, end).toString('utf8'));
}

/** The VAPID header (RFC 8292): `vapid t=<ES256 JWT>, k=<public key>`, signed by the key the API publishes. */
function checkVapid(headers: IncomingHttpHeaders, publicKey: string, audience: string): void {
  const m = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(String(headers.authorization));
  expect(m).not.toBeNull();
  const [, header, claims, signature, k] = m!;
  expect(k).toBe(publicKey);
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  expect(verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'ES256' });
  const jwt = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  expect(jwt.aud).toBe(audience);
  expect(jwt.sub).toMatch(/^(mailto:|https:)/);
  const now = Date.now() / 1000;
  expect(jwt.exp).toBeGreaterThan(now);
  expect(jwt.exp).toBeLessThanOrEqual(now + 24 * 3600);
}

describe('Web Push for the tracking page', () => {
  let app: AppProcess;
  let push: Awaited<ReturnType<typeof pushService>>;
  let redis: Redis;

  beforeAll(async () => {
    push = await pushService();
    redis = new Redis(REDIS_URL);
    app = await startApp({ env: { ...(await freshEnvironment('push')), PUSH_ALLOW_LOCAL: 'true', NOTIFY_RETRY_DELAY_MS: '100' } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await push?.close();
    redis?.disconnect();
  });

  const post = (token: string, body: unknown) => api<{ code?: string }>(app.baseUrl, 'POST', `/api/v1/tracking/${token}/push`, body);
  const issue = async (o: SeededOffice) =>
    (await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id })).body;
  const stored = (ticketId: string) => redis.get(`${app.env.REDIS_PREFIX}push:ticket:${ticketId}`);
  async function officerOf(o: SeededOffice): Promise<string> {
    return (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', o.officer)).body.accessToken;
  }
  async function callAndNoShow(o: SeededOffice, officer: string, times: number): Promise<string[]> {
    const called: string[] = [];
    for (let i = 0; i < times; i++) {
      const r = await api<{ ticket: { id: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${o.counters[0].id}/call-next`, undefined, officer);
      called.push(r.body.ticket.id);
      await api(app.baseUrl, 'POST', `/api/v1/tickets/${r.body.ticket.id}/no-show`, undefined, officer);
    }
    return called;
  }

  it('answers the VAPID public key', async () => {
    const a = await api<{ publicKey: string }>(app.baseUrl, 'GET', '/api/v1/push/key');
    expect(a.status).toBe(200);
    expect(Object.keys(a.body)).toEqual(['publicKey']);
    const point = Buffer.from(a.body.publicKey, 'base64url');
    expect([point.length, point[0]]).toEqual([65, 0x04]);
    // A point of P-256: a browser could subscribe with it.
    expect(() => browser().ecdh.computeSecret(point)).not.toThrow();
    expect((await api<{ publicKey: string }>(app.baseUrl, 'GET', '/api/v1/push/key')).body.publicKey).toBe(a.body.publicKey);
  });

  it('refuses bad subscriptions with a stable code, and a refusal changes nothing', async () => {
    const o = await seedOffice(app.baseUrl);
    const t = await issue(o);
    const b = browser();
    const good = b.subscription(`${push.origin}/refusals/${t.id}`);
    expect((await post(t.trackingToken, good)).status).toBe(204);
    const before = await stored(t.id);
    expect(before).toBeTruthy();

    const refused: [unknown, number, string][] = [
      [{ ...good, endpoint: 'http://push.example.org/send/1' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, endpoint: 'https://10.1.2.3/send/1' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, endpoint: 'https://169.254.169.254/latest/meta-data' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, endpoint: 'https://user:pw@push.example.org/send/1' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, endpoint: 'ftp://push.example.org/send/1' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, endpoint: 'not a url' }, 400, 'PUSH_ENDPOINT_NOT_ALLOWED'],
      [{ ...good, keys: { ...good.keys, p256dh: 'AAAA' } }, 400, 'INVALID_PUSH_SUBSCRIPTION'],
      // 65 bytes that are no point of the curve.
      [
        { ...good, keys: { ...good.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url') } },
        400,
        'INVALID_PUSH_SUBSCRIPTION',
      ],
      [{ ...good, keys: { ...good.keys, auth: randomBytes(8).toString('base64url') } }, 400, 'INVALID_PUSH_SUBSCRIPTION'],
      [{ ...good, keys: { ...good.keys, auth: 'not base64!' } }, 400, 'INVALID_PUSH_SUBSCRIPTION'],
      [{ endpoint: good.endpoint }, 400, 'VALIDATION_FAILED'],
      [{ ...good, keys: { ...good.keys, extra: 1 } }, 400, 'VALIDATION_FAILED'],
      [{ ...good, userId: 7 }, 400, 'VALIDATION_FAILED'],
      [{ ...good, endpoint: `https://push.example.org/${'x'.repeat(1000)}` }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refused) {
      const r = await post(t.trackingToken, body);
      expect({ body, status: r.status, code: r.body?.code }).toEqual({ body, status, code });
    }
    expect(await stored(t.id)).toBe(before);

    expect((await post('no-such-token-0000000000000000', good)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api(app.baseUrl, 'DELETE', '/api/v1/tracking/no-such-token-0000000000000000/push')).status).toBe(404);

    // A ticket no longer waiting has no turn left to be told of.
    const officer = await officerOf(o);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${o.counters[0].id}/open`, undefined, officer);
    await callAndNoShow(o, officer, 1);
    expect((await post(t.trackingToken, good)).body).toMatchObject({ code: 'TICKET_NOT_WAITING' });
    // Unsubscribing is always possible.
    expect((await api(app.baseUrl, 'DELETE', `/api/v1/tracking/${t.trackingToken}/push`)).status).toBe(204);
    expect(await stored(t.id)).toBeNull();
  });

  it('sends "your turn is near" once, encrypted for the browser; 410 forgets the subscription; other failures are retried', async () => {
    const o = await seedOffice(app.baseUrl);
    await api(app.baseUrl, 'PATCH', `/api/v1/offices/${o.officeId}`, { turnNearPosition: 4 }, o.adminToken);
    const { publicKey } = (await api<{ publicKey: string }>(app.baseUrl, 'GET', '/api/v1/push/key')).body;
    const tickets: TicketView[] = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(o));
    const [, t2, t3, t4, t5, t6] = tickets;
    const browsers = new Map(tickets.map((t) => [t.id, browser()]));
    const endpoint = (t: TicketView, kind: string) => `${push.origin}/${kind}/${t.id}`;
    const subscribe = async (t: TicketView, kind: string) =>
      expect((await post(t.trackingToken, browsers.get(t.id)!.subscription(endpoint(t, kind)))).status).toBe(204);

    await subscribe(t3, 'unsubscribed');
    expect((await api(app.baseUrl, 'DELETE', `/api/v1/tracking/${t3.trackingToken}/push`)).status).toBe(204);
    await subscribe(t4, 'ok');
    // A refusal after it does not touch the subscription kept.
    expect((await post(t4.trackingToken, { ...browsers.get(t4.id)!.subscription(endpoint(t4, 'ok')), keys: { p256dh: 'AAAA', auth: 'AAAA' } })).status).toBe(
      400,
    );
    await subscribe(t5, 'gone');
    push.answers.set(`/gone/${t5.id}`, [410, 201]);
    await subscribe(t6, 'flaky');
    push.answers.set(`/flaky/${t6.id}`, [500]);
    // Kept sealed: neither the endpoint nor the keys in the clear.
    const sealed = (await stored(t4.id))!;
    expect(sealed).toMatch(/^v1:/);
    for (const secret of [endpoint(t4, 'ok'), browsers.get(t4.id)!.subscription('').keys.p256dh, browsers.get(t4.id)!.subscription('').keys.auth])
      expect(sealed).not.toContain(secret);

    // The page is closed: only the ticket's room would hear ticket.near, and nobody listens but
    // this socket, which tells the position the push must carry.
    const phone = await connectQueue(app.baseUrl);
    await phone.subscribe({ trackingToken: t4.trackingToken });
    const officer = await officerOf(o);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${o.counters[0].id}/open`, undefined, officer);
    await callAndNoShow(o, officer, 2);
    const near = await phone.waitFor((r) => r.event === 'ticket.near', 10_000);
    phone.socket.disconnect();

    const at = (path: string) => push.requests.filter((r) => r.path === path);
    const [delivered] = await eventually(
      () => at(`/ok/${t4.id}`),
      (r) => r.length === 1,
      15_000,
    );
    expect(decrypt(browsers.get(t4.id)!, delivered.body)).toEqual({
      type: 'ticket.near',
      number: t4.number,
      position: (near.payload as { position: number }).position,
      url: `/kiosk/track/${t4.trackingToken}`,
      title: `Giliran Anda sudah dekat: ${t4.number}`,
      body: expect.stringContaining(`Nomor ${t4.number} di Kantor Uji`),
      lang: 'id',
    });
    expect(delivered.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', topic: t4.id.replace(/-/g, '') });
    expect(Number(delivered.headers.ttl)).toBeGreaterThanOrEqual(60);
    expect(Number(delivered.headers.ttl)).toBeLessThanOrEqual(600);
    checkVapid(delivered.headers, publicKey, push.origin);

    // A failure of the push service is retried, each time encrypted anew.
    const flaky = await eventually(
      () => at(`/flaky/${t6.id}`),
      (r) => r.length === 2,
      15_000,
    );
    expect(decrypt(browsers.get(t6.id)!, flaky[1].body)).toMatchObject({ type: 'ticket.near', number: t6.number });
    // 410: the push service forgot the subscription; so does Giliran, and sends no more.
    await eventually(
      () => at(`/gone/${t5.id}`),
      (r) => r.length === 1,
      15_000,
    );

    await new Promise((r) => setTimeout(r, 1_500));
    expect(at(`/ok/${t4.id}`)).toHaveLength(1);
    expect(at(`/flaky/${t6.id}`)).toHaveLength(2);
    expect(at(`/gone/${t5.id}`)).toHaveLength(1);
    // Nothing for the ticket that unsubscribed, nor for one that never subscribed.
    expect(push.requests.filter((r) => r.path.endsWith(t3.id) || r.path.endsWith(t2.id))).toEqual([]);
    // Gone is gone; a near-turn sent keeps the subscription for the call.
    expect(await stored(t5.id)).toBeNull();
    expect(await stored(t4.id)).not.toBeNull();

    // Called: the phone hears where to go, once (a recall is for the hall), then it is erased.
    await callAndNoShow(o, officer, 1); // t3
    const call = await api<{ ticket: { id: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${o.counters[0].id}/call-next`, undefined, officer);
    expect(call.body.ticket.id).toBe(t4.id);
    expect((await api(app.baseUrl, 'POST', `/api/v1/counters/${o.counters[0].id}/recall`, undefined, officer)).status).toBe(200);
    const [, called] = await eventually(
      () => at(`/ok/${t4.id}`),
      (r) => r.length === 2,
      15_000,
    );
    expect(decrypt(browsers.get(t4.id)!, called.body)).toEqual({
      type: 'ticket.called',
      number: t4.number,
      counterName: 'Loket 1',
      url: `/kiosk/track/${t4.trackingToken}`,
      title: `Nomor Anda dipanggil: ${t4.number}`,
      body: `Nomor ${t4.number} di ${(await api<{ name: string }>(app.baseUrl, 'GET', `/api/v1/offices/${o.officeId}`)).body.name}: silakan menuju Loket 1 sekarang.`,
      lang: 'id',
    });
    await eventually(
      () => stored(t4.id),
      (v) => v === null,
      5_000,
    );
    await api(app.baseUrl, 'POST', `/api/v1/tickets/${t4.id}/no-show`, undefined, officer);
    // t6 (its near-turn sent on the retry) is erased when its ticket is over, not before.
    expect(await stored(t6.id)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(at(`/ok/${t4.id}`)).toHaveLength(2);

    const log = async (status: string) =>
      (
        await api<{ ticketId: string; channel: string; kind: string }[]>(
          app.baseUrl,
          'GET',
          `/api/v1/offices/${o.officeId}/notifications?status=${status}`,
          undefined,
          o.adminToken,
        )
      ).body;
    expect(
      (await log('sent'))
        .filter((d) => d.channel === 'push')
        .map((d) => d.ticketId)
        .sort(),
    ).toEqual([t4.id, t4.id, t6.id].sort());
    expect((await log('dead')).filter((d) => d.channel === 'push')).toEqual([expect.objectContaining({ ticketId: t5.id, kind: 'turn_near' })]);
    // The endpoint is never logged.
    expect(app.output()).not.toContain(push.origin.replace('http://', ''));
  });
});
