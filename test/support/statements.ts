import type { DataSource } from 'typeorm';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';

/** A statement as sent to the database, with its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** The statements sent while `work` runs (one per statement of a multi-statement round trip). */
export async function capture(h: { dataSource: DataSource }, work: () => Promise<void>): Promise<Statement[]> {
  const proto = (h.dataSource.options.type === 'mysql' ? MysqlQueryRunner : BetterSqlite3QueryRunner).prototype as {
    query: (sql: string, params?: unknown[], ...rest: unknown[]) => Promise<unknown>;
  };
  const original = proto.query;
  const seen: Statement[] = [];
  proto.query = function (this: unknown, sql: string, params: unknown[] = [], ...rest: unknown[]) {
    seen.push(...split(sql, params));
    return original.call(this, sql, params, ...rest);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen.filter((s) => /^\s*(SELECT|UPDATE|DELETE|WITH)\b/i.test(s.sql));
}

/** A round trip of several statements (TransactionRunner's pipeline), one by one with their parameters. */
function split(sql: string, params: unknown[]): Statement[] {
  const parts = sql.split(/;\n/);
  if (parts.length === 1) return [{ sql, params }];
  let at = 0;
  return parts.map((part) => {
    const n = (part.match(/\?/g) ?? []).length;
    const own = params.slice(at, at + n);
    at += n;
    return { sql: part, params: own };
  });
}
