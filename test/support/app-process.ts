import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { MYSQL_URL, REDIS_URL, TEST_DB, uniquePrefix } from './test-env';

/** The repository root (also when this file runs compiled from dist/ for the benchmarks). */
export const ROOT = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return resolve(__dirname, '../..');
})();
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
/** The built API; BENCH_API_MAIN runs another build (a benchmark's before and after). */
const API_MAIN = process.env.BENCH_API_MAIN ?? join(ROOT, 'dist/apps/api/main.js');

export interface AppProcess {
  baseUrl: string;
  port: number;
  pid: number;
  env: Record<string, string>;
  /** Everything the process printed, for assertions about logs. */
  output(): string;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** A database and Redis prefix of their own, for one or more API processes that share them (on TEST_DB unless told). */
export async function freshEnvironment(name = 'e2e', database: 'mysql' | 'sqlite' = TEST_DB): Promise<Record<string, string>> {
  const varDir = mkdtempSync(join(tmpdir(), `giliran-${name}-`));
  let databaseUrl = `sqlite:${join(varDir, 'giliran.sqlite')}`;
  if (database === 'mysql') {
    const base = new URL(MYSQL_URL);
    const db = `gtest_${name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
    const conn = await mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
    await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    base.pathname = `/${db}`;
    databaseUrl = base.toString();
  }
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: uniquePrefix(name),
    ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(24).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    GILIRAN_VAR_DIR: varDir,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
}

/**
 * The test clock, for every process a test starts. `npm test` runs the tiers that start the API
 * on a pinned clock (libfaketime with an offset, scripts/test.mjs); a suite run by hand under
 * libfaketime (README "Tests", around midnight) hands its fake clock on the same way. Processes
 * started with an environment of their own must get it, or they would disagree about "today".
 */
export function testClockEnv(): Record<string, string> {
  const { FAKETIME, LD_PRELOAD, FAKETIME_DONT_RESET } = process.env;
  if (!FAKETIME || !LD_PRELOAD?.includes('faketime')) return {};
  return { FAKETIME, LD_PRELOAD, FAKETIME_DONT_RESET: FAKETIME_DONT_RESET ?? '1' };
}

/** This process's environment without libfaketime, for programs that do not run under it (redis-server). */
export function realClockEnv(): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  return env;
}

/** Spawns the built API (dist/apps/api/main.js) and resolves once /health/ready answers 200. */
export async function startApp(
  opts: {
    env?: Record<string, string>;
    port?: number;
    timeoutMs?: number;
    nodeArgs?: string[];
    /** Each piece of the process's output as it comes, before it is ready. */
    onOutput?: (text: string) => void;
  } = {},
): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const env = { ...(opts.env ?? (await freshEnvironment())), PORT: String(port) };
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), API_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...testClockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen = (d: Buffer) => {
    out += d;
    opts.onOutput?.(String(d));
  };
  child.stdout?.on('data', seen);
  child.stderr?.on('data', seen);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { baseUrl, port, pid: child.pid ?? 0, env, output: () => out, stop: () => stopWith('SIGTERM'), kill: (signal = 'SIGKILL') => stopWith(signal) };
}

/** Runs the API with an environment and resolves with its exit code and output (for start-up failures). */
export function runAppExpectingExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; output: string }> {
  return new Promise((res) => {
    let out = '';
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...testClockEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      res({ code, output: out });
    });
  });
}

export async function api<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface SeededOffice {
  officeId: string;
  services: { id: string; prefix: string; name: string }[];
  counters: { id: string; name: string }[];
  officer: { username: string; password: string };
  adminToken: string;
}

/** Logs in as the admin and creates an office open 24/7 with services A and B, two counters serving both, and one officer. */
export async function seedOffice(baseUrl: string, opts: { timezone?: string; adminPassword?: string } = {}): Promise<SeededOffice> {
  const expectOk = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const { accessToken } = expectOk(
    await api<{ accessToken: string }>(baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: opts.adminPassword ?? E2E_ADMIN_PASSWORD }),
    'login',
  );
  const suffix = randomBytes(3).toString('hex');
  const office = expectOk(
    await api<{ id: string }>(
      baseUrl,
      'POST',
      '/api/v1/offices',
      { code: `E2E-${suffix}`, name: `Kantor Uji ${suffix}`, timezone: opts.timezone ?? 'Asia/Jakarta' },
      accessToken,
    ),
    'office',
  );
  expectOk(
    await api(
      baseUrl,
      'PUT',
      `/api/v1/offices/${office.id}/opening-hours`,
      { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })) },
      accessToken,
    ),
    'hours',
  );
  const services = [];
  for (const [prefix, name] of [
    ['A', 'KTP Elektronik'],
    ['B', 'Kartu Keluarga'],
  ]) {
    services.push(
      expectOk(
        await api<{ id: string; prefix: string; name: string }>(
          baseUrl,
          'POST',
          `/api/v1/offices/${office.id}/services`,
          { code: prefix.toLowerCase(), prefix, name, slotMinutes: 15, slotCapacity: 4, bookingWindowDays: 14 },
          accessToken,
        ),
        'service',
      ),
    );
  }
  const counters = [];
  for (const name of ['Loket 1', 'Loket 2']) {
    counters.push(
      expectOk(
        await api<{ id: string; name: string }>(
          baseUrl,
          'POST',
          `/api/v1/offices/${office.id}/counters`,
          { name, serviceIds: services.map((s) => s.id) },
          accessToken,
        ),
        'counter',
      ),
    );
  }
  const officer = { username: `petugas-${suffix}`, password: 'petugas-password' };
  expectOk(await api(baseUrl, 'POST', '/api/v1/staff', { ...officer, role: 'officer', officeId: office.id }, accessToken), 'officer');
  return {
    officeId: office.id,
    services: services.map(({ id, prefix, name }) => ({ id, prefix, name })),
    counters: counters.map(({ id, name }) => ({ id, name })),
    officer,
    adminToken: accessToken,
  };
}
