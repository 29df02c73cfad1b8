import type { LoginResponse } from '@giliran/contracts';
import { randomBytes } from 'node:crypto';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(90_000);

/**
 * API.md "Security and faults": a staff token stops working at once, on every replica, after a
 * logout, a deactivation, a new password, or a change of role or office.
 */
describe('staff sessions', () => {
  let a: AppProcess;
  let b: AppProcess;
  let seed: SeededOffice;

  beforeAll(async () => {
    const env = await freshEnvironment('sessions');
    [a, b] = [await startApp({ env }), await startApp({ env })];
    seed = await seedOffice(a.baseUrl);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const newStaff = async (role: 'officer' | 'supervisor' | 'admin' = 'officer', officeId: string | null = seed.officeId) => {
    const username = `staf-${randomBytes(3).toString('hex')}`;
    const password = 'first-password';
    const created = await api<{ id: string }>(a.baseUrl, 'POST', '/api/v1/staff', { username, password, role, officeId }, seed.adminToken);
    expect(created.status).toBe(201);
    return { id: created.body.id, username, password };
  };
  const login = async (base: string, username: string, password: string) => {
    const res = await api<LoginResponse>(base, 'POST', '/api/v1/auth/login', { username, password });
    expect(res.status).toBe(200);
    return res.body.accessToken;
  };
  /** A staff request on each replica; the status of both. */
  const statusOnBoth = async (token: string) => [
    (await api(a.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/counters`, undefined, token)).status,
    (await api(b.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/counters`, undefined, token)).status,
  ];

  it('logout answers 204 and the token is refused on both replicas from the very next request', async () => {
    const s = await newStaff();
    const token = await login(a.baseUrl, s.username, s.password);
    const other = await login(b.baseUrl, s.username, s.password);
    expect(await statusOnBoth(token)).toEqual([200, 200]);
    expect((await api(b.baseUrl, 'POST', '/api/v1/auth/logout', undefined, token)).status).toBe(204);
    expect(await statusOnBoth(token)).toEqual([401, 401]);
    expect(await statusOnBoth(other)).toEqual([401, 401]);
    // A new login works again; logging out needs a token.
    expect(await statusOnBoth(await login(a.baseUrl, s.username, s.password))).toEqual([200, 200]);
    expect((await api(a.baseUrl, 'POST', '/api/v1/auth/logout')).status).toBe(401);
  });

  it.each([
    ['deactivation', { active: false }],
    ['a password change', { password: 'second-password' }],
    ['a change of role', { role: 'supervisor' }],
    ['a change of office', 'other-office'],
  ])('after %s, every earlier token is a 401 on both replicas', async (_what, change) => {
    const s = await newStaff();
    const token = await login(b.baseUrl, s.username, s.password);
    expect(await statusOnBoth(token)).toEqual([200, 200]);
    const patch = change === 'other-office' ? { officeId: (await seedOffice(a.baseUrl)).officeId } : change;
    const res = await api(a.baseUrl, 'PATCH', `/api/v1/staff/${s.id}`, patch, seed.adminToken);
    expect(res.status).toBe(200);
    const [onA, onB] = await statusOnBoth(token);
    expect([onA, onB]).toEqual([401, 401]);
  });

  it('deactivated, then active again: old tokens stay refused, a new login works at once on both replicas', async () => {
    const s = await newStaff();
    const old = await login(a.baseUrl, s.username, s.password);
    expect((await api(a.baseUrl, 'PATCH', `/api/v1/staff/${s.id}`, { active: false }, seed.adminToken)).status).toBe(200);
    expect(await statusOnBoth(old)).toEqual([401, 401]);
    expect((await api(a.baseUrl, 'PATCH', `/api/v1/staff/${s.id}`, { active: true }, seed.adminToken)).status).toBe(200);
    expect(await statusOnBoth(old)).toEqual([401, 401]);
    expect(await statusOnBoth(await login(b.baseUrl, s.username, s.password))).toEqual([200, 200]);
  });

  it('a patch that changes nothing ends nothing', async () => {
    const s = await newStaff();
    const token = await login(a.baseUrl, s.username, s.password);
    expect((await api(a.baseUrl, 'PATCH', `/api/v1/staff/${s.id}`, { role: 'officer', active: true, officeId: seed.officeId }, seed.adminToken)).status).toBe(
      200,
    );
    expect(await statusOnBoth(token)).toEqual([200, 200]);
  });

  it('a demoted supervisor can no longer create supervisors with the old token', async () => {
    const sup = await newStaff('supervisor');
    const token = await login(a.baseUrl, sup.username, sup.password);
    const make = () =>
      api(
        b.baseUrl,
        'POST',
        '/api/v1/staff',
        { username: `x-${randomBytes(3).toString('hex')}`, password: 'password-123', role: 'supervisor', officeId: seed.officeId },
        token,
      );
    expect((await make()).status).toBe(201);
    expect((await api(a.baseUrl, 'PATCH', `/api/v1/staff/${sup.id}`, { role: 'officer' }, seed.adminToken)).status).toBe(200);
    expect((await make()).status).toBe(401);
  });

  it('nobody below admin changes an admin, even one that carries their office', async () => {
    const admin = await newStaff('admin', seed.officeId);
    const sup = await newStaff('supervisor');
    const token = await login(a.baseUrl, sup.username, sup.password);
    for (const patch of [{ role: 'officer' }, { password: 'taken-over-123' }, { active: false }]) {
      const res = await api<{ code: string }>(a.baseUrl, 'PATCH', `/api/v1/staff/${admin.id}`, patch, token);
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    // The admin is untouched: the first password still logs in, with the admin role.
    const still = await api<LoginResponse>(a.baseUrl, 'POST', '/api/v1/auth/login', { username: admin.username, password: admin.password });
    expect([still.status, still.body.user?.role]).toEqual([200, 'admin']);
  });
});
