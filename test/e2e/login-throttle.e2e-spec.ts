import { randomBytes } from 'node:crypto';
import { type AppProcess, E2E_ADMIN_PASSWORD, type SeededOffice, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(90_000);

/** API.md "Security and faults": 5 failed logins per username, 20 per client address, in 15 minutes. */
describe('login throttling', () => {
  let app: AppProcess;
  let seed: SeededOffice;
  beforeAll(async () => {
    app = await startApp();
    seed = await seedOffice(app.baseUrl);
  });
  afterAll(() => app?.stop());

  /** A login from a client address of its own (the API trusts X-Forwarded-For from loopback). */
  const login = async (username: string, password: string, address: string) => {
    const res = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code: string; accessToken?: string } };
  };
  const officer = async () => {
    const username = `t-${randomBytes(3).toString('hex')}`;
    const res = await fetch(`${app.baseUrl}/api/v1/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.adminToken}` },
      body: JSON.stringify({ username, password: 'right-password', role: 'officer', officeId: seed.officeId }),
    });
    expect(res.status).toBe(201);
    return { username, id: ((await res.json()) as { id: string }).id };
  };

  it('refuses the sixth attempt for one username with 429 TOO_MANY_ATTEMPTS and Retry-After, the right password too', async () => {
    const { username } = await officer();
    for (let i = 0; i < 5; i++) expect((await login(username, `wrong-${i}`, `10.1.0.${i}`)).status).toBe(401);
    const sixth = await login(username, 'right-password', '10.1.0.99');
    expect([sixth.status, sixth.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(Number(sixth.retryAfter)).toBeGreaterThan(800);
    expect(Number(sixth.retryAfter)).toBeLessThanOrEqual(900);
    // Another staff member is not held back by it.
    const other = await officer();
    expect((await login(other.username, 'right-password', '10.1.0.99')).status).toBe(200);
  });

  it('counts attempts sent all at once as attempts sent one by one', async () => {
    const { username } = await officer();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(username, `wrong-${i}`, `10.6.0.${i}`)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(25);
  });

  it('a spelling MySQL would match (ádmin) is no way around the username’s count', async () => {
    const { username } = await officer();
    for (let i = 0; i < 5; i++) expect((await login(username, 'wrong', `10.7.0.${i}`)).status).toBe(401);
    const variant = username.replace('t', 'ť');
    for (let i = 0; i < 3; i++) expect((await login(variant, 'right-password', `10.7.1.${i}`)).status).toBe(401);
    expect((await login(username, 'right-password', '10.7.2.1')).status).toBe(429);
  });

  it('counts an IPv6 client by its /64', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`nobody6-${i}`, 'guess', `2001:db8:77:1::${(i + 1).toString(16)}`)).status).toBe(401);
    const { username } = await officer();
    expect((await login(username, 'right-password', '2001:db8:77:1:ffff::9')).status).toBe(429);
    expect((await login(username, 'right-password', '2001:db8:77:2::1')).status).toBe(200);
  });

  it('a success clears its username’s count', async () => {
    const { username } = await officer();
    for (let i = 0; i < 4; i++) expect((await login(username, 'wrong', '10.2.0.1')).status).toBe(401);
    expect((await login(username, 'right-password', '10.2.0.1')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(username, 'wrong', '10.2.0.1')).status).toBe(401);
    expect((await login(username, 'right-password', '10.2.0.1')).status).toBe(200);
  });

  it('refuses an address after 20 failures, whatever usernames it tries', async () => {
    const address = '10.3.0.7';
    for (let i = 0; i < 20; i++) expect((await login(`nobody-${i}`, 'guess', address)).status).toBe(401);
    const { username } = await officer();
    const refused = await login(username, 'right-password', address);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(refused.retryAfter).toMatch(/^\d+$/);
    expect((await login(username, 'right-password', '10.3.0.8')).status).toBe(200);
  });

  it('throttles the queue dashboard’s login the same way', async () => {
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`, 'x-forwarded-for': '10.4.0.1' });
    for (let i = 0; i < 5; i++) expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: basic(`wrong-${i}`) })).status).toBe(401);
    const res = await fetch(`${app.baseUrl}/admin/queues`, { headers: basic(E2E_ADMIN_PASSWORD) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { code: string }).code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a dashboard login it remembers ends with the admin’s session', async () => {
    const username = `adm-${randomBytes(3).toString('hex')}`;
    const created = await fetch(`${app.baseUrl}/api/v1/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.adminToken}` },
      body: JSON.stringify({ username, password: 'dashboard-pw-1', role: 'admin', officeId: null }),
    });
    const { id } = (await created.json()) as { id: string };
    const header = { authorization: `Basic ${Buffer.from(`${username}:dashboard-pw-1`).toString('base64')}`, 'x-forwarded-for': '10.8.0.1' };
    expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: header })).status).toBe(200);
    await fetch(`${app.baseUrl}/api/v1/staff/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.adminToken}` },
      body: JSON.stringify({ active: false }),
    });
    expect((await fetch(`${app.baseUrl}/admin/queues`, { headers: header })).status).toBe(401);
  });

  it('audits failed logins for the office’s supervisors, without the password typed', async () => {
    const { username, id } = await officer();
    expect((await login(username, 'hunter2-typo', '10.5.0.1')).status).toBe(401);
    const res = await fetch(`${app.baseUrl}/api/v1/offices/${seed.officeId}/audit?type=auth`, { headers: { authorization: `Bearer ${seed.adminToken}` } });
    expect(res.status).toBe(200);
    const entries = (await res.json()) as { type: string; actor: string; subject: string; after: Record<string, unknown> }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ type: 'auth.login_failed', actor: 'address:10.5.0.1', subject: `staff:${id}`, after: { username, via: 'api' } }),
    );
    expect(JSON.stringify(entries)).not.toContain('hunter2');
  });
});
