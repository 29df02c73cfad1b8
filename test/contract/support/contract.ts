/**
 * The contract tier's client. It knows ONLY docs/api.md (a verbatim copy of the public contract):
 * nothing here comes from @giliran/*, libs/, apps/ or the UIs. Types are written from API.md's
 * words; requests go over plain fetch and socket.io-client.
 *
 * test/support/app-process is used for the environment only (a fresh database and Redis prefix,
 * and the built API process started against them).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { type AppProcess, ROOT, freshEnvironment, startApp, testClockEnv } from '../../support/app-process';

// ---------------------------------------------------------------------------------------------
// Types, from API.md's words
// ---------------------------------------------------------------------------------------------

/** Conventions: `{ statusCode, error, code, message }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  [more: string]: unknown;
}
export type Role = 'admin' | 'supervisor' | 'officer';
/** Auth and roles: the login answer. */
export interface LoginBody {
  accessToken: string;
  user: { id: string; username: string; role: Role; officeId: string | null };
}
/** Public reading: `GET /api/v1/offices` → `[{id, code, name, timezone}]`. */
export interface OfficeListItem {
  id: string;
  code: string;
  name: string;
  timezone: string;
}
export interface Service {
  id: string;
  code: string;
  prefix: string;
  name: string;
  slotMinutes: number;
  slotCapacity: number;
  bookingWindowDays: number;
  dailyTicketQuota?: number | null;
}
export interface Counter {
  id: string;
  name: string;
  serviceIds: string[];
  status?: string;
}
export interface Office extends OfficeListItem {
  services?: Service[];
  counters?: Counter[];
}
/** Public reading: the live board. */
export interface Board {
  officeId: string;
  seq: number;
  businessDate: string;
  services: { serviceId: string; prefix: string; name: string; waiting: number; estimatedWaitMinutes: number | null }[];
  counters: { counterId: string; name: string; status: string; nowServing: { ticketId: string; number: string; status: string } | null }[];
  recentCalls: { ticketId: string; number: string; counterId: string; counterName: string; calledAt: string }[];
}
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
/** Tickets: the 201 answer of `POST .../tickets`. */
export interface Ticket {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  priority: 'regular' | 'priority';
  position: number;
  estimatedWaitMinutes: number | null;
  issuedAt: string;
  businessDate: string;
  trackingToken: string;
}
/** Tickets: `GET /api/v1/tracking/:trackingToken`. */
export interface Tracking {
  number: string;
  status: TicketStatus;
  position: number;
  estimatedWaitMinutes: number | null;
  counterName: string | null;
  serviceName: string;
  officeName: string;
}
/** Counter work: `GET /api/v1/tickets/:ticketId/events`. */
export interface TicketEvent {
  at: string;
  type: string;
  actor: unknown;
  from: string | null;
  to: string | null;
  counterId: string | null;
}
export interface Slot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}
/** Booking: availability. */
export interface Availability {
  timezone: string;
  days: { date: string; slots: Slot[] }[];
}
/** Booking: the 201 answer of `POST /api/v1/appointments`. */
export interface Appointment {
  id: string;
  code: string;
  manageToken: string;
  status: string;
  start: string;
  end: string;
  officeId: string;
  serviceId: string;
}
/** Statistics. */
export interface Stats {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  byService: unknown[];
  byHour: unknown[];
}
/** v1.1 Security and faults: the audit trail. */
export interface AuditEntry {
  at: string;
  type: string;
  actor: unknown;
  subject: unknown;
  before: unknown;
  after: unknown;
}

// ---------------------------------------------------------------------------------------------
// Formats named by API.md
// ---------------------------------------------------------------------------------------------

/** ISO-8601 UTC, as `2026-12-01T02:30:00.000Z`. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Ids are strings: a UUID or a ULID. */
export const ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-HJKMNP-TV-Z]{26})$/i;
/** Public capability tokens: at least 96 random bits, i.e. at least 16 URL-safe base64 characters. */
export const TOKEN = /^[A-Za-z0-9_-]{16,}$/;
/** The booking code: 8 characters from an alphabet without 0/O/1/I. */
export const BOOKING_CODE = /^[2-9A-HJ-NP-Z]{8}$/;
export const ticketNumber = (prefix: string, n?: number) => new RegExp(`^${prefix}-${n === undefined ? '\\d{3}' : String(n).padStart(3, '0')}$`);

export const isoUtc = () => expect.stringMatching(ISO_UTC);
export const anId = () => expect.stringMatching(ID);

