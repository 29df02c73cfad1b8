import { capture } from '../../../test/support/statements';
import { BOARD_REFRESH_MS } from './board-refresher';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

/** Issue #13: the board is built once per change, not once per display that asks. */
describe('the board, built once per change', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('board-cache');
  });
  afterAll(() => h.close());

  const reads = async (work: () => Promise<unknown>) => (await capture(h, async () => void (await work()))).length;

  it('is read from the database once while nothing changes, and again after each kind of change', async () => {
    const f = await officeFixture(h, { services: 1, counters: 1 });
    const serviceId = f.services[0].id;
    expect(await reads(() => h.board.officeBoard(f.officeId))).toBeGreaterThan(0);
    const first = await h.board.taggedBoard(f.officeId);
    // A hundred displays asking at once, and again: nothing read.
    expect(await reads(() => Promise.all(Array.from({ length: 100 }, () => h.board.officeBoard(f.officeId))))).toBe(0);
    expect((await h.board.taggedBoard(f.officeId)).etag).toBe(first.etag);

    // A ticket (an event, a new seq): read again, and it shows.
    await h.tickets.issue(f.officeId, { serviceId }, 'kiosk');
    const afterTicket = await h.board.taggedBoard(f.officeId);
    expect(afterTicket.board.services[0].waiting).toBe(1);
    expect(afterTicket.etag).not.toBe(first.etag);

    // Set-up changes publish no event; they drop the set-up, and the board with it.
    await h.offices.updateService(h.admin, f.officeId, serviceId, { name: 'Layanan Baru' });
    expect((await h.board.officeBoard(f.officeId)).services[0].name).toBe('Layanan Baru');
    await h.offices.updateCounter(h.admin, f.officeId, f.counters[0].id, { name: 'Loket Baru' });
    expect((await h.board.officeBoard(f.officeId)).counters[0].name).toBe('Loket Baru');

    // A new business day, or a board older than its few seconds, is built again. (The ticket's
    // board refresh, an event of its own, has gone out by now; the board of its seq is kept.)
    await new Promise((r) => setTimeout(r, BOARD_REFRESH_MS * 4));
    const now = Date.now();
    await h.board.taggedBoard(f.officeId, new Date(now));
    expect(await reads(() => h.board.taggedBoard(f.officeId, new Date(now)))).toBe(0);
    expect(await reads(() => h.board.taggedBoard(f.officeId, new Date(now + 24 * 3600_000)))).toBeGreaterThan(0);
    expect(await reads(() => h.board.taggedBoard(f.officeId, new Date(now + 24 * 3600_000 + 6000)))).toBeGreaterThan(0);
  });
});
