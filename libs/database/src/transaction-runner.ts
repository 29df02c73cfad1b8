import { type DataSource, type EntityManager, QueryResult, type QueryRunner } from 'typeorm';
import { type Deadline, DeadlinePassed, deadlinePassed } from './deadline';

const RETRYABLE_MYSQL_ERRORS = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The statements of one MySQL transaction that need not go alone: `START TRANSACTION`, and the
 * writes whose results nobody reads (TransactionRunner.write). They wait and go with the
 * transaction's next statement, or with its COMMIT, as one multi-statement round trip, in the
 * order they were made. Every statement the transaction sends passes through here (TypeORM's
 * query builders and `em.query` alike call the query runner's `query`), so a read still sees
 * every write made before it. A round trip is what a transaction pays most for here: each one
 * wakes the database and the API again (docs/benchmarks.md).
 */
class MysqlPipeline {
  private readonly waiting: Statement[] = [{ sql: 'START TRANSACTION', params: [] }];
  /** Something was sent: the transaction may be open on the server. */
  private sent = false;
  private readonly send: (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
  private readonly state: { isTransactionActive: boolean };

  constructor(
    runner: QueryRunner,
    private readonly deadline: Deadline,
  ) {
    this.send = runner.query.bind(runner) as MysqlPipeline['send'];
    runner.query = ((sql: string, params?: unknown[], structured?: boolean) => this.query(sql, params ?? [], structured)) as QueryRunner['query'];
    // TypeORM must not open a transaction of its own on this runner (a save, say).
    this.state = runner as { isTransactionActive: boolean };
    this.state.isTransactionActive = true;
  }

  defer(sql: string, params: unknown[]): void {
    this.waiting.push({ sql, params });
  }

  async commit(): Promise<void> {
    if (!this.sent && this.waiting.length === 1) return; // nothing was read or written: no transaction to end
    this.waiting.push({ sql: 'COMMIT', params: [] });
    await this.flush();
  }

  async rollback(): Promise<void> {
    this.waiting.length = 0; // writes not sent are dropped
    if (this.sent) await this.send('ROLLBACK');
  }

  /** Ends the runner's transaction state, whatever happened. */
  close(): void {
    this.state.isTransactionActive = false;
  }

  private async flush(): Promise<void> {
    const last = this.waiting.pop()!;
    await this.query(last.sql, last.params);
  }

  /**
   * The statement with those waiting before it, in one round trip; answers for the statement alone.
   * Past the request's deadline no statement goes (COMMIT neither): the transaction rolls back.
   */
  private async query(sql: string, params: unknown[], structured = false): Promise<unknown> {
    if (deadlinePassed(this.deadline)) throw new DeadlinePassed();
    if (this.waiting.length === 0) return this.send(sql, params, structured);
    const batch = [...this.waiting.splice(0), { sql, params }];
    this.sent = true;
    const all = (await this.send(
      batch.map((s) => s.sql).join(';\n'),
      batch.flatMap((s) => s.params),
      true,
    )) as QueryResult;
    const raw: unknown = (all.raw as unknown[])[batch.length - 1];
    if (!structured) return raw;
    const result = new QueryResult();
    result.raw = raw;
    if (Array.isArray(raw)) result.records = raw;
    const affected = (raw as { affectedRows?: number } | undefined)?.affectedRows;
    if (affected !== undefined) result.affected = affected;
    return result;
  }
}

/**
 * The one way services open a transaction. On MySQL it retries deadlocks a few times, and sends
 * statements that can wait together (MysqlPipeline). SQLite has one connection and one writer:
 * transactions are queued here so that two requests never interleave statements on the shared
 * connection.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * `work` in one transaction. With the `deadline` of the request it writes for, no statement goes
   * after it, COMMIT neither: a transaction that waited out a frozen database rolls back instead of
   * committing after its request was answered 503.
   */
  run<T>(work: (em: EntityManager) => Promise<T>, opts: { deadline?: Deadline } = {}): Promise<T> {
    const { deadline } = opts;
    const withHooks = async (em: EntityManager) => {
      this.open.add(em);
      const result = await work(em);
      await this.runBeforeCommit(em);
      // SQLite has no pipeline to check each statement: its one writer is checked before COMMIT.
      if (deadlinePassed(deadline)) throw new DeadlinePassed();
      return result;
    };
    if (this.isSqlite) return this.serialized(() => (deadlinePassed(deadline) ? Promise.reject(new DeadlinePassed()) : this.dataSource.transaction(withHooks)));
    return this.withRetry(() => this.mysqlTransaction(withHooks, deadline));
  }

  /**
   * A write inside the transaction of `em` whose result is not needed (no affected rows, no id):
   * on MySQL it goes with the transaction's next statement or its COMMIT, in order, without a
   * round trip of its own. Should it fail, the transaction fails there, and rolls back whole; so
   * a write whose failure the caller handles itself (a unique key it expects to hit) is not one
   * for this. On SQLite it runs at once.
   */
  async write(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
    if (!this.open.has(em)) throw new Error('write needs a transaction of TransactionRunner.run');
    const pipeline = this.pipelines.get(em);
    if (pipeline) pipeline.defer(sql, params);
    else await em.query(sql, params);
  }

  private readonly commitHooks = new WeakMap<EntityManager, (() => Promise<void>)[]>();
  private readonly open = new WeakSet<EntityManager>();
  private readonly pipelines = new WeakMap<EntityManager, MysqlPipeline>();

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
  private async mysqlTransaction<T>(work: (em: EntityManager) => Promise<T>, deadline: Deadline): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as object;
      if (deadlinePassed(deadline)) throw new DeadlinePassed(); // the pool kept it waiting past the request
      if (!this.readCommitted.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommitted.add(connection);
      }
      const pipeline = new MysqlPipeline(runner, deadline);
      this.pipelines.set(runner.manager, pipeline);
      try {
        const result = await work(runner.manager);
        await pipeline.commit();
        return result;
      } catch (err) {
        await pipeline.rollback().catch(() => undefined);
        throw err;
      } finally {
        pipeline.close();
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
