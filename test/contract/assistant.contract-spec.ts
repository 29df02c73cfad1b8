/**
 * API.md "Citizen assistant", as written: `POST /api/v1/assistant` `{message, officeId?, locale?,
 * context?: {trackingToken?, manageToken?}}` (public, rate-limited) → `{reply, intent, sources:
 * [{type, id}], suggestions: [string], links: [{label, url}]}`; and `POST /api/v1/channels/inbound`
 * `{officeId, from, text}`, signed like outgoing webhooks (`x-giliran-signature: sha256=<hex HMAC
 * of the body with WEBHOOK_SECRET>`; unsigned or badly signed: 401) → 200 `{reply}`.
 */
import { createHmac } from 'node:crypto';
import type { AppProcess } from '../support/app-process';
import { ADMIN, Api, type Ticket, expectError, expectValidation, login, ok, seed, startContractApp } from './support/contract';

jest.setTimeout(60_000);

const WEBHOOK_SECRET = 'contract-webhook-secret-0123456789abcdef';
const INTENTS = ['greeting', 'hours', 'requirements', 'queue', 'ticket_status', 'booking_status', 'book', 'faq', 'handover'];

interface Answer {
  reply: string;
  intent: string;
  sources: { type: string; id: string }[];
  suggestions: string[];
  links: { label: string; url: string }[];
}

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp({ WEBHOOK_SECRET });
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

function expectAnswer(body: Answer): void {
  expect(typeof body.reply).toBe('string');
  expect(body.reply.length).toBeGreaterThan(0);
  expect(INTENTS).toContain(body.intent);
  for (const s of body.sources) expect(s).toEqual({ type: expect.any(String), id: expect.any(String) });
  for (const s of body.suggestions) expect(typeof s).toBe('string');
  for (const l of body.links) expect(l).toEqual({ label: expect.any(String), url: expect.any(String) });
}

describe('POST /assistant', () => {
  it('answers from the office’s own data, naming its sources', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }] });
    const hours = ok(await pub.post<Answer>('/assistant', { message: 'jam berapa kantor buka?', officeId: o.officeId, locale: 'id' }), 'hours', 200);
    expectAnswer(hours);
    expect(hours.intent).toBe('hours');
    expect(hours.sources.length).toBeGreaterThan(0);

    const handover = ok(await pub.post<Answer>('/assistant', { message: 'siapa pemenang piala dunia sepak bola', officeId: o.officeId }), 'handover', 200);
    expect(handover.intent).toBe('handover');

    const faq = ok(
      await pub
        .as(o.supervisor.token)
        .post<{ id: string }>(`/offices/${o.officeId}/faqs`, { question: 'Apakah ada kantin?', answer: 'Ada, di lantai dua.', keywords: ['kantin'] }),
      'faq',
      201,
    );
    const answered = ok(await pub.post<Answer>('/assistant', { message: 'ada kantin ga?', officeId: o.officeId }), 'faq answer', 200);
    expect(answered).toMatchObject({ intent: 'faq', reply: 'Ada, di lantai dua.', sources: [{ type: 'faq', id: faq.id }] });
  });

  it('gives a ticket’s own status only through its trackingToken in context', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }] });
    const first = ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket', 201);
    const mine = ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket', 201);
    const own = ok(
      await pub.post<Answer>('/assistant', { message: 'kapan giliran saya?', officeId: o.officeId, context: { trackingToken: mine.trackingToken } }),
      'own',
      200,
    );
    expect(own.intent).toBe('ticket_status');
    expect(own.reply).toContain(mine.number);
    expect(own.reply).not.toContain(first.number);
    const blind = ok(await pub.post<Answer>('/assistant', { message: 'kapan giliran saya?', officeId: o.officeId }), 'blind', 200);
    expect(blind.intent).toBe('ticket_status');
    expect(blind.reply).not.toContain(mine.number);
  });

  it('refuses bad input with VALIDATION_FAILED and an unknown office with NOT_FOUND', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }] });
    expectValidation(await pub.post('/assistant', { officeId: o.officeId }), ['message']);
    expectValidation(await pub.post('/assistant', { message: 'x'.repeat(5000), officeId: o.officeId }), ['message']);
    expectValidation(await pub.post('/assistant', { message: 'halo', officeId: o.officeId, locale: 'fr' }), ['locale']);
    expectValidation(await pub.post('/assistant', { message: 'halo', officeId: o.officeId, mood: 'happy' }), ['mood']);
    expectError(await pub.post('/assistant', { message: 'halo', officeId: '00000000-0000-4000-8000-000000000000' }), 404, 'NOT_FOUND');
  });
});

describe('POST /channels/inbound', () => {
  const sign = (body: unknown) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(JSON.stringify(body)).digest('hex')}`;

  it('answers a signed message with the reply to send back (200), and refuses an unsigned or badly signed one (401)', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }] });
    const body = { officeId: o.officeId, from: '+6281234567890', text: 'jam brp buka?' };
    const answered = await pub.post<{ reply: string }>('/channels/inbound', body, { 'x-giliran-signature': sign(body) });
    expect(answered.status).toBe(200);
    expect(typeof answered.body.reply).toBe('string');
    expect(answered.body.reply.length).toBeGreaterThan(0);

    expect((await pub.post('/channels/inbound', body)).status).toBe(401);
    expect((await pub.post('/channels/inbound', body, { 'x-giliran-signature': sign({ ...body, text: 'other' }) })).status).toBe(401);
    expect((await pub.post('/channels/inbound', body, { 'x-giliran-signature': 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect((await pub.post('/channels/inbound', body, { 'x-giliran-signature': sign(body).replace('sha256=', '') })).status).toBe(401);
    // Not a signature: a letter outside hex (one byte more in UTF-8), or upper-case hex.
    expect((await pub.post('/channels/inbound', body, { 'x-giliran-signature': `${sign(body).slice(0, -1)}\u00e9` })).status).toBe(401);
    expect((await pub.post('/channels/inbound', body, { 'x-giliran-signature': sign(body).toUpperCase() })).status).toBe(401);
    const badBody = { officeId: o.officeId, text: 'halo' };
    expectValidation(await pub.post('/channels/inbound', badBody, { 'x-giliran-signature': sign(badBody) }), ['from']);
  });
});
