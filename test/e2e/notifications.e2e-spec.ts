import type { LoginResponse, TicketView, TrackingView } from '@giliran/contracts';
import { QueueName } from '@giliran/jobs';
import { Queue } from 'bullmq';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, api, freshEnvironment, seedOffice, startApp, testClockEnv } from '../support/app-process';
import { eventually, smtpSink, webhookSink } from '../support/sinks';
import { connectQueue } from '../support/socket-client';
import { REDIS_URL } from '../support/test-env';

jest.setTimeout(120_000);
const SECRET = 'e2e-webhook-secret-123';

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...testClockEnv(), ...env },
    stdio: 'ignore',
  });
}

describe('notifications across processes', () => {
  it('reminders survive a worker killed with SIGKILL: every one is sent exactly once', async () => {
    const smtp = await smtpSink();
    const hook = await webhookSink(SECRET);
    const env: Record<string, string> = {
      ...(await freshEnvironment('restart')),
      WORKER: 'off',
      SMTP_URL: smtp.url,
      WEBHOOK_SECRET: SECRET,
      NOTIFY_RETRY_DELAY_MS: '100',
      ALLOW_PRIVATE_WEBHOOKS: 'true',
    };
    const app = await startApp({ env });
    const queue = new Queue(QueueName.Notifications, {
      connection: { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) },
      prefix: `${env.REDIS_PREFIX}bull`,
    });
    let worker = startWorker(env);
    try {
      const seed = await seedOffice(app.baseUrl);
      await api(app.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}`, { webhookUrl: hook.url }, seed.adminToken);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 3 * 86_400_000));
      const avail = await api<{ days: { slots: { start: string }[] }[] }>(
        app.baseUrl,
        'GET',
        `/api/v1/offices/${seed.officeId}/services/${seed.services[0].id}/availability?from=${day}&to=${day}`,
      );
      const slots = avail.body.days[0].slots;
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await api<{ id: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
          officeId: seed.officeId,
          serviceId: seed.services[0].id,
          start: slots[i].start,
          citizen: { name: `Warga ${i}`, nik: `320101150590${String(i + 1).padStart(4, '0')}`, phone: '+628111222333', email: `w${i}@example.org` },
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      const reminders = () => hook.hooks.filter((x) => x.body.kind === 'reminder');
      await eventually(
        () => hook.hooks.filter((x) => x.body.kind === 'confirmation').length,
        (n) => n === 12,
        20_000,
      );
      // The worker dies (SIGKILL) with the reminders scheduled; they fall due while no worker runs.
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      await Promise.all(ids.map(async (id) => (await queue.getJob(`reminder:${id}:120`))!.promote()));
      await new Promise((r) => setTimeout(r, 500));
      expect(reminders()).toHaveLength(0);
      worker = startWorker(env);
      await eventually(
        () => reminders().length,
        (n) => n === 12,
        60_000,
      );
      await eventually(
        () => smtp.mails.filter((m) => /Pengingat/.test(m)).length,
        (n) => n === 12,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(new Set(reminders().map((x) => x.body.id)).size).toBe(12);
      expect(reminders()).toHaveLength(12);
      expect(smtp.mails.filter((m) => /Pengingat/.test(m))).toHaveLength(12);
      expect(reminders().every((x) => x.signatureValid)).toBe(true);
    } finally {
      worker.kill('SIGTERM');
      await queue.close();
      await app.stop();
      await Promise.all([smtp.close(), hook.close()]);
    }
  });

  /** An open counter 1 and its officer, calling `times` tickets and marking each a no-show, `pauseMs` apart. */
  async function callAndNoShow(baseUrl: string, seed: Awaited<ReturnType<typeof seedOffice>>, times: number, pauseMs = 0) {
    const officer = (await api<LoginResponse>(baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    const counter = seed.counters[0].id;
    await api(baseUrl, 'POST', `/api/v1/counters/${counter}/open`, undefined, officer);
    for (let i = 0; i < times; i++) {
      const r = await api<{ ticket: { id: string } }>(baseUrl, 'POST', `/api/v1/counters/${counter}/call-next`, undefined, officer);
      await api(baseUrl, 'POST', `/api/v1/tickets/${r.body.ticket.id}/no-show`, undefined, officer);
      if (pauseMs) await new Promise((res) => setTimeout(res, pauseMs));
    }
  }

  it('tells a waiting phone its new place once for a burst of calls, and the right place', async () => {
    const app = await startApp();
    try {
      const seed = await seedOffice(app.baseUrl);
      const tickets: TicketView[] = [];
      for (let i = 0; i < 6; i++)
        tickets.push((await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id })).body);
      const phone = await connectQueue(app.baseUrl);
      await phone.subscribe({ trackingToken: tickets[5].trackingToken });
      // Three calls over half a second: the phone is told once, where it stands after them.
      await callAndNoShow(app.baseUrl, seed, 3, 150);
      await phone.waitFor((r) => r.event === 'ticket.updated' && (r.payload as unknown as TrackingView).position === 3, 5_000);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(phone.received.filter((r) => r.event === 'ticket.updated').map((r) => (r.payload as unknown as TrackingView).position)).toEqual([3]);
      phone.socket.disconnect();
    } finally {
      await app.stop();
    }
  });

  it('tells a waiting ticket once, on its page and by the gateway, when its turn is near', async () => {
    const hook = await webhookSink(SECRET);
    const app = await startApp({ env: { ...(await freshEnvironment('near')), WEBHOOK_SECRET: SECRET, ALLOW_PRIVATE_WEBHOOKS: 'true' } });
    try {
      const seed = await seedOffice(app.baseUrl);
      await api(app.baseUrl, 'PATCH', `/api/v1/offices/${seed.officeId}`, { webhookUrl: hook.url, turnNearPosition: 2 }, seed.adminToken);
      const serviceId = seed.services[0].id;
      const tickets: TicketView[] = [];
      for (let i = 0; i < 4; i++)
        tickets.push(
          (
            await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, {
              serviceId,
              ...(i === 3 ? { phone: '+628129990004' } : {}),
            })
          ).body,
        );
      const phone = await connectQueue(app.baseUrl);
      await phone.subscribe({ trackingToken: tickets[3].trackingToken });
      await callAndNoShow(app.baseUrl, seed, 3);
      const near = await phone.waitFor((r) => r.event === 'ticket.near');
      // Positions are published once per burst (BoardRefresher): told at 2, or at 1 if the calls came faster.
      expect(near.payload).toEqual({ number: 'A-004', position: expect.any(Number) });
      expect(near.payload.position as number).toBeLessThanOrEqual(2);
      const hooks = await eventually(
        () => hook.hooks.filter((x) => x.body.kind === 'turn_near'),
        (x) => x.length === 1,
      );
      expect(hooks[0]).toMatchObject({ signatureValid: true, body: { to: '+628129990004', reference: { number: 'A-004' } } });
      await new Promise((r) => setTimeout(r, 500));
      expect(phone.received.filter((r) => r.event === 'ticket.near')).toHaveLength(1);
      expect(hook.hooks.filter((x) => x.body.kind === 'turn_near')).toHaveLength(1);
      // The public board and the tracking body never carry the phone.
      expect(JSON.stringify((await api(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`)).body)).not.toContain('8129990004');
      expect(JSON.stringify(phone.received)).not.toContain('8129990004');
      phone.socket.disconnect();
    } finally {
      await app.stop();
      await hook.close();
    }
  });

  it('serves the queue dashboard to admins only, and queue gauges in /metrics', async () => {
    const app = await startApp();
    try {
      expect((await fetch(`${app.baseUrl}/admin/queues`)).status).toBe(401);
      const wrong = await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` } });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${app.baseUrl}/admin/queues`, {
        headers: { authorization: `Basic ${Buffer.from(`admin:${app.env.ADMIN_PASSWORD}`).toString('base64')}` },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('<html');
      const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/giliran_queue_jobs\{queue="notifications",state="delayed"\} \d+/);
      expect(metrics).toMatch(/giliran_queue_jobs\{queue="maintenance",state="failed"\} \d+/);
    } finally {
      await app.stop();
    }
  });
});
