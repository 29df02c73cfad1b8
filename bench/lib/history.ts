// A MariaDB database holding months of history of hundreds of offices, for measuring requests
// against a database that is not empty. Generated inside MariaDB (INSERT … SELECT over SEQUENCE
// tables), once: it is kept between runs and generated again only for another version of this
// generator or other parameters.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_ALPHABET, SortClass, businessDateOf } from '@giliran/core';
import { DateTime } from 'luxon';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { startApp } from '../../test/support/app-process';
import { MYSQL_URL, REDIS_URL, uniquePrefix } from '../../test/support/test-env';

export const HISTORY_DATABASE = 'gbench_history';

/** The default history in HISTORY_DATABASE, any other size beside it (a smoke run's does not replace it). */
function databaseOf(p: HistoryParams): string {
  const { offices, days, ticketsPerOfficeDay } = DEFAULTS;
  return p.offices === offices && p.days === days && p.ticketsPerOfficeDay === ticketsPerOfficeDay
    ? HISTORY_DATABASE
    : `${HISTORY_DATABASE}_${p.offices}_${p.days}_${p.ticketsPerOfficeDay}`;
}

export interface HistoryFixture {
  /** mysql://… URL of the database, for DATABASE_URL of an API process. */
  databaseUrl: string;
  /** Env an API process needs to run on it (ADMIN_PASSWORD, JWT_SECRET, PII_KEY: fixed constants of the generator; DATABASE_URL). */
  env: Record<string, string>;
  offices: number;
  /** Exact row counts per table (COUNT(*)) when the history was generated. */
  rows: Record<string, number>;
  /** Seconds the generation took, or null when an existing one was reused. */
  generatedSeconds: number | null;
}

interface HistoryParams {
  offices: number;
  days: number;
  ticketsPerOfficeDay: number;
}

/** Bump whenever what is generated changes: a history of another version is generated again. */
const GENERATOR_VERSION = 1;
const DEFAULTS: HistoryParams = { offices: 200, days: 90, ticketsPerOfficeDay: 140 };
/** Fixed, so that a history kept between runs opens with the same secrets. */
const SECRETS = {
  ADMIN_PASSWORD: 'history-admin-password',
  JWT_SECRET: 'f45059e3f74f7d9f5db0d2b5a94ce65264ba65d0ac6137f7',
  PII_KEY: 'ece879d5f5373fa3c60739c51088613b8f46dc39ac7ff96a94e2a8d5bcf6bd56',
};
/** The officers of generated offices: a bcrypt hash of a password nobody knows. */
const OFFICER_PASSWORD_HASH = '$2b$10$8F.N3fISOCqzB1BK3FGg6OVe.agvtwwAQNYEVtJQ1N26U9qn2xnsu';
/** Personal data of appointments is purged this many days after their day, as RETENTION_DAYS=30 would. */
const RETENTION_DAYS = 30;
/** Tickets of booked citizens who checked in, among all tickets; bookings nobody came for, on top. */
const APPOINTMENT_SHARE = 0.17;
const MISSED_SHARE = 0.04;
/** Tickets planned at once, in one transaction (two days of 200 offices). */
const TICKETS_PER_CHUNK = 60_000;
/**
 * Their secondary indexes are dropped for the load and built again after it: sorting once is far
 * cheaper than millions of inserts into indexes that do not fit the buffer pool (the first try,
 * keeping all but those of random tokens and codes, loaded at a third of the speed). The largest
 * first: two sessions build them again at once.
 */
const BULK_TABLES = ['ticket_event', 'ticket', 'appointment', 'audit_event', 'notification_delivery'];
/**
 * Sessions working at once: a statement runs on one core, and the load is CPU-bound (on 2 cores
 * the default history took about 5 minutes in one session, under 4 in two).
 */
const SESSIONS = 2;
/**
 * Ids and booking codes are made of an office's ordinal: generated offices count from 1, an
 * office given history later takes one above these (officeOrdinal).
 */
const GENERATED_ORDINALS = 4096;
const MAX_ORDINAL = 65_536;
/** 2^13: the rows of one office and day (tickets and missed bookings), for the booking codes. */
const MAX_ROWS_PER_DAY = 8192;
/**
 * Booking codes: 8 characters, 31^8 codes. A booking's number times CODE_FACTOR (about 0.618 of
 * that, not a multiple of 31) modulo CODES gives every number its own code, neighbours unrelated.
 */
const CODES = CODE_ALPHABET.length ** 8;
const CODE_FACTOR = 527_115_649_796;

const SERVICES = [
  { code: 'a', prefix: 'A', name: 'KTP Elektronik', dailyOnlineQuota: null },
  { code: 'b', prefix: 'B', name: 'Kartu Keluarga', dailyOnlineQuota: null },
  // One service limits its online bookings, as some do: daily_booking counts them.
  { code: 'c', prefix: 'C', name: 'Akta Kelahiran', dailyOnlineQuota: 40 },
];
const COUNTERS = 5;
const CITIES =
  'Bandung Bekasi Bogor Depok Surabaya Malang Semarang Solo Medan Palembang Pekanbaru Pontianak Banjarmasin Balikpapan Makassar Manado Denpasar Mataram Kupang Jayapura'.split(
    ' ',
  );

/** What the generator needs of one office: its services and counters, each counter with its officer. */
interface OfficePlan {
  ordinal: number;
  /**
   * Given history later, beside generated offices: its ids sort after theirs (the day's number
   * + 0x8000), so they are appended to the primary keys rather than split into the generated
   * days' pages (which took four times as long).
   */
  later: boolean;
  id: string;
  timezone: string;
  services: { id: string; prefix: string; slotMinutes: number; capacity: number; earlyMinutes: number; lateMinutes: number; dailyOnlineQuota: number | null }[];
  counters: { id: string; officerId: string }[];
}

/**
 * The history database, generated unless one of this version and these parameters is there.
 * Either way the API is started on it once, so that it is migrated to the API as built.
 */
