/**
 * API.md "Fair access to scarce places", as written: per-service daily quotas by channel
 * (`quota: {online, walkIn, priority}`, `dailyTicketQuota` its walk-in alias; check-ins past the
 * walk-in quota: citizens-told.contract-spec.ts), the online quota's 409 `QUOTA_REACHED` and full
 * days, the roll-over of unbooked online places to walk-ins (`onlineRolloverAt`, `walkInRemaining`
 * on `GET .../queue`), and the scheduled release (`opensAt`, 409 `NOT_YET_RELEASED`).
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  BOOKING_CODE,
  TOKEN,
  Api,
  type Board,
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

type Quota = { online: number | null; walkIn: number | null; priority: number | null };
type QuotaService = Service & { quota: Quota; onlineRolloverAt: string | null };
type QuotaBoard = Omit<Board, 'services'> & { services: (Board['services'][number] & { walkInRemaining: number | null })[] };
type Slots = { days: { date: string; slots: { start: string; remaining: number }[] }[] };

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

async function serviceWith(body: Record<string, unknown>) {
  const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
  const service = ok(await admin.patch<QuotaService>(`/offices/${o.officeId}/services/${o.services[0].id}`, body), 'quota');
  return { o, service, serviceId: service.id };
}

const walkInRemaining = async (officeId: string, serviceId: string) =>
  ok(await pub.get<QuotaBoard>(`/offices/${officeId}/queue`), 'board').services.find((s) => s.serviceId === serviceId)?.walkInRemaining;

describe('daily quotas by channel', () => {
  it('shows a service’s quota by channel, with dailyTicketQuota as the alias of quota.walkIn', async () => {
    const { o, service } = await serviceWith({ quota: { online: 20, walkIn: 50, priority: 5 } });
    expect(service).toMatchObject({ quota: { online: 20, walkIn: 50, priority: 5 }, dailyTicketQuota: 50 });
    const aliased = ok(await admin.patch<QuotaService>(`/offices/${o.officeId}/services/${service.id}`, { dailyTicketQuota: 60 }), 'alias');
    expect(aliased.quota).toEqual({ online: 20, walkIn: 60, priority: 5 });
    const cleared = ok(await admin.patch<QuotaService>(`/offices/${o.officeId}/services/${service.id}`, { quota: { online: null } }), 'clear');
    expect(cleared.quota).toEqual({ online: null, walkIn: 60, priority: 5 });
  });

  it('refuses a quota that is not a whole number of places, and changes nothing', async () => {
    const { o, serviceId } = await serviceWith({ quota: { walkIn: 10 } });
    for (const quota of [{ walkIn: -1 }, { online: 1.5 }, { priority: 'many' }, 'ten']) {
      expectValidation(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { quota }), ['quota']);
    }
    expectValidation(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { onlineRolloverAt: '25:00' }), ['onlineRolloverAt']);
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(10);
  });

  it('holds priority walk-ins to quota.priority, regular ones to quota.walkIn, and shows the walk-in places left', async () => {
    const { o, serviceId } = await serviceWith({ quota: { walkIn: 2, priority: 1 } });
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(2);
    const issue = (priority: 'regular' | 'priority') => pub.post(`/offices/${o.officeId}/tickets`, { serviceId, priority });
    expect((await issue('priority')).status).toBe(201);
    expectError(await issue('priority'), 409, 'QUOTA_REACHED');
    expect((await issue('regular')).status).toBe(201);
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(1);
    expect((await issue('regular')).status).toBe(201);
    expectError(await issue('regular'), 409, 'QUOTA_REACHED');
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(0);
  });

  it('counts priority walk-ins against quota.walkIn when quota.priority is not set', async () => {
    const { o, serviceId } = await serviceWith({ quota: { walkIn: 1 } });
    expect((await pub.post(`/offices/${o.officeId}/tickets`, { serviceId, priority: 'priority' })).status).toBe(201);
    expectError(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId }), 409, 'QUOTA_REACHED');
  });

  it('refuses a booking past the day’s online quota with 409 QUOTA_REACHED and shows remaining 0 on every slot of that day', async () => {
    const { o, serviceId } = await serviceWith({ quota: { online: 1 }, slotCapacity: 5 });
    const day = businessDate(o.timezone, 1);
    const book = (hhmm: string, serial: number) =>
      pub.post('/appointments', { officeId: o.officeId, serviceId, start: jakartaToUtc(day, hhmm), citizen: { name: 'Warga', nik: nik(serial) } });
    expect((await book('10:00', 9101)).status).toBe(201);
    expectError(await book('11:00', 9102), 409, 'QUOTA_REACHED');
    const slots = ok(await pub.get<Slots>(`/offices/${o.officeId}/services/${serviceId}/availability?from=${day}&to=${day}`), 'availability');
    expect(slots.days[0].slots.length).toBeGreaterThan(0);
    expect(slots.days[0].slots.every((s) => s.remaining === 0)).toBe(true);
  });

  it('makes today’s unbooked online places walk-in places from onlineRolloverAt', async () => {
    // 00:00: the roll-over hour has passed whenever this runs.
    const { o, serviceId, service } = await serviceWith({ quota: { online: 3, walkIn: 1 }, onlineRolloverAt: '00:00' });
    expect(service.onlineRolloverAt).toBe('00:00');
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(4);
    ok(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { onlineRolloverAt: null }), 'no roll-over');
    expect(await walkInRemaining(o.officeId, serviceId)).toBe(1);
  });
});

describe('scheduled release', () => {
  it('lists a day not released yet with opensAt and no slots, and refuses its booking with 409 NOT_YET_RELEASED and details.opensAt', async () => {
    // Day D opens at 00:00 of D itself: the day after tomorrow is never open today, whatever the hour.
    const { o, serviceId, service } = await serviceWith({ release: { daysAhead: 0, at: '00:00' }, slotCapacity: 5 });
    expect((service as QuotaService & { release: unknown }).release).toEqual({ daysAhead: 0, at: '00:00' });
    const later = businessDate(o.timezone, 2);
    const opensAt = jakartaToUtc(later, '00:00');
    const slots = ok(
      await pub.get<Slots & { days: { opensAt?: string }[] }>(`/offices/${o.officeId}/services/${serviceId}/availability?from=${later}&to=${later}`),
      'availability',
    );
    expect(slots.days).toEqual([{ date: later, opensAt, slots: [] }]);
    const res = await pub.post('/appointments', {
      officeId: o.officeId,
      serviceId,
      start: jakartaToUtc(later, '10:00'),
      citizen: { name: 'Warga', nik: nik(9201) },
    });
    expectError(res, 409, 'NOT_YET_RELEASED');
    expect((res.body as { details?: { opensAt?: string } }).details?.opensAt).toBe(opensAt);
    // Released again when the rule is taken away.
    ok(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { release: null }), 'no release');
    const again = await pub.post('/appointments', {
      officeId: o.officeId,
      serviceId,
      start: jakartaToUtc(later, '10:00'),
      citizen: { name: 'Warga', nik: nik(9201) },
    });
    expect(again.status).toBe(201);
  });

  it('refuses a release that is not {daysAhead, at: "HH:MM"}', async () => {
    const { o, serviceId } = await serviceWith({});
    for (const release of [{ daysAhead: -1, at: '09:00' }, { daysAhead: 1, at: '9:00' }, { daysAhead: 1 }, 'tomorrow']) {
      expectValidation(await admin.patch(`/offices/${o.officeId}/services/${serviceId}`, { release }), ['release']);
    }
  });
});

describe('waitlist', () => {
  type Joined = { id: string; manageToken: string; status: string; position: number };
  type Entry = { status: string; position: number; appointment?: { code: string; manageToken: string; start: string } };

  /** An office open 09:00–10:00 with slots of 30 minutes for one: two bookings fill tomorrow. */
  async function fullTomorrow() {
    const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '09:00', close: '10:00' }));
    const o = await seed(admin, {
      supervisor: false,
      week,
      services: [{ prefix: 'A', slotMinutes: 30, slotCapacity: 1 }],
      counters: [{ name: 'Loket 1' }],
      officers: 0,
    });
    const serviceId = o.services[0].id;
    const day = businessDate(o.timezone, 1);
    const book = (hhmm: string, serial: number) =>
      pub.post<{ manageToken: string }>('/appointments', {
        officeId: o.officeId,
        serviceId,
        start: jakartaToUtc(day, hhmm),
        citizen: { name: 'Warga', nik: nik(serial) },
      });
    const join = (serial: number) =>
      pub.post<Joined>('/waitlist', { officeId: o.officeId, serviceId, date: day, citizen: { name: 'Tunggu', nik: nik(serial) } });
    return { o, serviceId, day, book, join };
  }

  it('takes a citizen for a full day only (409 PLACES_AVAILABLE), once per NIK and service (409 DUPLICATE_BOOKING)', async () => {
    const { book, join } = await fullTomorrow();
    const first = ok(await book('09:00', 9301), 'first booking', 201);
    expect(first.manageToken).toBeTruthy();
    expectError(await join(9310), 409, 'PLACES_AVAILABLE');
    ok(await book('09:30', 9302), 'second booking', 201);
    const joined = ok(await join(9310), 'join', 201);
    expect(joined).toEqual({ id: expect.any(String), manageToken: expect.stringMatching(TOKEN), status: 'waiting', position: 1 });
    expect(ok(await join(9311), 'second in line', 201).position).toBe(2);
    expectError(await join(9310), 409, 'DUPLICATE_BOOKING');
    expect(ok(await pub.get<Entry>(`/waitlist/${joined.manageToken}`), 'entry')).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('books the first in line into a freed place and shows the booking on the entry', async () => {
    const { day, book, join } = await fullTomorrow();
    const held = ok(await book('09:00', 9401), 'first booking', 201);
    ok(await book('09:30', 9402), 'second booking', 201);
    const first = ok(await join(9410), 'join', 201);
    const second = ok(await join(9411), 'join', 201);
    ok(await pub.post(`/appointments/${held.manageToken}/cancel`), 'cancel');
    const entry = ok(await pub.get<Entry>(`/waitlist/${first.manageToken}`), 'entry');
    expect(entry).toMatchObject({ status: 'booked', appointment: { code: expect.stringMatching(BOOKING_CODE), start: jakartaToUtc(day, '09:00') } });
    const booking = ok(await pub.get<{ status: string; start: string }>(`/appointments/${entry.appointment!.manageToken}`), 'its booking');
    expect(booking).toMatchObject({ status: 'booked', start: jakartaToUtc(day, '09:00') });
    expect(ok(await pub.get<Entry>(`/waitlist/${second.manageToken}`), 'next').position).toBe(1);
    expect(ok(await pub.post<Entry>(`/waitlist/${second.manageToken}/cancel`), 'cancel entry')).toMatchObject({ status: 'cancelled' });
    expectError(await pub.post(`/waitlist/${second.manageToken}/cancel`), 409, 'INVALID_TRANSITION');
  });

  it('answers an unknown entry with 404 and a bad request with 400, changing nothing', async () => {
    const { o, serviceId } = await fullTomorrow();
    expectError(await pub.get(`/waitlist/${'x'.repeat(22)}`), 404, 'NOT_FOUND');
    expectValidation(await pub.post('/waitlist', { officeId: o.officeId, serviceId, date: 'tomorrow', citizen: { name: 'Tunggu', nik: nik(9501) } }), ['date']);
    expectValidation(await pub.post('/waitlist', { officeId: o.officeId, serviceId, date: businessDate(o.timezone, 1) }), ['citizen']);
  });
});
