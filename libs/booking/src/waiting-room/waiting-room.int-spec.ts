import { AdmissionUse, Appointment } from '@giliran/database';
import { randomUUID } from 'node:crypto';
import { solveAltcha } from '../../../../test/support/altcha';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { WaitingRoomService } from './waiting-room.service';

// API.md v1.1 "Waiting room", on MariaDB and SQLite (TEST_DB) with real Redis and an injected
// clock. The fixture's office is open all day in Jakarta (UTC+7); release {daysAhead: 7, at:
// "09:00"}: the slots of 2026-12-14 open at 2026-12-07 09:00 WIB = 02:00 UTC, and for 30 minutes
// after that booking them needs an admission. 60 admissions a minute: one a second.
const nik = (n: number) => `320101010190${String(n).padStart(4, '0')}`;
const OPENS = Date.parse('2026-12-07T02:00:00.000Z');
const second = (offset: number) => new Date(OPENS + offset * 1000);
const DAY_SLOT = '2026-12-14T03:00:00.000Z';

describe('waiting room', () => {
  let h: IntHarness;
  let room: WaitingRoomService;
  beforeAll(async () => {
    h = await createIntHarness('waiting-room', { env: { CHALLENGE_MAX_NUMBER: '500' } });
    room = h.app.get(WaitingRoomService);
  });
  afterAll(() => h.close());

  async function release(capacity = 4) {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    const view = await h.offices.updateService(h.admin, f.officeId, serviceId, {
      release: { daysAhead: 7, at: '09:00' },
      waitingRoom: { admitPerMinute: 60, admissionMinutes: 5, openMinutes: 30 },
      bookingWindowDays: 30,
      slotCapacity: capacity,
    });
    const book = (n: number, now: Date, admissionToken?: string, start = DAY_SLOT) =>
      h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: `Warga ${n}`, nik: nik(n) } }, { admissionToken }, now);
    const join = async (now: Date) => room.join(f.officeId, serviceId, solveAltcha(await room.challenge()), now);
    return { f, serviceId, view, book, join };
  }

  it('needs an admission for the day just released, for openMinutes after its release, and not for other days or staff', async () => {
    const { f, serviceId, view, book } = await release();
    expect(view.waitingRoom).toEqual({ admitPerMinute: 60, admissionMinutes: 5, openMinutes: 30 });
    await expect(book(1, second(1))).rejects.toMatchObject({ code: 'ADMISSION_REQUIRED', status: 428 });
    await expect(book(1, second(30 * 60 - 1))).rejects.toMatchObject({ code: 'ADMISSION_REQUIRED' });
    // The day released the morning before needs none, nor the same day once the window has closed.
    expect((await book(2, second(10), undefined, '2026-12-13T03:00:00.000Z')).status).toBe(201);
    expect((await book(3, second(30 * 60))).status).toBe(201);
    // Staff booking on behalf of a citizen bypasses the waiting room.
    const staff = { id: randomUUID(), username: 'sup', role: 'supervisor' as const, officeId: f.officeId };
    const byStaff = await h.booking.book({ officeId: f.officeId, serviceId, start: DAY_SLOT, citizen: { name: 'Warga 4', nik: nik(4) } }, { staff }, second(5));
    expect(byStaff.status).toBe(201);
    expect(await h.dataSource.getRepository(AdmissionUse).countBy({ serviceId })).toBe(0);
  });

  it('admits in the order of joining at the set pace, from the release on, and books once per admission', async () => {
    const { book, join } = await release();
    const early = [await join(second(-60)), await join(second(-30)), await join(second(-10))];
    expect(early.map((p) => [p.number, p.position, p.estimatedAdmitAt])).toEqual([
      [1, 1, '2026-12-07T02:00:00.000Z'],
      [2, 2, '2026-12-07T02:00:01.000Z'],
      [3, 3, '2026-12-07T02:00:02.000Z'],
    ]);
    const status = (i: number, at: Date) => room.status(early[i]!.passToken, at);
    expect(await status(0, second(-1))).toMatchObject({ status: 'waiting', position: 1 });
    // At the release the first is admitted; a second later the second; the third waits its turn.
    const first = await status(0, second(0));
    expect(first).toMatchObject({ status: 'admitted', position: 0, admissionExpiresAt: '2026-12-07T02:05:00.000Z' });
    expect(await status(2, second(1.5))).toMatchObject({ status: 'waiting', position: 1 });
    expect(await status(1, second(1.5))).toMatchObject({ status: 'admitted' });

    const token = first.admissionToken!;
    expect((await book(10, second(2), token)).status).toBe(201);
    // One admission books at most one appointment; a forged or foreign one books none.
    await expect(book(11, second(3), token)).rejects.toMatchObject({ code: 'ADMISSION_INVALID', status: 403 });
    await expect(book(12, second(3), `${token.slice(0, -2)}AA`)).rejects.toMatchObject({ code: 'ADMISSION_INVALID' });
    const other = await release();
    await expect(other.book(13, second(3), token)).rejects.toMatchObject({ code: 'ADMISSION_INVALID' });
  });

  it('refuses an expired admission, and keeps one whose booking failed for another try', async () => {
    const { f, serviceId, book, join } = await release(1);
    const [a, b] = [await join(second(-5)), await join(second(-4))];
    const tokenA = (await room.status(a.passToken, second(0))).admissionToken!;
    const tokenB = (await room.status(b.passToken, second(1))).admissionToken!;
    expect((await book(20, second(2), tokenA)).status).toBe(201);
    // The slot is full now: B's booking fails, and B's admission is still good for another slot.
    await expect(book(21, second(3), tokenB)).rejects.toMatchObject({ code: 'SLOT_FULL' });
    expect((await book(21, second(4), tokenB, '2026-12-14T03:15:00.000Z')).status).toBe(201);
    // Admitted at 02:00:00, good for five minutes.
    const c = await join(second(2));
    const tokenC = (await room.status(c.passToken, second(2))).admissionToken!;
    await expect(book(22, second(2 + 5 * 60), tokenC, '2026-12-14T03:30:00.000Z')).rejects.toMatchObject({ code: 'ADMISSION_INVALID' });
    expect(await room.status(c.passToken, second(2 + 5 * 60))).toMatchObject({ status: 'expired' });
    expect(await h.dataSource.getRepository(Appointment).countBy({ officeId: f.officeId, serviceId })).toBe(2);
  });

  it('books exactly once when two requests race with the same admission', async () => {
    const { serviceId, book, join } = await release(10);
    for (let round = 0; round < 5; round++) {
      const pass = await join(second(round));
      const token = (await room.status(pass.passToken, second(round + 0.5))).admissionToken!;
      const results = await Promise.allSettled([book(100 + round * 2, second(round + 1), token), book(101 + round * 2, second(round + 1), token)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ADMISSION_INVALID' } });
    }
    expect(await h.dataSource.getRepository(AdmissionUse).countBy({ serviceId })).toBe(5);
    expect(await h.dataSource.getRepository(Appointment).countBy({ serviceId })).toBe(5);
  });

  it('joins only with a solved challenge of ours, used once', async () => {
    const { f, serviceId } = await release();
    const solved = solveAltcha(await room.challenge());
    await room.join(f.officeId, serviceId, solved, second(0));
    await expect(room.join(f.officeId, serviceId, solved, second(0))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED', status: 400 });
    const c = await room.challenge();
    const wrong = Buffer.from(JSON.stringify({ ...c, number: 501 })).toString('base64');
    await expect(room.join(f.officeId, serviceId, wrong, second(0))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    for (const bad of [undefined, '', 'not base64 json', Buffer.from('null').toString('base64')])
      await expect(room.join(f.officeId, serviceId, bad, second(0))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
    const forged = Buffer.from(JSON.stringify({ ...c, signature: 'f'.repeat(64), number: 0 })).toString('base64');
    await expect(room.join(f.officeId, serviceId, forged, second(0))).rejects.toMatchObject({ code: 'CHALLENGE_FAILED' });
  });

  it('replays a retry of its own booking (same Idempotency-Key) and refuses the spent admission to anything else, even a full slot', async () => {
    const { f, serviceId, join } = await release(1);
    const token = (await room.status((await join(second(0))).passToken, second(0))).admissionToken!;
    const dto = { officeId: f.officeId, serviceId, start: DAY_SLOT, citizen: { name: 'Warga 50', nik: nik(50) } };
    // Keys are global: one of its own, not shared with other files running at the same time.
    const retryKey = `retry-${randomUUID()}`;
    const first = await h.booking.book(dto, { admissionToken: token, idempotencyKey: retryKey }, second(1));
    const retry = await h.booking.book(dto, { admissionToken: token, idempotencyKey: retryKey }, second(2));
    expect([retry.status, retry.body.code]).toEqual([201, first.body.code]);
    // The slot is full now, and the admission spent: it is the admission that is refused.
    await expect(h.booking.book({ ...dto, citizen: { name: 'Warga 51', nik: nik(51) } }, { admissionToken: token }, second(3))).rejects.toMatchObject({
      code: 'ADMISSION_INVALID',
    });
  });

  it('needs the admission to move a booking into the day just released', async () => {
    const { book, join } = await release();
    const { body } = await book(30, second(-3600), undefined, '2026-12-13T03:00:00.000Z');
    await expect(h.booking.reschedule(body.manageToken!, DAY_SLOT, second(5))).rejects.toMatchObject({ code: 'ADMISSION_REQUIRED' });
    const token = (await room.status((await join(second(5))).passToken, second(5))).admissionToken!;
    expect((await h.booking.reschedule(body.manageToken!, DAY_SLOT, second(6), { admissionToken: token })).start).toBe(DAY_SLOT);
  });

  it('shows the release as it happens: joined, admitted, booked, places left', async () => {
    const { f, serviceId, book, join } = await release(2);
    const passes = [await join(second(-3)), await join(second(-2)), await join(second(-1))];
    const token = (await room.status(passes[0]!.passToken, second(0))).admissionToken!;
    await book(40, second(0.5), token);
    const live = await room.live(f.officeId, serviceId, second(1.2));
    expect(live).toMatchObject({ date: '2026-12-14', opensAt: '2026-12-07T02:00:00.000Z', joined: 3, admitted: 2, booked: 1 });
    expect(live.capacity - live.placesLeft).toBe(1);
  });

  it('tells every pass at once when the day is full, instead of letting it in to find out', async () => {
    const { f, serviceId, join } = await release(1);
    await h.offices.setHours(h.admin, f.officeId, { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '10:00', close: '10:30' })) });
    const staff = { id: randomUUID(), username: 'sup', role: 'supervisor' as const, officeId: f.officeId };
    const passes = [await join(second(-3)), await join(second(-2)), await join(second(-1))];
    expect(await room.status(passes[2]!.passToken, second(0))).toMatchObject({ status: 'waiting' });
    // The two places of the day (10:00, 10:15 WIB) go to staff bookings.
    for (const [i, start] of ['2026-12-14T03:00:00.000Z', '2026-12-14T03:15:00.000Z'].entries())
      await h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: `Warga ${60 + i}`, nik: nik(60 + i) } }, { staff }, second(0));
    // "Full or not" is kept a second per process (the crowd's questions do not each read the day).
    await new Promise((r) => setTimeout(r, 1100));
    for (const p of passes) expect(await room.status(p.passToken, second(1))).toMatchObject({ status: 'expired', full: true });
  });
});