export async function ensureHistory(
  opts: { offices?: number; days?: number; ticketsPerOfficeDay?: number; force?: boolean; log?: (line: string) => void } = {},
): Promise<HistoryFixture> {
  const params: HistoryParams = {
    offices: opts.offices ?? DEFAULTS.offices,
    days: opts.days ?? DEFAULTS.days,
    ticketsPerOfficeDay: opts.ticketsPerOfficeDay ?? DEFAULTS.ticketsPerOfficeDay,
  };
  checkParams(params);
  const log = opts.log ?? (() => undefined);
  const url = new URL(MYSQL_URL);
  const database = databaseOf(params);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const fixture = (rows: Record<string, number>, generatedSeconds: number | null): HistoryFixture => ({
    databaseUrl,
    env: { ...SECRETS, DATABASE_URL: databaseUrl },
    offices: params.offices,
    rows,
    generatedSeconds,
  });

  const started = performance.now();
  const server = await connect(MYSQL_URL, null);
  try {
    const marker = opts.force ? null : await readMarker(server, database);
    if (marker && marker.version === GENERATOR_VERSION && marker.params === JSON.stringify(params)) {
      log(`history: reusing ${database}, generated ${marker.generatedAt} UTC in ${Math.round(marker.seconds)} s`);
      await migrate(databaseUrl);
      return fixture(marker.rows, null);
    }
    log(`history: generating ${database}: ${params.offices} offices × ${params.days} days × ${params.ticketsPerOfficeDay} tickets`);
    await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await server.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.end();
  }
  // The schema and the admin come from the API itself.
  await migrate(databaseUrl);

  const open = () => connect(databaseUrl, database);
  const conn = await open();
  try {
    const now = new Date();
    const offices = await insertOffices(conn, params, now);
    const deferred = [];
    for (const table of BULK_TABLES) deferred.push(await dropSecondaryIndexes(conn, table));
    await fill(open, SESSIONS, offices, params, now, log);
    log('history: building the indexes');
    await onSessions(open, SESSIONS, deferred, restoreIndexes);
    await conn.query(`ANALYZE TABLE ${BULK_TABLES.map((t) => `\`${t}\``).join(', ')}`);
    const rows = await countRows(conn);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    // Last, so that only a complete history is ever reused.
    await conn.query(
      'CREATE TABLE bench_history_marker (version INT NOT NULL, params VARCHAR(200) NOT NULL, generated_at DATETIME(3) NOT NULL, seconds DOUBLE NOT NULL, row_counts TEXT NOT NULL)',
    );
    await conn.query('INSERT INTO bench_history_marker VALUES (?, ?, ?, ?, ?)', [
      GENERATOR_VERSION,
      JSON.stringify(params),
      sqlTime(now),
      seconds,
      JSON.stringify(rows),
    ]);
    log(`history: ${Object.values(rows).reduce((s, n) => s + n, 0)} rows in ${seconds} s`);
    return fixture(rows, seconds);
  } finally {
    await conn.end();
  }
}

/**
 * Gives one office (created through the API on that database, with its services and counters) the
 * same days of history as the generated ones: its active services and counters as they are, an
 * officer per counter (those of the office first, then new ones). Runs beside a live API: the
 * indexes stay, and every day is before the office's today.
 */
export async function addOfficeHistory(databaseUrl: string, officeId: string, opts: { days?: number; ticketsPerOfficeDay?: number } = {}): Promise<void> {
  const params = { offices: 1, days: opts.days ?? DEFAULTS.days, ticketsPerOfficeDay: opts.ticketsPerOfficeDay ?? DEFAULTS.ticketsPerOfficeDay };
  checkParams(params);
  const open = () => connect(databaseUrl, new URL(databaseUrl).pathname.slice(1));
  const conn = await open();
  try {
    const [[office]] = await conn.query<RowDataPacket[]>('SELECT id, timezone FROM office WHERE id = ?', [officeId]);
    if (!office) throw new Error(`history: no office ${officeId}`);
    const [services] = await conn.query<RowDataPacket[]>(
      'SELECT id, prefix, slot_minutes, slot_capacity, check_in_early_minutes, check_in_late_minutes, daily_online_quota FROM service WHERE office_id = ? AND active = 1 ORDER BY prefix',
      [officeId],
    );
    const [counters] = await conn.query<RowDataPacket[]>('SELECT id FROM counter WHERE office_id = ? ORDER BY name', [officeId]);
    if (services.length === 0 || counters.length === 0) throw new Error(`history: office ${officeId} needs an active service and a counter`);
    const [officers] = await conn.query<RowDataPacket[]>(
      "SELECT id FROM staff_user WHERE office_id = ? AND role = 'officer' AND active = 1 ORDER BY created_at, id",
      [officeId],
    );
    const now = new Date();
    const days = dayRows(office.timezone as string, params.days, now);
    const [taken] = await conn.query<RowDataPacket[]>('SELECT 1 FROM ticket WHERE office_id = ? AND business_date BETWEEN ? AND ? LIMIT 1', [
      officeId,
      days[0][3],
      days[days.length - 1][3],
    ]);
    if (taken.length) throw new Error(`history: office ${officeId} already has tickets on those days`);
    const ordinal = await officeOrdinal(conn, officeId);
    const officerIds = officers.map((o) => o.id as string);
    const missing = counters.slice(officerIds.length).map((_, i) => [randomUUID(), `h-${ordinal.toString(16)}-${officerIds.length + i + 1}`]);
    if (missing.length) {
      await conn.query('INSERT INTO staff_user (id, username, password_hash, role, office_id, created_at) VALUES ?', [
        missing.map(([id, username]) => [id, username, OFFICER_PASSWORD_HASH, 'officer', officeId, sqlTime(now)]),
      ]);
      officerIds.push(...missing.map(([id]) => id));
    }
    const plan: OfficePlan = {
      ordinal,
      later: true,
      id: officeId,
      timezone: office.timezone as string,
      services: services.map((s) => ({
        id: s.id as string,
        prefix: s.prefix as string,
        slotMinutes: Number(s.slot_minutes),
        capacity: Number(s.slot_capacity),
        earlyMinutes: Number(s.check_in_early_minutes),
        lateMinutes: Number(s.check_in_late_minutes),
        dailyOnlineQuota: s.daily_online_quota == null ? null : Number(s.daily_online_quota),
      })),
      counters: counters.map((c, i) => ({ id: c.id as string, officerId: officerIds[i] })),
    };
    await fill(open, 1, [plan], params, now, () => undefined);
  } finally {
    await conn.end();
  }
}

function checkParams(p: HistoryParams): void {
  const whole = (v: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`history: ${what} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  whole(p.offices, 1, GENERATED_ORDINALS - 1, 'offices');
  whole(p.days, 1, 1000, 'days');
  whole(p.ticketsPerOfficeDay, 1, Math.floor((MAX_ROWS_PER_DAY - 1) / (1 + MISSED_SHARE)), 'ticketsPerOfficeDay');
}

