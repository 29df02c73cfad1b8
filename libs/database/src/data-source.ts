import type { DatabaseConfig } from '@giliran/config';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(db: DatabaseConfig, opts: { poolSize?: number } = {}): DataSourceOptions {
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: db.path,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      // WAL lets readers go on while the (single) writer commits; busy_timeout covers a second process.
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // A database that does not answer: a new connection gives up after 3 s (a request answers 503
    // within its deadline, see TransactionRunner.run), and a dead one is found by TCP keep-alive.
    connectTimeout: 3000,
    // Dates go in and out as UTC whatever the server's zone.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    // TransactionRunner sends a transaction's waiting statements with its next one, in one round
    // trip. Every value reaches SQL as a parameter, never spliced into its text.
    multipleStatements: true,
    poolSize: opts.poolSize ?? 20,
    extra: { connectionLimit: opts.poolSize ?? 20, waitForConnections: true, enableKeepAlive: true },
  };
}

export function createDataSource(db: DatabaseConfig, opts: { poolSize?: number } = {}): DataSource {
  return new DataSource(dataSourceOptions(db, opts));
}