/** Today (plus `days`) as a business date in an IANA time zone. */
export function businessDate(timezone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
/** The calendar date of an instant in an IANA time zone. */
export function dateIn(timezone: string, iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
/** A local wall time in Asia/Jakarta (UTC+7 all year) as a UTC instant. */
export function jakartaToUtc(date: string, hhmm: string): string {
  return new Date(`${date}T${hhmm}:00.000+07:00`).toISOString();
}
/** A valid NIK: region 320101, born 15-05-90, and a 4-digit serial. */
export const nik = (serial: number) => `320101150590${String(serial).padStart(4, '0')}`;
/** The staff mask of a NIK: `3201********0001`. */
export const maskedNik = (n: string) => `${n.slice(0, 4)}********${n.slice(12)}`;
export const suffix = () => randomBytes(3).toString('hex');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}
export interface ReqOpts {
  token?: string;
  headers?: Record<string, string>;
}

export async function request<T = unknown>(baseUrl: string, method: string, path: string, body?: unknown, opts: ReqOpts = {}): Promise<Res<T>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.headers ?? {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

/** A client bound to one base URL and, optionally, a staff token. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}
  as(token: string | undefined): Api {
    return new Api(this.baseUrl, token);
  }
  req<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>> {
    return request<T>(this.baseUrl, method, `/api/v1${path}`, body, { token: this.token, headers });
  }
  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.req<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.req<T>('POST', path, body, headers);
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.req<T>('PUT', path, body);
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.req<T>('PATCH', path, body);
  }
  del<T = unknown>(path: string) {
    return this.req<T>('DELETE', path);
  }
}

/** Throws with the answer when a seeding step does not succeed. */
export function ok<T>(res: Res<T>, what: string, status?: number): T {
  if (status !== undefined ? res.status !== status : res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.body;
}

/** The error code of an answer (of an error answer only: a 2xx body may have a `code` of its own). */
export function codeOf(res: Res<unknown>): string | undefined {
  return res.status >= 400 ? (res.body as { code?: string } | undefined)?.code : undefined;
}

/** The error body of API.md "Conventions", with the status and code expected. */
export function expectError(res: Res<unknown>, status: number, code: string): void {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: codeOf(res) }).toEqual({ status, code });
  expect(body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), code, message: expect.any(String) }));
  expect(body.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  expect(body.error.length).toBeGreaterThan(0);
  expect(body.message.length).toBeGreaterThan(0);
}

/** VALIDATION_FAILED names the offending fields in a list. */
export function expectValidation(res: Res<unknown>, fields: string[]): void {
  expectError(res, 400, 'VALIDATION_FAILED');
  const lists = Object.values(res.body as Record<string, unknown>).filter(Array.isArray);
  const details = (res.body as { details?: unknown }).details;
  if (details && typeof details === 'object') lists.push(...Object.values(details).filter(Array.isArray));
  expect(lists.length).toBeGreaterThan(0);
  const listed = JSON.stringify(lists);
  for (const f of fields) expect({ field: f, listed: listed.includes(f) }).toEqual({ field: f, listed: true });
}

// ---------------------------------------------------------------------------------------------
// The app, started against a fresh database (environment only)
// ---------------------------------------------------------------------------------------------

export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

/** dist/ is rebuilt from time to time while these tests run: a start that dies of a missing module is tried again. */
const midRebuild = (text: string) => /MODULE_NOT_FOUND|Cannot find module|ERR_MODULE_NOT_FOUND/.test(text);

/** Starts the built API against an environment (a fresh one, with extra variables, some dropped). */
export async function startContractApp(extraEnv: Record<string, string> = {}, drop: string[] = [], base?: Record<string, string>): Promise<AppProcess> {
  const env: Record<string, string> = { ...(base ?? (await freshEnvironment('contract'))), ...extraEnv };
  for (const k of drop) delete env[k];
  for (let attempt = 1; ; attempt++) {
    try {
      return await startApp({ env, timeoutMs: 45_000 });
    } catch (e) {
      if (attempt >= 3 || !midRebuild(String(e))) throw e;
      await sleep(5000);
    }
  }
}

/** Runs the built API with an environment and resolves with its exit code and output. */
export async function runExpectingExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  for (let attempt = 1; ; attempt++) {
    const run = await runOnce(env, timeoutMs);
    if (attempt >= 3 || !midRebuild(run.output)) return run;
    await sleep(5000);
  }
}