/** One connection (temporary tables and session settings are its own), times in UTC both ways. */
export async function connect(url: string, database: string | null): Promise<Connection> {
  const u = new URL(url);
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
    timezone: 'Z',
    dateStrings: true,
  });
  await conn.query("SET SESSION time_zone = '+00:00'");
  return conn;
}

/** Starts the built API on the database once (it migrates, and creates the admin on a new one) and stops it. */
async function migrate(databaseUrl: string): Promise<void> {
  const varDir = mkdtempSync(join(tmpdir(), 'giliran-history-'));
  try {
    const app = await startApp({
      env: {
        ...SECRETS,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: uniquePrefix('history'),
        GILIRAN_VAR_DIR: varDir,
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
      },
      timeoutMs: 600_000,
    });
    await app.stop();
  } finally {
    rmSync(varDir, { recursive: true, force: true });
  }
}

async function readMarker(
  server: Connection,
  database: string,
): Promise<{ version: number; params: string; generatedAt: string; seconds: number; rows: Record<string, number> } | null> {
  const [found] = await server.query<RowDataPacket[]>(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'bench_history_marker'",
    [database],
  );
  if (found.length === 0) return null;
  const [[m]] = await server.query<RowDataPacket[]>(`SELECT version, params, generated_at, seconds, row_counts FROM \`${database}\`.bench_history_marker`);
  return m
    ? {
        version: Number(m.version),
        params: m.params as string,
        generatedAt: m.generated_at as string,
        seconds: Number(m.seconds),
        rows: JSON.parse(m.row_counts as string) as Record<string, number>,
      }
    : null;
}

/** Offices H-0001…, their opening hours, services, counters and one officer per counter. */
async function insertOffices(conn: Connection, p: HistoryParams, now: Date): Promise<OfficePlan[]> {
  const createdAt = sqlTime(new Date(now.getTime() - (p.days + 30) * 86_400_000));
  const offices: OfficePlan[] = [];
  const rows = { office: [] as unknown[][], hours: [] as unknown[][], service: [] as unknown[][], counter: [] as unknown[][], staff: [] as unknown[][] };
  for (let ordinal = 1; ordinal <= p.offices; ordinal++) {
    const code = `H-${String(ordinal).padStart(4, '0')}`;
    // Mostly western Indonesia, some central and eastern.
    const timezone = ordinal % 10 === 9 ? 'Asia/Jayapura' : ordinal % 10 >= 7 ? 'Asia/Makassar' : 'Asia/Jakarta';
    const city = CITIES[ordinal % CITIES.length];
    const id = randomUUID();
    rows.office.push([id, code, `Disdukcapil ${city} ${code}`, timezone, `Jl. Merdeka No. ${ordinal}, ${city}`, createdAt]);
    for (let weekday = 1; weekday <= 7; weekday++) rows.hours.push([id, weekday, '08:00', '16:00', '[]']);
    const services = SERVICES.map((s) => ({ ...s, id: randomUUID() }));
    for (const s of services) rows.service.push([s.id, id, s.code, s.prefix, s.name, 15, 4, 14, s.dailyOnlineQuota]);
    const counters = Array.from({ length: COUNTERS }, () => ({ id: randomUUID(), officerId: randomUUID() }));
    counters.forEach((c, i) => {
      // Every counter serves every service, each in its own order of preference.
      const preference = services.map((_, k) => services[(k + i) % services.length].id);
      rows.counter.push([c.id, id, `Loket ${i + 1}`, JSON.stringify(preference)]);
      rows.staff.push([c.officerId, `${code.toLowerCase()}-${i + 1}`, OFFICER_PASSWORD_HASH, 'officer', id, createdAt]);
    });
    offices.push({
      ordinal,
      later: false,
      id,
      timezone,
      services: services.map((s) => ({
        id: s.id,
        prefix: s.prefix,
        slotMinutes: 15,
        capacity: 4,
        earlyMinutes: 30,
        lateMinutes: 15,
        dailyOnlineQuota: s.dailyOnlineQuota,
      })),
      counters,
    });
  }
  const insert = async (sql: string, values: unknown[][]) => {
    for (let i = 0; i < values.length; i += 2000) await conn.query(sql, [values.slice(i, i + 2000)]);
  };
  await insert('INSERT INTO office (id, code, name, timezone, address, created_at) VALUES ?', rows.office);
  await insert('INSERT INTO opening_hours (office_id, weekday, open_time, close_time, breaks) VALUES ?', rows.hours);
  await insert(
    'INSERT INTO service (id, office_id, code, prefix, name, slot_minutes, slot_capacity, booking_window_days, daily_online_quota) VALUES ?',
    rows.service,
  );
  await insert('INSERT INTO counter (id, office_id, name, service_ids) VALUES ?', rows.counter);
  await insert('INSERT INTO staff_user (id, username, password_hash, role, office_id, created_at) VALUES ?', rows.staff);
  return offices;
}

/**
 * The ordinal of an office given history later, above those generated: taken once per office
 * from a counter kept in the history database, so it stays its own (and a second history of the
 * same office meets its own ids and fails). Not a rank by creation time: a test run on a pinned
 * clock (scripts/test.mjs) creates offices "earlier" than offices of a run before it.
 */
