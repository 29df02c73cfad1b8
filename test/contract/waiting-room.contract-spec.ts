/**
 * API.md "Fair access to scarce places", the waiting room, as written: `waitingRoom` on a service,
 * `GET /challenge` (ALTCHA), joining with `{altcha}` (400 `CHALLENGE_FAILED`), the pass's status,
 * and `X-Admission-Token` on `POST /appointments` (428 `ADMISSION_REQUIRED`, 403
 * `ADMISSION_INVALID`, one booking per admission).
 *
 * Whatever the hour: a release of tomorrow at 00:00 today, with a window of 1440 minutes, keeps
 * tomorrow "just released" all day.
 */
import { createHash } from 'node:crypto';
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Service,
  businessDate,
  expectError,
  expectValidation,
  jakartaToUtc,
  login,
  nik,
  ok,
  seed,
  startContractApp,
} from './support/contract';

jest.setTimeout(60_000);

type Challenge = { algorithm: string; challenge: string; salt: string; maxnumber: number; signature: string };
type Pass = { passToken: string; position: number; estimatedAdmitAt: string };
type PassStatus = {
  status: 'waiting' | 'admitted' | 'expired';
  position: number;
  estimatedAdmitAt: string;
  admissionToken?: string;
  admissionExpiresAt?: string;
};
type RoomService = Service & { waitingRoom: { admitPerMinute: number; admissionMinutes: number; openMinutes: number } | null };

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

/** API.md: find `number` with sha256(salt + number) in hex equal to `challenge`; send base64 of the JSON. */
function solve(c: Challenge, number?: number): string {
  let n = number ?? 0;
  while (
    number === undefined &&
    createHash('sha256')
      .update(c.salt + n)
      .digest('hex') !== c.challenge
  )
    n++;
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature })).toString('base64');
}

async function room(admitPerMinute = 600) {
  const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A', slotCapacity: 5 }], counters: [{ name: 'Loket 1' }], officers: 0 });
  const serviceId = o.services[0].id;
  const service = ok(
    await admin.patch<RoomService>(`/offices/${o.officeId}/services/${serviceId}`, {
      release: { daysAhead: 1, at: '00:00' },
      waitingRoom: { admitPerMinute, admissionMinutes: 5, openMinutes: 1440 },
    }),
    'waiting room',
  );
  const day = businessDate(o.timezone, 1);
  const challenge = async () => ok(await pub.get<Challenge>('/challenge'), 'challenge');
  const join = async (altcha?: string) =>
    pub.post<Pass>(`/offices/${o.officeId}/services/${serviceId}/waiting-room`, { altcha: altcha ?? solve(await challenge()) });
  const book = (serial: number, headers: Record<string, string> = {}, hhmm = '10:00') =>
    pub.post('/appointments', { officeId: o.officeId, serviceId, start: jakartaToUtc(day, hhmm), citizen: { name: 'Warga', nik: nik(serial) } }, headers);
  return { o, serviceId, service, challenge, join, book };
}

describe('waiting room', () => {
  it('shows the waiting room on the service and refuses one that is not {admitPerMinute, admissionMinutes, openMinutes}', async () => {
    const { o, serviceId, service } = await room();
    expect(service.waitingRoom).toEqual({ admitPerMinute: 600, admissionMinutes: 5, openMinutes: 1440 });
    for (const waitingRoom of [{ admitPerMinute: 0, admissionMinutes: 5, openMinutes: 30 }, { admitPerMinute: 10, openMinutes: 30 }, 'on']) {
      expectValidation(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { waitingRoom }), ['waitingRoom']);
    }
    const off = ok(await admin.patch<RoomService>(`/offices/${o.officeId}/services/${serviceId}`, { waitingRoom: null }), 'off');
    expect(off.waitingRoom).toBeNull();
  });

  it('gives an ALTCHA challenge whose number sha256(salt + number) finds', async () => {
    const c = ok(await pub.get<Challenge>('/challenge'), 'challenge');
    expect(c).toEqual({
      algorithm: 'SHA-256',
      challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
      salt: expect.any(String),
      maxnumber: 100000,
      signature: expect.any(String),
    });
    const { number } = JSON.parse(Buffer.from(solve(c), 'base64').toString()) as { number: number };
    expect(number).toBeGreaterThanOrEqual(0);
    expect(number).toBeLessThanOrEqual(c.maxnumber);
  });

  it('lets a solved challenge join once, and refuses a wrong or reused one with 400 CHALLENGE_FAILED', async () => {
    const { join, challenge } = await room();
    const altcha = solve(await challenge());
    const pass = ok(await join(altcha), 'join', 201);
    expect(pass).toMatchObject({ passToken: expect.any(String), position: 1, estimatedAdmitAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(pass.estimatedAdmitAt))).toBe(false);
    expectError(await join(altcha), 400, 'CHALLENGE_FAILED');
    const c = await challenge();
    const right = JSON.parse(Buffer.from(solve(c), 'base64').toString()) as { number: number };
    expectError(await join(solve(c, right.number + 1)), 400, 'CHALLENGE_FAILED');
    expectError(await join('bm90IGEgc29sdXRpb24='), 400, 'CHALLENGE_FAILED');
  });

  it('needs an admission to book the day just released: 428 without, 201 with, 403 with a used or unknown one', async () => {
    const { join, book } = await room();
    expectError(await book(9601), 428, 'ADMISSION_REQUIRED');
    const pass = ok(await join(), 'join', 201);
    const status = ok(await pub.get<PassStatus>(`/waiting-room/${pass.passToken}`), 'status');
    expect(status).toMatchObject({ status: 'admitted', admissionToken: expect.any(String), admissionExpiresAt: expect.any(String) });
    expect(Date.parse(status.admissionExpiresAt!)).toBeGreaterThan(Date.now());
    const headers = { 'X-Admission-Token': status.admissionToken! };
    expect((await book(9602, headers)).status).toBe(201);
    expectError(await book(9603, headers, '11:00'), 403, 'ADMISSION_INVALID');
    expectError(await book(9604, { 'X-Admission-Token': 'x'.repeat(40) }), 403, 'ADMISSION_INVALID');
  });

  it('admits passes in the order they joined, at admitPerMinute a minute', async () => {
    const { join } = await room(1);
    const passes: Pass[] = [];
    for (let i = 0; i < 3; i++) passes.push(ok(await join(), `join ${i}`, 201));
    // The first is admitted as it joins (the release is past); the others line up behind nobody, then it.
    expect(passes.map((p) => p.position)).toEqual([1, 1, 2]);
    const statuses = await Promise.all(passes.map(async (p) => ok(await pub.get<PassStatus>(`/waiting-room/${p.passToken}`), 'status')));
    expect(statuses.map((s) => s.status)).toEqual(['admitted', 'waiting', 'waiting']);
    expect(statuses.slice(1).map((s) => s.position)).toEqual([1, 2]);
    // One a minute: the second a minute after the first, the third a minute after that.
    const [, second, third] = statuses.map((s) => Date.parse(s.estimatedAdmitAt));
    expect(third! - second!).toBe(60_000);
    expectError(await pub.get(`/waiting-room/${'x'.repeat(40)}`), 404, 'NOT_FOUND');
  });
});
