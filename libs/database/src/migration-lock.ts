import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

const WAIT_SECONDS = 300;

/**
 * Runs `work` (the pending migrations) while holding a MySQL named lock for this database, so
 * that replicas started together migrate one at a time: the first applies them, the others wait,
 * then find nothing pending. A named lock belongs to a connection, held here on one of its own
 * while the migrations run on others. SQLite has one writer, and its busy timeout does the same.
 */
export async function withMigrationLock<T>(ds: DataSource, work: () => Promise<T>, logger = new Logger('Database')): Promise<T> {
  if (ds.options.type === 'better-sqlite3') return work();
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