async function officeOrdinal(conn: Connection, officeId: string): Promise<number> {
  await conn.query(
    'CREATE TABLE IF NOT EXISTS bench_history_ordinal (n INT NOT NULL AUTO_INCREMENT PRIMARY KEY, office_id VARCHAR(36) NOT NULL, UNIQUE KEY (office_id))',
  );
  const [[{ used }]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS used FROM bench_history_ordinal');
  if (Number(used) === 0) {
    // Histories given before this counter existed took their rank among all offices: start above.
    const [[{ offices }]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS offices FROM office');
    await conn.query(`ALTER TABLE bench_history_ordinal AUTO_INCREMENT = ${Number(offices) + 1}`);
  }
  await conn.query('INSERT IGNORE INTO bench_history_ordinal (office_id) VALUES (?)', [officeId]);
  const [[{ n }]] = await conn.query<RowDataPacket[]>('SELECT n FROM bench_history_ordinal WHERE office_id = ?', [officeId]);
  const ordinal = GENERATED_ORDINALS + Number(n);
  if (ordinal >= MAX_ORDINAL) throw new RangeError(`history: only ${MAX_ORDINAL - GENERATED_ORDINALS} offices can be given history`);
  return ordinal;
}

/**
 * The days before today in a zone, oldest first: [zone, day_no, day_num (days since 2000-01-01,
 * for ids and codes), business date, opening, opening-hours length in ms, the end of day's run
 * (local midnight after), the retention purge's run (19:00 UTC, RETENTION_DAYS + 1 days after the
 * day) or null while that is still to come].
 */
function dayRows(zone: string, days: number, now: Date): unknown[][] {
  const today = DateTime.fromISO(businessDateOf(now, zone), { zone });
  return Array.from({ length: days }, (_, dayNo) => {
    const date = today.minus({ days: days - dayNo });
    const iso = date.toISODate() as string;
    const open = date.set({ hour: 8 });
    const close = date.set({ hour: 16 });
    const purge = DateTime.fromISO(iso, { zone: 'utc' }).plus({ days: RETENTION_DAYS + 1, hours: 19 });
    const dayNum = Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) - 10_957;
    return [
      zone,
      dayNo,
      dayNum,
      iso,
      sqlTime(open.toJSDate()),
      close.toMillis() - open.toMillis(),
      sqlTime(date.plus({ days: 1, seconds: 2 }).toJSDate()),
      purge.toMillis() <= now.getTime() ? sqlTime(purge.toJSDate()) : null,
    ];
  });
}

/**
 * Every table's rows of these offices' days, a few days at a time (one transaction each, taken in
 * turn by `sessions` connections): planned into temporary tables (one row per ticket or missed
 * booking), then inserted from the plan in primary-key order.
 *
 * A day of an office: `n` tickets, called in turn (ticket i by counter i mod counters) from 10
 * minutes after opening until half an hour before closing; each waits a few minutes at opening and
 * about 40 (±40 %) around midday; about 88 % are served, 7 % do not come when called (one recall),
 * 5 % leave and are cancelled by the end of day. A counter's ticket is finished before its next call. About 17 % are
 * booked citizens checking in (class appointment, at their slot, within the check-in window; at
 * most a slot's capacity per slot), and bookings nobody came for (no-show or cancelled) add 4 %.
 */
async function fill(
  open: () => Promise<Connection>,
  sessions: number,
  offices: OfficePlan[],
  p: Omit<HistoryParams, 'offices'>,
  now: Date,
  log: (line: string) => void,
): Promise<void> {
  const n = p.ticketsPerOfficeDay;
  const perDay = n + Math.round(n * MISSED_SHARE);
  const salt = randomBytes(16).toString('hex');
  const daysPerChunk = Math.max(1, Math.floor(TICKETS_PER_CHUNK / (offices.length * n)));
  const chunks: [number, number][] = [];
  for (let first = 0; first < p.days; first += daysPerChunk) chunks.push([first, Math.min(p.days, first + daysPerChunk) - 1]);
  let reported = 0;
  let daysDone = 0;
  await onSessions(
    open,
    sessions,
    chunks,
    async (conn, [first, last]) => {
      await conn.beginTransaction();
      try {
        await conn.query('DROP TEMPORARY TABLE IF EXISTS _h_ranked, _h_plan');
        await conn.query(`CREATE TEMPORARY TABLE _h_ranked ENGINE=InnoDB AS ${rankSql(n, perDay)}`, [first, last]);
        await conn.query(`CREATE TEMPORARY TABLE _h_plan ENGINE=InnoDB AS ${planSql(n)}`);
        for (const sql of insertSql(salt)) await conn.query(sql);
        await conn.query(counterEventSql(), [first, last]);
        await conn.commit();
      } catch (err) {
        await conn.rollback();
        throw err;
      }
      daysDone += last - first + 1;
      if (Math.floor((daysDone / p.days) * 10) > reported) {
        reported = Math.floor((daysDone / p.days) * 10);
        log(`history: ${daysDone} of ${p.days} days`);
      }
    },
    (conn) => createWorkTables(conn, offices, p.days, now),
  );
}

/** The offices, their services, counters and days, as fill() reads them: temporary tables of the session. */
async function createWorkTables(conn: Connection, offices: OfficePlan[], days: number, now: Date): Promise<void> {
  // The window functions' and sorts' temporary rows of a chunk stay in memory (this session only).
  await conn.query('SET SESSION tmp_table_size = 268435456, max_heap_table_size = 268435456, sort_buffer_size = 67108864');
  await conn.query(
    'CREATE TEMPORARY TABLE _h_office (office_no INT PRIMARY KEY, office_id VARCHAR(36) NOT NULL, tag CHAR(4) NOT NULL, id_day_base INT NOT NULL, zone VARCHAR(64) NOT NULL, counters INT NOT NULL)',
  );
  await conn.query(
    'CREATE TEMPORARY TABLE _h_service (office_no INT, service_no INT, service_id VARCHAR(36) NOT NULL, prefix VARCHAR(4) NOT NULL, slot_ms BIGINT NOT NULL, capacity INT NOT NULL, early_ms BIGINT NOT NULL, late_ms BIGINT NOT NULL, quota INT NULL, cum_lo DOUBLE NOT NULL, cum_hi DOUBLE NOT NULL, PRIMARY KEY (office_no, service_no))',
  );
  await conn.query(
    'CREATE TEMPORARY TABLE _h_counter (office_no INT, counter_no INT, counter_id VARCHAR(36) NOT NULL, officer_id VARCHAR(36) NOT NULL, PRIMARY KEY (office_no, counter_no))',
  );
  await conn.query(
    'CREATE TEMPORARY TABLE _h_day (zone VARCHAR(64), day_no INT, day_num INT NOT NULL, business_date CHAR(10) NOT NULL, open_at DATETIME(3) NOT NULL, span_ms BIGINT NOT NULL, eod_at DATETIME(3) NOT NULL, purge_at DATETIME(3) NULL, PRIMARY KEY (zone, day_no))',
  );
  await conn.query('INSERT INTO _h_office VALUES ?', [
    offices.map((o) => [o.ordinal, o.id, hex(o.ordinal, 4), o.later ? 0x8000 : 0, o.timezone, o.counters.length]),
  ]);
  await conn.query('INSERT INTO _h_service VALUES ?', [
    offices.flatMap((o) => {
      // The first service takes the most tickets: weights 1, 1/2, 1/3, …
      const weights = o.services.map((_, k) => 1 / (k + 1));
      const total = weights.reduce((s, w) => s + w, 0);
      let cum = 0;
      return o.services.map((s, k) => {
        const lo = cum;
        cum += weights[k] / total;
        return [
          o.ordinal,
          k,
          s.id,
          s.prefix,
          s.slotMinutes * 60_000,
          s.capacity,
          s.earlyMinutes * 60_000,
          s.lateMinutes * 60_000,
          s.dailyOnlineQuota,
          lo,
          k === o.services.length - 1 ? 1 : cum,
        ];
      });
    }),
  ]);
  await conn.query('INSERT INTO _h_counter VALUES ?', [offices.flatMap((o) => o.counters.map((c, k) => [o.ordinal, k, c.id, c.officerId]))]);
  await conn.query('INSERT INTO _h_day VALUES ?', [[...new Set(offices.map((o) => o.timezone))].flatMap((zone) => dayRows(zone, days, now))]);
}

/**
 * A uniform number in [0, 1) of one row of an office's day, one per `k`: deterministic, so every
 * run plans the same. CRC32 alone is affine in its input (draws of neighbouring rows were far from
 * uniform); a multiplication modulo a prime scatters it.
 */
const r = (k: number, i: string) => `(MOD(CRC32(CONCAT(o.tag, '/', d.day_num, '/', ${i}, '/${k}')) * 2654435761, 4294967291) / 4294967291e0)`;

/** When ticket `i` of the day is called, in ms after opening: evenly from 10 minutes after opening until half an hour before closing. */
const callMs = (n: number, i: string) => `(600000 + (${i} - 1 + 0.5 * ${r(2, i)}) * (d.span_ms - 2400000) / ${n}e0)`;

/**
 * The narrow part of the plan of days ? to ? (day_no), where rows are ranked (window functions
 * sort whole rows: the fewer columns the faster): each row's service, counter, call and issue
 * times, candidate kind and slot, and the ranks that need the other rows of its day.
 */
function rankSql(n: number, perDay: number): string {
  // Each row's draws, its call, the next call at its counter (i + counters), and its issue after
  // a wait that is longest around midday, never before opening.
  const drawn = `SELECT o.office_no, d.day_no, s.seq AS i, (s.seq - 1) MOD o.counters AS counter_no, d.span_ms,
      ${r(1, 's.seq')} AS r1, ${r(5, 's.seq')} AS r5, ${r(6, 's.seq')} AS r6,
      ${callMs(n, 's.seq')} AS call_ms,
      IF(s.seq + o.counters <= ${n}, ${callMs(n, 's.seq + o.counters')}, NULL) AS next_call_ms,
      GREATEST(30000 + 90000 * ${r(4, 's.seq')}, ${callMs(n, 's.seq')} - (3 + 37 * SIN(PI() * (s.seq - 1) / ${n}e0)) * 60000 * (0.6 + 0.8 * ${r(3, 's.seq')})) AS issue_ms
    FROM _h_day d JOIN _h_office o ON o.zone = d.zone JOIN seq_1_to_${perDay} s
    WHERE d.day_no BETWEEN ? AND ?`;
  const daySlots = 'FLOOR(b.span_ms / sv.slot_ms)';
  // A checked-in booking's slot lies within its check-in window around the issue (slot − early … slot + late).
  const slotMs = `CASE WHEN b.i > ${n} THEN sv.slot_ms * FLOOR(b.r6 * ${daySlots})
      ELSE LEAST(sv.slot_ms * (${daySlots} - 1), GREATEST(0, sv.slot_ms * CEIL((b.issue_ms - sv.late_ms) / sv.slot_ms)) + sv.slot_ms * FLOOR(b.r6 * FLOOR((sv.early_ms + sv.late_ms) / sv.slot_ms))) END`;
  const kindCandidate = `CASE WHEN b.i <= ${n} THEN IF(b.r5 < ${APPOINTMENT_SHARE} AND sv.early_ms + sv.late_ms >= sv.slot_ms, 1, 0) ELSE IF(b.r5 < 0.6, 2, 3) END`;
  // STRAIGHT_JOIN, here and below: the rows first, each finding its office, day, service or counter
  // by primary key (the optimizer, without statistics of temporary tables, scanned them again for each).
  const placed = `SELECT STRAIGHT_JOIN b.office_no, b.day_no, b.i, b.counter_no, b.call_ms, b.next_call_ms, b.issue_ms, sv.service_no, sv.capacity,
      ${kindCandidate} AS kind_candidate, ${slotMs} AS slot_off
    FROM (${drawn}) b JOIN _h_service sv ON sv.office_no = b.office_no AND b.r1 >= sv.cum_lo AND b.r1 < sv.cum_hi`;
  // Numbers in issue order per service; bookings that hold a place ranked per slot.
  return `SELECT p.*,
      ROW_NUMBER() OVER (PARTITION BY p.office_no, p.day_no, p.service_no, p.i <= ${n} ORDER BY p.issue_ms, p.i) AS seq_no,
      ROW_NUMBER() OVER (PARTITION BY p.office_no, p.day_no, p.service_no, p.kind_candidate IN (1, 2), p.slot_off ORDER BY p.i) AS slot_rank
    FROM (${placed}) p`;
}

/** An instant `ms` milliseconds after the day's opening. */
const at = (ms: string) => `(d.open_at + INTERVAL ROUND(${ms}) * 1000 MICROSECOND)`;

/** The plan: one row per ticket (kind 0 walk-in, 1 checked-in booking) or missed booking (2 no-show, 3 cancelled), from the ranked rows. */
function planSql(n: number): string {
  const rw = (k: number) => r(k, 'w.i');
  // Past a slot's capacity a checked-in booking becomes a walk-in, a no-show a cancellation.
  const kind = `(CASE WHEN w.kind_candidate IN (1, 2) AND w.slot_rank > w.capacity THEN IF(w.kind_candidate = 1, 0, 3) ELSE w.kind_candidate END)`;
  const status = `(CASE WHEN w.i > ${n} THEN NULL WHEN ${rw(7)} < 0.05 THEN 'cancelled' WHEN ${rw(7)} < 0.12 THEN 'no_show' ELSE 'done' END)`;
  const priority = `(${kind} = 0 AND ${rw(8)} < 0.05)`;
  // A counter's ticket is done before its next call (or 5 minutes before closing).
  const gap = '(COALESCE(w.next_call_ms, d.span_ms - 300000) - w.call_ms)';
  const startedMs = `(w.call_ms + LEAST(0.1 * ${gap}, 20000 + 60000 * ${rw(10)}))`;
  const completedMs = `(${startedMs} + GREATEST(1000, LEAST(240000 + 660000 * ${rw(11)}, w.call_ms + ${gap} - 20000 - ${startedMs})))`;
  const bookedMs = `(w.slot_off - 86400000 * (1 + FLOOR(13 * ${rw(14)})) - 43200000 * ${rw(15)})`;
  const slotStart = at('w.slot_off');
  // A number per booking (unique for 1024 days), scattered over the codes: ×CODE_FACTOR modulo 31^8, in two halves to stay within 64 bits.
  const k = `((d.day_num MOD 1024) * ${MAX_ORDINAL * MAX_ROWS_PER_DAY} + w.office_no * ${MAX_ROWS_PER_DAY} + w.i)`;
  const code = `MOD(MOD(MOD(${k} * ${Math.floor(CODE_FACTOR / 2 ** 20)}, ${CODES}) * ${2 ** 20}, ${CODES}) + ${k} * ${CODE_FACTOR % 2 ** 20} + 271828182, ${CODES})`;
  return `SELECT STRAIGHT_JOIN w.office_no, w.day_no, d.day_num, w.i, w.service_no, o.office_id, d.business_date, sv.service_id, c.counter_id, c.officer_id, d.eod_at,
      ${kind} AS kind,
      FLOOR(${rw(13)} * 65536) AS id_rank,
      LOWER(CONCAT(LPAD(HEX(o.id_day_base + d.day_num), 4, '0'), LPAD(HEX(FLOOR(${rw(13)} * 65536)), 4, '0'), '-', o.tag, '-4')) AS id_head,
      LOWER(CONCAT(LPAD(HEX(w.i), 4, '0'), LPAD(HEX(FLOOR(${rw(12)} * 4294967296e0)), 8, '0'))) AS id_tail,
      ${status} AS status,
      IF(${priority}, 'priority', 'regular') AS priority,
      CASE WHEN ${kind} = 1 OR ${rw(9)} < 0.85 THEN 'kiosk' WHEN ${rw(9)} < 0.95 THEN 'remote' ELSE 'staff' END AS channel,
      CASE WHEN ${kind} = 1 THEN ${SortClass.Appointment} WHEN ${priority} THEN ${SortClass.Priority} ELSE ${SortClass.Regular} END AS sort_class,
      IF(${kind} = 1, ${slotStart}, ${at('w.issue_ms')}) AS sort_at,
      w.seq_no AS sequence,
      CONCAT(sv.prefix, '-', LPAD(w.seq_no, GREATEST(3, CHAR_LENGTH(w.seq_no)), '0')) AS number,
      ${at('w.issue_ms')} AS issued_at,
      IF(${status} IN ('done', 'no_show'), ${at('w.call_ms')}, NULL) AS called_at,
      IF(${status} = 'done', ${at(startedMs)}, NULL) AS started_at,
      IF(${status} = 'no_show', ${at(`w.call_ms + LEAST(45000 + 45000 * ${rw(10)}, 0.3 * ${gap})`)}, NULL) AS recalled_at,
      CASE ${status} WHEN 'done' THEN ${at(completedMs)} WHEN 'no_show' THEN ${at(`w.call_ms + LEAST(150000 + 90000 * ${rw(11)}, 0.8 * ${gap})`)}
        WHEN 'cancelled' THEN d.eod_at + INTERVAL ROUND(2000 * ${rw(11)}) * 1000 MICROSECOND END AS finished_at,
      IF(${kind} >= 1, ${slotStart}, NULL) AS slot_start,
      IF(${kind} >= 1, ${at('w.slot_off + sv.slot_ms')}, NULL) AS slot_end,
      CASE ${kind} WHEN 1 THEN 'checked_in' WHEN 2 THEN 'no_show' WHEN 3 THEN 'cancelled' END AS appointment_status,
      ${at(bookedMs)} AS booked_at,
      CASE ${kind} WHEN 1 THEN ${at('w.issue_ms')} WHEN 2 THEN d.eod_at ELSE ${at(`${bookedMs} + (w.slot_off - ${bookedMs}) * ${rw(16)}`)} END AS appointment_updated_at,
      IF(${rw(17)} < 0.9, 'online', 'staff') AS appointment_channel,
      IF(${rw(18)} < 0.9, 'id', 'en') AS locale,
      CONCAT(${Array.from({ length: 8 }, (_, j) => `SUBSTRING('${CODE_ALPHABET}', ${code} DIV ${CODE_ALPHABET.length ** (7 - j)} MOD ${CODE_ALPHABET.length} + 1, 1)`).join(', ')}) AS code,
      d.purge_at
    FROM _h_ranked w
    JOIN _h_office o ON o.office_no = w.office_no
    JOIN _h_day d ON d.zone = o.zone AND d.day_no = w.day_no
    JOIN _h_service sv ON sv.office_no = w.office_no AND sv.service_no = w.service_no
    JOIN _h_counter c ON c.office_no = w.office_no AND c.counter_no = w.counter_no`;
}

/** An ISO instant in JSON, as Date.toISOString() writes it. */
const iso = (expr: string) => `CONCAT(DATE_FORMAT(${expr}, '%Y-%m-%dT%H:%i:%s.'), LPAD(MICROSECOND(${expr}) DIV 1000, 3, '0'), 'Z')`;
/**
 * The ids of a plan row's ticket, booking, reminder and audit entries, version-4 UUIDs made of the
 * day, 16 random bits, the office's ordinal, the table, the row and 32 random bits: unique by
 * construction, ordered by day (a chunk is appended to the primary key), and within a day the
 * offices mixed as random ids would mix them.
 */
const id = (table: string, sub = '0') => `CONCAT(p.id_head, '${table}-800${sub}-', p.id_tail)`;
/** The order of those ids, in numbers: sorting the ids themselves compares them by collation. */
const ID_ORDER = 'p.day_num, p.id_rank, p.office_no, p.i';
/** What the audit trail keeps of an appointment (BookingService.audit). */
const facts = (status: string) =>
  `CONCAT('{"status":"', ${status}, '","start":"', ${iso('p.slot_start')}, '","serviceId":"', p.service_id, '","code":"', p.code, '"}')`;

/** The chunk's rows of every table but counter_event, from the plan; `salt` (hex) keeps tokens and hashes from following from the ids. */
function insertSql(salt: string): string[] {
  const ticketId = id('001');
  const appointmentId = id('002');
  // Aggregates are grouped by numbers and named after (grouping by the ids compares them by collation), the groups read first.
  const names = `JOIN _h_office o ON o.office_no = x.office_no JOIN _h_day d ON d.zone = o.zone AND d.day_no = x.day_no
     JOIN _h_service sv ON sv.office_no = x.office_no AND sv.service_no = x.service_no`;
  return [
    `INSERT INTO ticket (id, office_id, service_id, origin_service_id, business_date, sequence, number, priority, channel, status, sort_class, sort_at, issued_at, called_at, started_at, finished_at, counter_id, recall_count, tracking_token, appointment_id)
     SELECT ${ticketId}, p.office_id, p.service_id, p.service_id, p.business_date, p.sequence, p.number, p.priority, p.channel, p.status, p.sort_class, p.sort_at, p.issued_at, p.called_at, p.started_at, p.finished_at,
       IF(p.status = 'cancelled', NULL, p.counter_id), p.status = 'no_show',
       REPLACE(REPLACE(LEFT(TO_BASE64(UNHEX(MD5(CONCAT('${salt}', p.id_head, p.id_tail)))), 22), '+', '-'), '/', '_'),
       IF(p.kind = 1, ${appointmentId}, NULL)
     FROM _h_plan p WHERE p.kind <= 1 ORDER BY ${ID_ORDER}`,
    // The audit rows the ticket service writes: issued, then called/started/completed, called/recalled/no_show, or cancelled at the end of day.
    `INSERT INTO ticket_event (ticket_id, office_id, at, type, actor, from_status, to_status, counter_id, service_id, note)
     SELECT ${ticketId}, p.office_id,
       CASE e.seq WHEN 1 THEN p.issued_at WHEN 2 THEN IF(p.status = 'cancelled', p.finished_at, p.called_at) WHEN 3 THEN IF(p.status = 'done', p.started_at, p.recalled_at) ELSE p.finished_at END,
       CASE e.seq WHEN 1 THEN 'issued' WHEN 2 THEN IF(p.status = 'cancelled', 'closed_by_day_end', 'called') WHEN 3 THEN IF(p.status = 'done', 'started', 'recalled') ELSE IF(p.status = 'done', 'completed', 'no_show') END,
       CASE WHEN e.seq = 1 THEN IF(p.channel = 'staff', CONCAT('staff:', p.officer_id), 'kiosk') WHEN p.status = 'cancelled' THEN 'system' ELSE CONCAT('staff:', p.officer_id) END,
       CASE e.seq WHEN 1 THEN NULL WHEN 2 THEN 'waiting' WHEN 3 THEN 'called' ELSE IF(p.status = 'done', 'serving', 'called') END,
       CASE e.seq WHEN 1 THEN 'waiting' WHEN 2 THEN IF(p.status = 'cancelled', 'cancelled', 'called') WHEN 3 THEN IF(p.status = 'done', 'serving', 'called') ELSE p.status END,
       IF(e.seq = 1 OR p.status = 'cancelled', NULL, p.counter_id),
       p.service_id,
       IF(e.seq = 1 AND p.kind = 1, 'check-in of an appointment', NULL)
     FROM _h_plan p JOIN seq_1_to_4 e ON e.seq <= IF(p.status = 'cancelled', 2, 4)
     WHERE p.kind <= 1 ORDER BY 3, p.office_no, p.i, e.seq`,
    `INSERT INTO appointment (id, office_id, service_id, slot_start, slot_end, business_date, code, status, nik_hash, locale, channel, created_at, updated_at, ticket_id, purged_at, manage_token_hash)
     SELECT ${appointmentId}, p.office_id, p.service_id, p.slot_start, p.slot_end, p.business_date, p.code, p.appointment_status,
       IF(p.purge_at IS NULL, SHA2(CONCAT('${salt}', 'nik/', p.id_head, p.id_tail), 256), 'purged'),
       p.locale, p.appointment_channel, p.booked_at, p.appointment_updated_at, IF(p.kind = 1, ${ticketId}, NULL), p.purge_at,
       SHA2(CONCAT('${salt}', 'token/', p.id_head, p.id_tail), 256)
     FROM _h_plan p WHERE p.kind >= 1 ORDER BY ${ID_ORDER}`,
    // One reminder a day ahead (the first of the default offsets) for every booking still booked then.
    `INSERT INTO notification_delivery (id, \`key\`, office_id, kind, channel, appointment_id, ticket_id, status, attempts, last_error, job, created_at, updated_at)
     SELECT ${id('003')}, CONCAT('reminder:', ${appointmentId}, ':1440:', ROUND(UNIX_TIMESTAMP(p.slot_start) * 1000), ':email'), p.office_id, 'reminder', 'email', ${appointmentId}, NULL, 'sent', 1, NULL,
       CONCAT('{"name":"appointment-reminder","data":{"appointmentId":"', ${appointmentId}, '","offsetMinutes":1440,"slotStart":"', ${iso('p.slot_start')}, '"}}'),
       p.slot_start - INTERVAL 1440 MINUTE + INTERVAL (200 + p.i MOD 1800) * 1000 MICROSECOND,
       p.slot_start - INTERVAL 1440 MINUTE + INTERVAL (900 + p.i MOD 1800) * 1000 MICROSECOND
     FROM _h_plan p WHERE p.kind IN (1, 2) ORDER BY ${ID_ORDER}`,
    // The office audit trail of each booking: booked, its outcome, the purge of its personal data.
    `INSERT INTO audit_event (id, office_id, at, type, actor, subject, \`before\`, \`after\`)
     SELECT CONCAT(p.id_head, '004-800', e.seq, '-', p.id_tail), p.office_id,
       CASE e.seq WHEN 1 THEN p.booked_at WHEN 2 THEN p.appointment_updated_at ELSE p.purge_at END,
       CASE e.seq WHEN 1 THEN 'appointment.booked' WHEN 2 THEN CONCAT('appointment.', p.appointment_status) ELSE 'appointment.purged' END,
       CASE WHEN e.seq = 1 THEN IF(p.appointment_channel = 'staff', CONCAT('staff:', p.officer_id), 'citizen') WHEN e.seq = 3 OR p.kind = 2 THEN 'system' WHEN p.kind = 1 THEN 'kiosk' ELSE 'citizen' END,
       CONCAT('appointment:', ${appointmentId}),
       CASE WHEN e.seq <> 2 THEN NULL WHEN p.kind = 2 THEN '{"status":"booked"}' ELSE ${facts("'booked'")} END,
       CASE WHEN e.seq = 1 THEN ${facts("'booked'")} WHEN e.seq = 3 THEN '{"retentionDays":${RETENTION_DAYS}}' WHEN p.kind = 2 THEN '{"status":"no_show"}' ELSE ${facts('p.appointment_status')} END
     FROM _h_plan p JOIN seq_1_to_3 e ON e.seq < 3 OR p.purge_at IS NOT NULL
     WHERE p.kind >= 1 ORDER BY ${ID_ORDER}, e.seq`,
    `INSERT INTO daily_sequence (office_id, service_id, business_date, last_number)
     SELECT STRAIGHT_JOIN o.office_id, sv.service_id, d.business_date, x.n
     FROM (SELECT office_no, day_no, service_no, MAX(sequence) AS n FROM _h_plan WHERE kind <= 1 GROUP BY office_no, day_no, service_no) x ${names}`,
    // Every queue a ticket waited in keeps its row, at zero once the day is over.
    `INSERT INTO queue_count (office_id, service_id, business_date, sort_class, waiting)
     SELECT STRAIGHT_JOIN o.office_id, sv.service_id, d.business_date, x.sort_class, 0
     FROM (SELECT DISTINCT office_no, day_no, service_no, sort_class FROM _h_plan WHERE kind <= 1) x ${names}`,
    // A cancellation gives its place back; a no-show keeps it.
    `INSERT INTO slot_booking (service_id, slot_start, office_id, capacity, booked)
     SELECT STRAIGHT_JOIN sv.service_id, x.slot_start, o.office_id, sv.capacity, x.n
     FROM (SELECT office_no, day_no, service_no, slot_start, SUM(kind IN (1, 2)) AS n FROM _h_plan WHERE kind >= 1 GROUP BY office_no, day_no, service_no, slot_start) x ${names}`,
    `INSERT INTO daily_booking (service_id, business_date, office_id, booked)
     SELECT STRAIGHT_JOIN sv.service_id, d.business_date, o.office_id, x.n
     FROM (SELECT office_no, day_no, service_no, SUM(kind IN (1, 2)) AS n FROM _h_plan WHERE kind >= 1 GROUP BY office_no, day_no, service_no) x ${names}
     WHERE sv.quota IS NOT NULL`,
  ];
}

/** Each counter opened by its officer shortly after opening and closed around closing time, every day. */
function counterEventSql(): string {
  const jitter = (ms: number, k: string) => `ROUND(${ms} * MOD(CRC32(CONCAT(c.counter_id, d.day_num, '${k}')) * 2654435761, 4294967291) / 4294967291e0)`;
  return `INSERT INTO counter_event (counter_id, office_id, at, type, actor)
    SELECT c.counter_id, o.office_id,
      d.open_at + INTERVAL IF(e.seq = 1, ${jitter(300000, 'o')}, d.span_ms - 300000 + ${jitter(600000, 'c')}) * 1000 MICROSECOND,
      IF(e.seq = 1, 'opened', 'closed'), CONCAT('staff:', c.officer_id)
    FROM _h_day d JOIN _h_office o ON o.zone = d.zone JOIN _h_counter c ON c.office_no = o.office_no JOIN seq_1_to_2 e
    WHERE d.day_no BETWEEN ? AND ? ORDER BY 3`;
}

/**
 * Works through `items` in order on `sessions` connections of their own (each prepared by `setup`
 * first). After a failure no item is started; once every session has stopped, the first failure
 * is thrown.
 */
async function onSessions<T>(
  open: () => Promise<Connection>,
  sessions: number,
  items: readonly T[],
  work: (conn: Connection, item: T) => Promise<void>,
  setup: (conn: Connection) => Promise<void> = async () => undefined,
): Promise<void> {
  let next = 0;
  let failed = false;
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(sessions, items.length) }, async () => {
      const conn = await open();
      try {
        await setup(conn);
        while (!failed && next < items.length) await work(conn, items[next++]);
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        await conn.end();
      }
    }),
  );
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
}

