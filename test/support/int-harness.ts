import type { StaffPrincipal } from '@giliran/auth';
import { type AppConfig, loadConfig } from '@giliran/config';
import { BookingModule, BookingService } from '@giliran/booking';
import { JobQueue } from '@giliran/jobs';
import { MaintenanceModule, infrastructure, processors } from '@giliran/operations';
import { StatisticsModule } from '@giliran/statistics';
import { InsightModule } from '@giliran/insight';
import { AssistantModule } from '@giliran/assistant';
import { BoardService, CounterService, TicketRepository, TicketService, TicketingModule } from '@giliran/ticketing';
import { OfficeService } from '@giliran/offices';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { MYSQL_URL, REDIS_URL, TEST_DB, uniquePrefix } from './test-env';

export interface IntHarness {
  app: INestApplicationContext;
  config: AppConfig;
  offices: OfficeService;
  tickets: TicketService;
  counters: CounterService;
  board: BoardService;
  ticketRepo: TicketRepository;
  jobs: JobQueue;
  booking: BookingService;
  dataSource: DataSource;
  admin: StaffPrincipal;
  close(): Promise<void>;
}

/**
 * The real services on a real database (MySQL by default, SQLite with TEST_DB=sqlite) and real
 * Redis; a SQLite run gets a fresh file per test file, MySQL the database migrated by global setup.
 */
export async function createIntHarness(
  name: string,
  opts: {
    processors?: boolean;
    env?: Record<string, string>;
    redisPrefix?: string;
    varDir?: string;
    /**
     * A MySQL database of the test's own, migrated for it and dropped at close: for a test that
     * reads the optimizer's plans, which other files writing the shared tables at the same time
     * would sway. (SQLite: every file has its own database anyway.)
     */
    privateDatabase?: boolean;
  } = {},
): Promise<IntHarness> {
  const varDir = opts.varDir ?? mkdtempSync(join(tmpdir(), 'giliran-int-'));
  const ownDatabase = TEST_DB === 'mysql' && opts.privateDatabase ? await createPrivateDatabase(name) : null;
  const config = loadConfig({
    DATABASE_URL: ownDatabase?.url ?? (TEST_DB === 'mysql' ? MYSQL_URL : `sqlite:${join(varDir, 'test.sqlite')}`),
    REDIS_URL,
    REDIS_PREFIX: opts.redisPrefix ?? uniquePrefix(name),
    JWT_SECRET: 'integration-test-secret-integration-test',
    PII_KEY: '1'.repeat(64),
    GILIRAN_VAR_DIR: varDir,
    WORKER: opts.processors ? 'inline' : 'off',
    ...opts.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      // The API's and the worker's own wiring (libs/operations); the harness migrates SQLite itself.
      ...infrastructure(config, REDIS_URL, { database: { migrate: TEST_DB === 'sqlite' || !!ownDatabase, poolSize: 30 } }),
      TicketingModule,
      BookingModule,
      MaintenanceModule,
      StatisticsModule,
      InsightModule,
      AssistantModule,
      ...(opts.processors ? [processors()] : []),
    ],
  }).compile();
  const app = await moduleRef.init();
  app.enableShutdownHooks();
  return {
    app,
    config,
    offices: app.get(OfficeService),
    tickets: app.get(TicketService),
    counters: app.get(CounterService),
    board: app.get(BoardService),
    ticketRepo: app.get(TicketRepository),
    jobs: app.get(JobQueue),
    booking: app.get(BookingService),
    dataSource: app.get(DataSource),
    admin: { id: randomUUID(), username: 'admin', role: 'admin', officeId: null },
    close: async () => {
      await app.close();
      await ownDatabase?.drop();
    },
  };
}

/** A fresh, empty MySQL database named for the test (gtest_*, so `npm test` clears leftovers). */
async function createPrivateDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(MYSQL_URL);
  const database = `gtest_${name.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const admin = () =>
    mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
  const conn = await admin();
  await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  base.pathname = `/${database}`;
  return {
    url: base.toString(),
    drop: async () => {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
    },
  };
}

/**
 * A zone where it is about noon now. A test that issues tickets "minutes ago" and calls them now
 * gives its office this zone: both then fall on the office's same business day whatever the hour
 * the suite runs (in Asia/Jakarta, tickets of 23:50 are yesterday's at 00:10).
 */
export function middayZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // -11 … 12
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`; // POSIX signs are inverted
}

export const ALWAYS_OPEN = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));

export interface OfficeFixture {
  officeId: string;
  timezone: string;
  services: { id: string; prefix: string }[];
  counters: { id: string; name: string; serviceIds: string[] }[];
  officers: StaffPrincipal[];
}

/** An office of its own for one test: open around the clock, services A, B…, counters and officers. */
export async function officeFixture(
  h: IntHarness,
  opts: {
    timezone?: string;
    services?: number;
    counters?: number;
    quota?: number | null;
    counterServices?: (serviceIds: string[], index: number) => string[];
  } = {},
): Promise<OfficeFixture> {
  const code = `T${randomUUID().slice(0, 8)}`;
  const office = await h.offices.create(h.admin, { code, name: `Test office ${code}`, timezone: opts.timezone ?? 'Asia/Jakarta' });
  await h.offices.setHours(h.admin, office.id, { week: ALWAYS_OPEN });
  const services = [];
  for (let i = 0; i < (opts.services ?? 1); i++) {
    const prefix = String.fromCharCode(65 + i);
    services.push(
      await h.offices.createService(h.admin, office.id, {
        code: `svc-${prefix}`,
        prefix,
        name: `Service ${prefix}`,
        slotMinutes: 15,
        slotCapacity: 4,
        bookingWindowDays: 14,
        dailyTicketQuota: opts.quota ?? null,
      }),
    );
  }
  const serviceIds = services.map((s) => s.id);
  const counters = [];
  const officers: StaffPrincipal[] = [];
  for (let i = 0; i < (opts.counters ?? 1); i++) {
    counters.push(
      await h.offices.createCounter(h.admin, office.id, { name: `Loket ${i + 1}`, serviceIds: opts.counterServices?.(serviceIds, i) ?? serviceIds }),
    );
    officers.push({ id: randomUUID(), username: `officer${i}`, role: 'officer', officeId: office.id });
  }
  return { officeId: office.id, timezone: office.timezone, services, counters, officers };
}