function runOnce(env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((res) => {
    let out = '';
    const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
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

// ---------------------------------------------------------------------------------------------
// Seeding through the API itself
// ---------------------------------------------------------------------------------------------

export async function login(baseUrl: string, username: string, password: string): Promise<LoginBody> {
  return ok(await new Api(baseUrl).post<LoginBody>('/auth/login', { username, password }), `login ${username}`);
}

/** Open the whole day, its last minute included (24:00: the v1.1 extension for offices open to midnight). */
export const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));

export interface ServiceSpec {
  prefix: string;
  name?: string;
  slotMinutes?: number;
  slotCapacity?: number;
  bookingWindowDays?: number;
  dailyTicketQuota?: number;
}
export interface Seeded {
  officeId: string;
  office: Office;
  timezone: string;
  services: Service[];
  counters: Counter[];
  officers: { username: string; password: string; token: string; id: string }[];
  /** Absent when `supervisor: false` was asked (creating staff costs a password hash each). */
  supervisor: { username: string; password: string; token: string; id: string };
}

/**
 * An office through the API: open 00:00–23:59 every weekday (unless `week` says otherwise),
 * the services asked for, counters serving the services listed (all by default), officers and a supervisor.
 */
export async function seed(
  admin: Api,
  opts: {
    timezone?: string;
    week?: unknown[] | null;
    services?: ServiceSpec[];
    counters?: { name: string; services?: string[] }[];
    officers?: number;
    supervisor?: boolean;
  } = {},
): Promise<Seeded> {
  const s = suffix();
  const timezone = opts.timezone ?? 'Asia/Jakarta';
  const office = ok(await admin.post<Office>('/offices', { code: `K-${s}`, name: `Kantor ${s}`, timezone }), 'office', 201);
  if (opts.week !== null) ok(await admin.put(`/offices/${office.id}/opening-hours`, { week: opts.week ?? ALL_DAY }), 'hours');
  const services: Service[] = [];
  for (const spec of opts.services ?? [{ prefix: 'A' }, { prefix: 'B' }]) {
    const body = {
      code: `${spec.prefix.toLowerCase()}-${s}`,
      prefix: spec.prefix,
      name: spec.name ?? `Layanan ${spec.prefix}`,
      slotMinutes: spec.slotMinutes ?? 15,
      slotCapacity: spec.slotCapacity ?? 4,
      bookingWindowDays: spec.bookingWindowDays ?? 14,
      ...(spec.dailyTicketQuota !== undefined ? { dailyTicketQuota: spec.dailyTicketQuota } : {}),
    };
    services.push(ok(await admin.post<Service>(`/offices/${office.id}/services`, body), `service ${spec.prefix}`, 201));
  }
  const byPrefix = (p: string) => services.find((x) => x.prefix === p)!.id;
  const counters: Counter[] = [];
  for (const c of opts.counters ?? [{ name: 'Loket 1' }, { name: 'Loket 2' }]) {
    const serviceIds = c.services ? c.services.map(byPrefix) : services.map((x) => x.id);
    counters.push(ok(await admin.post<Counter>(`/offices/${office.id}/counters`, { name: c.name, serviceIds }), `counter ${c.name}`, 201));
  }
  const officers: Seeded['officers'] = [];
  for (let i = 0; i < (opts.officers ?? 1); i++) {
    const cred = { username: `petugas${i}-${s}`, password: `petugas-password-${i}` };
    const created = ok(await admin.post<{ id: string }>('/staff', { ...cred, role: 'officer', officeId: office.id }), 'officer', 201);
    officers.push({ ...cred, id: created.id, token: (await login(admin.baseUrl, cred.username, cred.password)).accessToken });
  }
  let supervisor = undefined as unknown as Seeded['supervisor'];
  if (opts.supervisor !== false) {
    const sup = { username: `kepala-${s}`, password: 'kepala-password' };
    const supCreated = ok(await admin.post<{ id: string }>('/staff', { ...sup, role: 'supervisor', officeId: office.id }), 'supervisor', 201);
    supervisor = { ...sup, id: supCreated.id, token: (await login(admin.baseUrl, sup.username, sup.password)).accessToken };
  }
  return { officeId: office.id, office, timezone, services, counters, officers, supervisor };
}

// ---------------------------------------------------------------------------------------------
// Realtime: socket.io on path /socket.io, namespace /queue
// ---------------------------------------------------------------------------------------------

export interface Received {
  event: string;
  payload: Record<string, unknown>;
}
export interface QueueSocket {
  socket: Socket;
  received: Received[];
  subscribe(req: unknown): Promise<Record<string, unknown>>;
  waitFor(pred: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): void;
}

export async function connectQueue(baseUrl: string): Promise<QueueSocket> {
  const socket = io(`${baseUrl}/queue`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
  const received: Received[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => received.push({ event, payload }));
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return {
    socket,
    received,
    subscribe: (req) => socket.timeout(5000).emitWithAck('subscribe', req) as Promise<Record<string, unknown>>,
    waitFor: async (pred, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => r.event))}`);
        await sleep(20);
      }
    },
    close: () => {
      socket.disconnect();
    },
  };
}