interface DeferredIndexes {
  table: string;
  createTable: string;
  definitions: string[];
}

/** Drops a table's secondary indexes, keeping their definitions (as SHOW INDEX gives them) to build again. */
async function dropSecondaryIndexes(conn: Connection, table: string): Promise<DeferredIndexes> {
  const createTable = await showCreate(conn, table);
  const [columns] = await conn.query<RowDataPacket[]>(`SHOW INDEX FROM \`${table}\``);
  const indexes = new Map<string, { unique: boolean; parts: string[] }>();
  for (const c of columns) {
    if (c.Key_name === 'PRIMARY') continue;
    const index = indexes.get(c.Key_name) ?? indexes.set(c.Key_name, { unique: Number(c.Non_unique) === 0, parts: [] }).get(c.Key_name)!;
    index.parts.push(`\`${c.Column_name}\`${c.Sub_part ? `(${c.Sub_part})` : ''}`);
  }
  const definitions = [...indexes].map(([name, i]) => `${i.unique ? 'UNIQUE ' : ''}INDEX \`${name}\` (${i.parts.join(', ')})`);
  if (indexes.size) await conn.query(`ALTER TABLE \`${table}\` ${[...indexes.keys()].map((name) => `DROP INDEX \`${name}\``).join(', ')}`);
  return { table, createTable, definitions };
}

/** Builds the dropped indexes again, all in one pass over the table, and checks the table is as the migrations left it. */
async function restoreIndexes(conn: Connection, d: DeferredIndexes): Promise<void> {
  if (d.definitions.length) await conn.query(`ALTER TABLE \`${d.table}\` ${d.definitions.map((def) => `ADD ${def}`).join(', ')}`);
  const lines = (create: string) =>
    create
      .replace(/ AUTO_INCREMENT=\d+/, '')
      .split('\n')
      .map((l) => l.trim().replace(/,$/, ''))
      .sort();
  if (JSON.stringify(lines(await showCreate(conn, d.table))) !== JSON.stringify(lines(d.createTable))) {
    throw new Error(`history: ${d.table} differs from its migrated schema after its indexes were built again`);
  }
}

async function showCreate(conn: Connection, table: string): Promise<string> {
  const [[row]] = await conn.query<RowDataPacket[]>(`SHOW CREATE TABLE \`${table}\``);
  return row['Create Table'] as string;
}

async function countRows(conn: Connection): Promise<Record<string, number>> {
  const [tables] = await conn.query<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'migrations' ORDER BY TABLE_NAME",
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    const [[{ n }]] = await conn.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${name}\``);
    rows[name as string] = Number(n);
  }
  return rows;
}

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** A DATETIME(3) literal of an instant, in UTC. */
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
