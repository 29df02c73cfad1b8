import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';

/** Per table: row count and a checksum of the rows (order-independent). */
export type Fingerprint = Map<string, string>;

export interface Fingerprinter {
  take(): Promise<Fingerprint>;
  /** Drops the test database (MySQL; the SQLite file goes with its temporary directory). */
  drop(): Promise<void>;
  /**
   * A cheap token that changes whenever the database may have changed (SQLite's data_version;
   * InnoDB's log sequence number, server-wide, so it may also move for other reasons). Equal
   * tokens mean nothing was written; different ones call for a full fingerprint.
   */
  version(): Promise<string>;
  close(): Promise<void>;
}

export interface TableChange {
  table: string;
  rowsBefore: number;
  rowsAfter: number;
}

export function diff(before: Fingerprint, after: Fingerprint): TableChange[] {
  const out: TableChange[] = [];
  const rows = (s?: string) => Number(s?.split(':')[0] ?? 0);
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(table) !== after.get(table)) out.push({ table, rowsBefore: rows(before.get(table)), rowsAfter: rows(after.get(table)) });
  }
  return out;
}

export const showChanges = (cs: TableChange[]) =>
  cs.map((c) => (c.rowsBefore === c.rowsAfter ? `${c.table} (rows changed)` : `${c.table} (${c.rowsBefore} → ${c.rowsAfter} rows)`)).join(', ');

/** Reads the API's own database directly: mysql2 for MySQL/MariaDB, better-sqlite3 read-only for SQLite. */
export async function fingerprinter(databaseUrl: string): Promise<Fingerprinter> {
  if (databaseUrl.startsWith('sqlite:')) return sqliteFingerprinter(databaseUrl.slice('sqlite:'.length));
  const conn = await mysql.createConnection(databaseUrl);
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const tables = rows.map((r) => String(r.t));
  const q = (t: string) => `\`${t.replace(/`/g, '``')}\``;
  const countSql = tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${q(t)}`).join(' UNION ALL ');
  const checksumSql = `CHECKSUM TABLE ${tables.map(q).join(', ')}`;
  return {
    async take() {
      const [counts] = await conn.query<mysql.RowDataPacket[]>(countSql);
      const [sums] = await conn.query<mysql.RowDataPacket[]>(checksumSql);
      const sumOf = new Map(sums.map((r) => [String(r.Table).split('.').pop() ?? '', String(r.Checksum)]));
      return new Map(counts.map((r) => [String(r.t), `${r.n}:${sumOf.get(String(r.t)) ?? '?'}`]));
    },
    async version() {
      // The redo log's sequence number: any committed InnoDB change moves it, reads do not.
      const [st] = await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'");
      return st.map((r) => String(r.Value)).join(',');
    },
    async drop() {
      const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT DATABASE() AS db');
      if (String(row.db).startsWith('gtest_')) await conn.query(`DROP DATABASE \`${row.db}\``);
    },
    close: () => conn.end(),
  };
}

interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  iterate(): IterableIterator<unknown[]>;
  all(): unknown[];
}
interface SqliteDb {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string, opts: { simple: true }): unknown;
  close(): void;
}

async function sqliteFingerprinter(path: string): Promise<Fingerprinter> {
  // better-sqlite3 ships no types of its own; this is the little of it used here.
  const Database = require('better-sqlite3') as new (path: string, opts: { readonly: boolean; fileMustExist: boolean }) => SqliteDb;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const selects = tables.map((t) => [t, db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).raw(true)] as const);
  const mask = (1n << 64n) - 1n;
  return {
    async take() {
      const print: Fingerprint = new Map();
      for (const [t, stmt] of selects) {
        let n = 0;
        let sum = 0n;
        for (const row of stmt.iterate()) {
          n++;
          const h = createHash('sha1')
            .update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
            .digest();
          sum = (sum + h.readBigUInt64BE(0)) & mask;
        }
        print.set(t, `${n}:${sum.toString(16)}`);
      }
      return print;
    },
    async version() {
      return String(db.pragma('data_version', { simple: true }));
    },
    async drop() {},
    async close() {
      db.close();
    },
  };
}
