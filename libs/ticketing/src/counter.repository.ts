import { Counter, CounterEvent, TransactionRunner, insertStatement, selectRows, updateStatement } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { Between, DataSource, type EntityManager } from 'typeorm';

/** Counters at work and their sessions (open, pause, close): the rows counter work locks and writes. */
@Injectable()
export class CounterRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async lockCounter(em: EntityManager, counterId: string): Promise<Counter | null> {
    return (await selectRows(em, Counter, { id: counterId }, { lock: 'update' }))[0] ?? null;
  }

  /** An UPDATE of a counter the transaction has locked, sent with its next statement (TransactionRunner.write). */
  async updateCounter(em: EntityManager, officeId: string, id: string, patch: Partial<Counter>): Promise<void> {
    const { sql, params } = updateStatement(em, Counter, { officeId, id }, patch);
    await this.tx.write(em, sql, params);
  }

  async insertCounterEvent(em: EntityManager, event: Omit<CounterEvent, 'id'>): Promise<void> {
    const statement = insertStatement(em, CounterEvent, event);
    if (statement) await this.tx.write(em, statement.sql, statement.params);
  }

  /** Counters still holding one of these tickets. */
  countersHolding(em: EntityManager, officeId: string, ticketIds: string[]): Promise<Counter[]> {
    if (ticketIds.length === 0) return Promise.resolve([]);
    return selectRows(em, Counter, { officeId, currentTicketId: ticketIds });
  }

  /**
   * Counter sessions that may overlap [from, to): those before `to`, from a day before `from`. In
   * the (office, time) index's order: ordered by id, MariaDB may walk the primary key instead.
   */
  counterEvents(officeId: string, from: Date, to: Date): Promise<CounterEvent[]> {
    return this.ds
      .getRepository(CounterEvent)
      .find({ where: { officeId, at: Between(new Date(from.getTime() - 86_400_000), to) }, order: { at: 'ASC', id: 'ASC' } });
  }
}
