import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE_MYSQL_ERRORS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

/**
 * The one way services open a transaction. On MySQL it retries deadlocks a few times.
 * SQLite has one connection and one writer: transactions are queued here so that two requests
 * never interleave statements on the shared connection.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const withHooks = async (em: EntityManager) => {
      this.open.add(em);
      const result = await work(em);
      await this.runBeforeCommit(em);
      return result;
    };
    if (this.isSqlite) return this.serialized(() => this.dataSource.transaction(withHooks));
    return this.withRetry(() => this.mysqlTransaction(withHooks));
  }

  private readonly commitHooks = new WeakMap<EntityManager, (() => Promise<void>)[]>();
  private readonly open = new WeakSet<EntityManager>();

  /**
   * Work to do last in the transaction of `em`, right before it commits: a hot row (a counter
   * many transactions bump) is then locked for one statement and the commit only. A retried
   * attempt has a new `em`, and starts with no hooks.
   */
  beforeCommit(em: EntityManager, hook: () => Promise<void>): void {
    if (!this.open.has(em)) throw new Error('beforeCommit needs a transaction of TransactionRunner.run');
    const hooks = this.commitHooks.get(em);
    if (hooks) hooks.push(hook);
    else this.commitHooks.set(em, [hook]);
  }

  private async runBeforeCommit(em: EntityManager): Promise<void> {
    const hooks = this.commitHooks.get(em) ?? [];
    this.commitHooks.delete(em);
    for (const hook of hooks) await hook();
  }

  /** Pooled MySQL connections already set to READ COMMITTED for their whole session. */
  private readonly readCommitted = new WeakSet<object>();

  /**
   * READ COMMITTED: a conditional UPDATE that matches nothing (a full slot) lets go of the row at
   * once instead of holding it to the end, and every statement sees the latest commits. It is set
   * once per pooled connection, for its session, rather than before every transaction (one round
   * trip less on every write).
   */
  private async mysqlTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as object;
      if (!this.readCommitted.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommitted.add(connection);
      }
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (err) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await runner.release();
    }
  }

  /** A read that must not see another request's uncommitted SQLite writes. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isSqlite) return this.serialized(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        const errno = (err as { errno?: number; driverError?: { errno?: number } }).driverError?.errno ?? (err as { errno?: number }).errno;
        if (attempt >= 5 || errno === undefined || !RETRYABLE_MYSQL_ERRORS.has(errno)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
}
