import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

const WAIT_SECONDS = 300;

/**
 * Runs `work` (the pending migrations) while holding a lock for this database across processes,
 * so that replicas started together migrate one at a time: the first applies them, the others
 * wait, then find nothing pending.
 *
 * MySQL: a named lock belongs to a connection, held here on one of its own while the migrations
 * run on others. SQLite: the check-then-create of TypeORM's migrations table is not one write, so
 * SQLite's own busy timeout does not order two processes; an exclusive transaction on a small
 * lock file beside the database does. The operating system drops it with a process that dies.
 */
export async function withMigrationLock<T>(ds: DataSource, work: () => Promise<T>, logger = new Logger('Database')): Promise<T> {
  if (ds.options.type === 'better-sqlite3') return withSqliteLock(String(ds.options.database), work, logger);
  const name = `giliran:migrations:${String(ds.options.database ?? '')}`.slice(0, 64);
  const holder = ds.createQueryRunner();
  try {
    const take = async (seconds: number) => Number((await holder.query('SELECT GET_LOCK(?, ?) AS got', [name, seconds]))[0].got) === 1;
    if (!(await take(0))) {
      logger.log('another process is migrating this database; waiting for it');
      if (!(await take(WAIT_SECONDS))) throw new Error(`the migrations of this database stayed locked by another process for ${WAIT_SECONDS} s`);
    }
    try {
      return await work();
    } finally {
      await holder.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    }
  } finally {
    await holder.release();
  }
}

interface SqliteHandle {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  close(): void;
}

async function withSqliteLock<T>(path: string, work: () => Promise<T>, logger: Logger): Promise<T> {
  if (path === ':memory:') return work(); // one connection, one process: nobody to race
  const Database = require('better-sqlite3') as new (file: string) => SqliteHandle;
  const lock = new Database(`${path}.lock`);
  try {
    lock.pragma('busy_timeout = 0');
    try {
      lock.exec('BEGIN EXCLUSIVE');
    } catch {
      logger.log('another process is migrating this database; waiting for it');
      // The wait blocks this process's event loop; at start-up it has nothing else to do.
      lock.pragma(`busy_timeout = ${WAIT_SECONDS * 1000}`);
      lock.exec('BEGIN EXCLUSIVE');
    }
    try {
      return await work();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}
