// A test's own statement on the database of an API process it started (MariaDB or SQLite, as
// TEST_DB says): for a past the test cannot wait for, such as a ticket issued 40 minutes ago.
import mysql from 'mysql2/promise';
import type { AppProcess } from './app-process';
import { TEST_DB } from './test-env';

interface SqliteDatabase {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
}
const Database = require('better-sqlite3') as new (path: string) => SqliteDatabase;

/** Runs one statement with `?` parameters; identifiers in it must be plain (no quoting differs). */
export async function runStatement(app: AppProcess, sql: string, params: unknown[]): Promise<void> {
  const url = app.env.DATABASE_URL!;
  if (TEST_DB === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const conn = await mysql.createConnection(url);
  try {
    await conn.query(sql, params);
  } finally {
    await conn.end();
  }
}

/** A UTC instant as both drivers store a DATETIME(3): `2026-12-04 09:15:00.000`. */
export const sqlInstant = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
