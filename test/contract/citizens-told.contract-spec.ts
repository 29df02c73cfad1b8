/**
 * API.md v1.1 "Offices and services: what citizens need to know before they come", "What citizens
 * are told" and the check-in sentences of "Booking", as written. The client knows only that text.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Appointment,
  type Availability,
  type Board,
  type Office,
  type Seeded,
  type Stats,
  type Ticket,
  type Tracking,
  businessDate,
  connectQueue,
  expectError,
  login,
  nik,
  ok,
  seed,
  sleep,
  startContractApp,
  suffix,
} from './support/contract';

jest.setTimeout(90_000);

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

const issue = async (o: Seeded, i = 0) => ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[i].id }), 'ticket');
const board = async (o: Seeded) => ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board');
const tracking = async (t: Ticket) => ok(await pub.get<Tracking & { nextOpening?: string | null }>(`/tracking/${t.trackingToken}`), 'tracking');

type OfficeFields = Office & { address?: string | null; phone?: string | null; mapUrl?: string | null; webhookUrl?: string | null; targetWaitMinutes?: number };
type ServiceFields = {
  id: string;
  description?: string | null;
  requirements?: string[];
  checkInBeforeMinutes?: number;
  checkInAfterMinutes?: number;
  sortOrder?: number;
};

describe('API.md v1.1 Offices and services: what citizens need to know before they come', () => {
  it('office address, phone and mapUrl: on create, patch and the public read; webhookUrl and targetWaitMinutes (30) staff only', async () => {
    const s = suffix();
    const created = ok(
      await admin.post<OfficeFields>('/offices', {
        code: `told-${s}`,
        name: `Kantor ${s}`,
        timezone: 'Asia/Jakarta',
        address: 'Jl. Merdeka No. 1, Bandung',
        phone: '+62 22 555 0100',
        mapUrl: 'https://maps.example.org/?q=-6.9,107.6',
      }),
      'office',
      201,
    );
    expect(created).toEqual(
      expect.objectContaining({ address: 'Jl. Merdeka No. 1, Bandung', phone: '+62 22 555 0100', mapUrl: 'https://maps.example.org/?q=-6.9,107.6' }),
    );
    const patched = ok(await admin.patch<OfficeFields>(`/offices/${created.id}`, { phone: '+62 22 555 0199', targetWaitMinutes: 45 }), 'patch');
    expect(patched).toEqual(expect.objectContaining({ phone: '+62 22 555 0199', targetWaitMinutes: 45, address: 'Jl. Merdeka No. 1, Bandung' }));
    const staffRead = ok(await admin.get<OfficeFields>(`/offices/${created.id}`), 'staff read');
    expect(staffRead.targetWaitMinutes).toBe(45);

    const publicRead = ok(await pub.get<OfficeFields>(`/offices/${created.id}`), 'public read');
    expect(publicRead).toEqual(
      expect.objectContaining({ address: 'Jl. Merdeka No. 1, Bandung', phone: '+62 22 555 0199', mapUrl: 'https://maps.example.org/?q=-6.9,107.6' }),
    );
    expect(publicRead.targetWaitMinutes).toBeUndefined();
    expect(publicRead.webhookUrl ?? null).toBeNull();

    const fresh = ok(await admin.post<OfficeFields>('/offices', { code: `told2-${s}`, name: `Kantor ${s} 2`, timezone: 'Asia/Jakarta' }), 'office', 201);
    expect(ok(await admin.get<OfficeFields>(`/offices/${fresh.id}`), 'read').targetWaitMinutes).toBe(30);
    expectError(await admin.patch(`/offices/${fresh.id}`, { mapUrl: 'javascript:alert(1)' }), 400, 'VALIDATION_FAILED');
  });

  it('service description, requirements (in order, public), checkInBeforeMinutes (30), checkInAfterMinutes (15), sortOrder', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [], officers: 0 });
    const service = o.services[0] as unknown as ServiceFields;
    expect(service).toEqual(expect.objectContaining({ checkInBeforeMinutes: 30, checkInAfterMinutes: 15, sortOrder: 0, requirements: [] }));
    const requirements = ['KTP asli', 'Fotokopi Kartu Keluarga', 'Surat pengantar RT/RW'];
    const patched = ok(
      await admin.patch<ServiceFields>(`/offices/${o.officeId}/services/${service.id}`, {
        description: 'Perekaman dan pencetakan KTP elektronik',
        requirements,
        checkInBeforeMinutes: 60,
        checkInAfterMinutes: 5,
        sortOrder: 3,
      }),
      'patch service',
    );
    expect(patched).toEqual(expect.objectContaining({ requirements, checkInBeforeMinutes: 60, checkInAfterMinutes: 5, sortOrder: 3 }));
    const publicRead = ok(await pub.get<{ services: ServiceFields[] }>(`/offices/${o.officeId}`), 'public read');
    expect(publicRead.services[0]).toEqual(expect.objectContaining({ description: 'Perekaman dan pencetakan KTP elektronik', requirements }));
    expectError(await admin.patch(`/offices/${o.officeId}/services/${service.id}`, { requirements: 'KTP' }), 400, 'VALIDATION_FAILED');
    expectError(await admin.patch(`/offices/${o.officeId}/services/${service.id}`, { checkInBeforeMinutes: -1 }), 400, 'VALIDATION_FAILED');
  });

  it('lists and boards ordered by sortOrder, then by name in natural order: Loket 2 before Loket 10', async () => {
    const o = await seed(admin, {
      supervisor: false,
      services: [
        { prefix: 'B', name: 'Layanan 10' },
        { prefix: 'A', name: 'Layanan 9' },
      ],
      counters: ['Loket 10', 'Loket 2', 'Loket 11', 'Loket 7'].map((name) => ({ name })),
      officers: 0,
    });
    const natural = ['Loket 2', 'Loket 7', 'Loket 10', 'Loket 11'];
    expect(ok(await pub.get<Office>(`/offices/${o.officeId}`), 'office').counters!.map((c) => c.name)).toEqual(natural);
    expect((await board(o)).counters.map((c) => c.name)).toEqual(natural);
    expect(ok(await admin.get<{ name: string }[]>(`/offices/${o.officeId}/counters`), 'counters').map((c) => c.name)).toEqual(natural);
    expect((await board(o)).services.map((s) => s.name)).toEqual(['Layanan 9', 'Layanan 10']);

    // sortOrder first: Loket 11 to the front, Layanan 10 before Layanan 9.
    const l11 = o.counters.find((c) => c.name === 'Loket 11')!;
    ok(await admin.patch(`/offices/${o.officeId}/counters/${l11.id}`, { sortOrder: -1 }), 'counter order');
    ok(await admin.patch(`/offices/${o.officeId}/services/${o.services.find((s) => s.prefix === 'A')!.id}`, { sortOrder: 1 }), 'service order');
    expect((await board(o)).counters.map((c) => c.name)).toEqual(['Loket 11', 'Loket 2', 'Loket 7', 'Loket 10']);
    expect((await board(o)).services.map((s) => s.name)).toEqual(['Layanan 10', 'Layanan 9']);
  });
});

describe('API.md v1.1 Offices and services: the calendar file says where and what to bring', () => {
  it('the .ics LOCATION is the office address; its description names the documents to bring', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [], officers: 0 });
    ok(await admin.patch(`/offices/${o.officeId}`, { address: 'Jl. Asia Afrika No. 8, Bandung' }), 'address');
    ok(await admin.patch(`/offices/${o.officeId}/services/${o.services[0].id}`, { requirements: ['KTP asli', 'Kartu Keluarga'] }), 'requirements');
    const date = businessDate('Asia/Jakarta', 1);
    const a = ok(await pub.get<Availability>(`/offices/${o.officeId}/services/${o.services[0].id}/availability?from=${date}&to=${date}`), 'availability');
    const booked = ok(
      await pub.post<Appointment>('/appointments', {
        officeId: o.officeId,
        serviceId: o.services[0].id,
        start: a.days[0].slots[0].start,
        citizen: { name: 'Siti Aminah', nik: nik(7100) },
      }),
      'book',
      201,
    );
    const ics = await pub.get(`/appointments/${booked.manageToken}/calendar.ics`);
    expect(ics.status).toBe(200);
    const unfolded = ics.text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/LOCATION:Jl\. Asia Afrika No\. 8\\, Bandung/);
    expect(unfolded).toContain('KTP asli\\, Kartu Keluarga');
  });
});

describe('API.md v1.1 What citizens are told', () => {
  it('a new counter starts closed; estimatedWaitMinutes is null on ticket, tracking and board while no open counter serves the service', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }] });
    expect(o.counters[0].status ?? 'closed').toBe('closed');
    expect((await board(o)).counters[0].status).toBe('closed');
    await issue(o);
    const second = await issue(o);
    expect(second.estimatedWaitMinutes).toBeNull();
    expect((await tracking(second)).estimatedWaitMinutes).toBeNull();
    expect((await board(o)).services[0].estimatedWaitMinutes).toBeNull();
    // The office is open all day: it does not open "later that day".
    expect((await tracking(second)).nextOpening ?? null).toBeNull();

    ok(await pub.as(o.officers[0].token).post(`/counters/${o.counters[0].id}/open`), 'open');
    expect((await tracking(second)).estimatedWaitMinutes).toEqual(expect.any(Number));
    expect((await board(o)).services[0].estimatedWaitMinutes).toEqual(expect.any(Number));
  });

  it('POST /tickets/:id/complete from called; the service time counts from the call', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }] });
    const officer = pub.as(o.officers[0].token);
    const t = await issue(o);
    ok(await officer.post(`/counters/${o.counters[0].id}/open`), 'open');
    ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call');
    await sleep(2_100);
    const done = ok(await officer.post<Ticket>(`/tickets/${t.id}/complete`), 'complete from called');
    expect(done.status).toBe('done');
    const today = businessDate('Asia/Jakarta');
    const dateOfIssue = t.businessDate;
    const stats = ok(await pub.as(o.supervisor.token).get<Stats>(`/offices/${o.officeId}/stats?from=${dateOfIssue}&to=${today}`), 'stats');
    expect(stats.served).toBe(1);
    expect(stats.avgServiceSeconds).toBeGreaterThanOrEqual(2);
    expect(stats.avgServiceSeconds).toBeLessThan(30);
  });

  it('the ticket room gets ticket.updated when its position changes at any position (place 61 → 60), and ticket.near once at the near-turn position', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }] });
    const officer = pub.as(o.officers[0].token);
    const tickets: Ticket[] = [];
    for (let i = 0; i < 61; i++) tickets.push(await issue(o));
    const last = tickets[60];
    const fourth = tickets[3];
    const sLast = await connectQueue(app.baseUrl);
    const sFourth = await connectQueue(app.baseUrl);
    try {
      expect((await sLast.subscribe({ trackingToken: last.trackingToken })).position).toBe(61);
      expect((await sFourth.subscribe({ trackingToken: fourth.trackingToken })).position).toBe(4);
      ok(await officer.post(`/counters/${o.counters[0].id}/open`), 'open');
      ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call 1');
      const moved = await sLast.waitFor((r) => r.event === 'ticket.updated' && r.payload.position === 60);
      expect(moved.payload).toEqual(expect.objectContaining({ number: last.number, status: 'waiting', position: 60 }));
      const near = await sFourth.waitFor((r) => r.event === 'ticket.near');
      expect(near.payload).toEqual({ number: fourth.number, position: 3 });

      ok(await officer.post(`/tickets/${tickets[0].id}/complete`), 'complete 1');
      ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call 2');
      await sFourth.waitFor((r) => r.event === 'ticket.updated' && r.payload.position === 2);
      await sLast.waitFor((r) => r.event === 'ticket.updated' && r.payload.position === 59);
      await sleep(300);
      expect(sFourth.received.filter((r) => r.event === 'ticket.near')).toHaveLength(1);
    } finally {
      sLast.close();
      sFourth.close();
    }
  });
});

describe('API.md v1.1 Booking: check-in and the walk-in quota', () => {
  it('a booked citizen is never refused at check-in because walk-ins used up the quota, and a check-in takes no walk-in place', async () => {
    const o = await seed(admin, {
      supervisor: false,
      services: [{ prefix: 'Q', dailyTicketQuota: 2, slotCapacity: 4 }],
      counters: [{ name: 'Loket 1' }],
      officers: 0,
    });
    const service = o.services[0];
    const firstSlot = async () => {
      for (const days of [0, 1]) {
        const date = businessDate('Asia/Jakarta', days);
        const a = ok(await pub.get<Availability>(`/offices/${o.officeId}/services/${service.id}/availability?from=${date}&to=${date}`), 'availability');
        const slot = a.days[0]?.slots.find((s) => s.remaining > 0);
        if (slot) return slot.start;
      }
      throw new Error('no slot today or tomorrow');
    };
    const book = async (serial: number) =>
      ok(
        await pub.post<Appointment>('/appointments', {
          officeId: o.officeId,
          serviceId: service.id,
          start: await firstSlot(),
          citizen: { name: 'Siti Aminah', nik: nik(serial) },
        }),
        'book',
        201,
      );
    // A check-in first: the two walk-in places stay the walk-ins'.
    const early = await book(7001);
    ok(await pub.post(`/offices/${o.officeId}/check-in`, { code: early.code }), 'check-in before the walk-ins', 201);
    await issue(o);
    await issue(o);
    expectError(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: service.id }), 409, 'QUOTA_REACHED');
    // The walk-ins' quota is spent: a booked citizen still checks in.
    const late = await book(7002);
    const checkedIn = ok(await pub.post<Ticket>(`/offices/${o.officeId}/check-in`, { code: late.code }), 'check-in after the quota', 201);
    expect(checkedIn.status).toBe('waiting');
    expectError(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: service.id }), 409, 'QUOTA_REACHED');
  });
});
