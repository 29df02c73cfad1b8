import { Ticket } from '@giliran/database';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { eventually, webhookSink } from '../../../../test/support/sinks';
import { uniquePrefix } from '../../../../test/support/test-env';
import { LongWaits } from './long-waits';

const SECRET = 'webhook-secret-for-long-waits';

// Issue #17 "Alerts", on MariaDB and SQLite (TEST_DB) with real Redis and workers: the longest
// wait against the office's target, one message per pass however many watchers look.
describe('long-wait alerts', () => {
  let h: IntHarness;
  let second: IntHarness;
  let hook: Awaited<ReturnType<typeof webhookSink>>;

  beforeAll(async () => {
    hook = await webhookSink(SECRET);
    const env = { WEBHOOK_SECRET: SECRET, ALLOW_PRIVATE_WEBHOOKS: 'true', NOTIFY_RETRY_DELAY_MS: '50' };
    const redisPrefix = uniquePrefix('long_waits');
    h = await createIntHarness('long_waits', { processors: true, env, redisPrefix });
    second = await createIntHarness('long_waits', { processors: true, env, redisPrefix, varDir: h.config.varDir });
  }, 30_000);
  afterAll(async () => {
    await second?.close();
    await h?.close();
    await hook?.close();
  });

  jest.setTimeout(60_000);

  it('opens when the longest wait passes the target, tells the webhook once, and closes when it is back within', async () => {
    const f = await officeFixture(h);
    await h.offices.update(h.admin, f.officeId, { webhookUrl: hook.url, targetWaitMinutes: 20 });
    const issued = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const ticket = await h.dataSource.getRepository(Ticket).findOneByOrFail({ id: issued.id });
    const at = (minutes: number, seconds = 0) => new Date(ticket.issuedAt.getTime() + minutes * 60_000 + seconds * 1000);
    const watch = h.app.get(LongWaits);
    const mine = () => hook.hooks.filter((x) => x.body.kind === 'long_wait' && x.body.officeId === f.officeId);

    // At the target exactly it is not past it: nothing to say.
    expect(await watch.alerts(h.admin, f.officeId, at(20))).toEqual([]);
    await watch.watch(at(20));
    // A second later it is, for the console and for one message, whichever of two processes looks, however often.
    expect(await watch.alerts(h.admin, f.officeId, at(20, 1))).toEqual([
      { type: 'long_wait', number: issued.number, serviceId: f.services[0].id, longestWaitMinutes: 20, targetWaitMinutes: 20, since: at(20).toISOString() },
    ]);
    // (Other test files' offices share this database: the count of messages is of this office's.)
    await Promise.all([watch.watch(at(20, 1)), second.app.get(LongWaits).watch(at(20, 1)), watch.watch(at(20, 1))]);
    await eventually(
      () => mine().length,
      (n) => n === 1,
      20_000,
    );
    // Looked at again minutes later, still past: the same alert, no second message.
    await watch.watch(at(26));
    await new Promise((r) => setTimeout(r, 300));
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({
      signatureValid: true,
      body: { to: null, locale: 'id', reference: { number: issued.number, longestWaitMinutes: 20, targetWaitMinutes: 20 } },
    });
    expect(String(mine()[0]!.body.text)).toMatch(/melewati target 20 menit/);

    // Both waiting tickets are served: the alert closes; a later pass is a new alert and a new message.
    await h.dataSource.getRepository(Ticket).update({ officeId: f.officeId }, { status: 'done' });
    expect(await watch.alerts(h.admin, f.officeId, at(30))).toEqual([]);
    expect((await watch.watch(at(30))).closed).toBeGreaterThanOrEqual(1);
    expect(mine()).toHaveLength(1);
    const later = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const laterAt = (await h.dataSource.getRepository(Ticket).findOneByOrFail({ id: later.id })).issuedAt;
    await watch.watch(new Date(laterAt.getTime() + 21 * 60_000));
    await eventually(
      () => mine().length,
      (n) => n === 2,
      20_000,
    );
  });

  it('keeps an office alert to that office’s staff', async () => {
    const f = await officeFixture(h);
    const other = await officeFixture(h);
    const supervisor = { id: 'someone', username: 'someone', role: 'supervisor' as const, officeId: other.officeId };
    await expect(h.app.get(LongWaits).alerts(supervisor, f.officeId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
