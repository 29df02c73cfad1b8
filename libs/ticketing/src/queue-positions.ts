import { QueueCount, Ticket, TransactionRunner } from '@giliran/database';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The waiting tickets of one service's day, with parameters officeId, serviceId, status and businessDate. */
const WAITING_OF_SERVICE_DAY = (alias: string) =>
  `${alias}.officeId = :officeId AND ${alias}.serviceId = :serviceId AND ${alias}.status = :status AND ${alias}.businessDate = :businessDate`;

/** In positionsOf: waiting tickets read in a batch's span beyond its own, and behind its last, before the queue is counted instead. */
const SPAN_SLACK = 500;
const BEHIND_LIMIT = 1000;
/** Serving order within one service and class: time, then number, then id. */
const inServiceOrder = (a: { sortAt: Date; sequence: number; id: string }, b: { sortAt: Date; sequence: number; id: string }) =>
  a.sortAt.getTime() - b.sortAt.getTime() || a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * On MySQL, the index of a service's queue named for the statements that walk it: MariaDB
 * otherwise weighs every index of the ticket table, and that weighing took longer than the
 * reading.
 */
export const serviceQueueIndex = (mysql: boolean): string => (mysql ? ' FORCE INDEX (ix_ticket_service_queue)' : '');

/**
 * Where waiting tickets stand: the counts per service, the line of a service in serving order, and
 * the place of one ticket or of a batch — in constant time however long the queue (the queue
 * counts kept by TicketRepository, and the few tickets of a batch's span read by index).
 */
@Injectable()
export class QueuePositions {
  private readonly logger = new Logger('QueuePositions');
  private readonly mysql: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {
    this.mysql = !tx.isSqlite;
  }

  /** Waiting tickets per service of a business day, from the queue counts (not a count of the queue). */
  async waitingCounts(officeId: string, businessDate: string): Promise<Map<string, number>> {
    const rows: { serviceId: string; n: string | number }[] = await this.ds
      .createQueryBuilder(QueueCount, 'q')
      .select('q.serviceId', 'serviceId')
      .addSelect('SUM(q.waiting)', 'n')
      .where('q.officeId = :officeId AND q.businessDate = :businessDate', { officeId, businessDate })
      .groupBy('q.serviceId')
      .getRawMany();
    return new Map(rows.map((r) => [r.serviceId, Number(r.n)]));
  }

  /** The waiting tickets of one service in serving order (for everyone's position after a change). */
  /** The waiting tickets of a service's day in serving order, with what their phones are told. */
  waitingOfService(officeId: string, serviceId: string, businessDate: string, limit: number): Promise<Ticket[]> {
    return this.ds.getRepository(Ticket).find({
      select: { id: true, number: true, status: true, trackingToken: true, phoneSealed: true, sortClass: true, sortAt: true, sequence: true },
      where: { officeId, serviceId, businessDate, status: 'waiting' },
      order: { sortClass: 'ASC', sortAt: 'ASC', sequence: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  /** 1 + the waiting tickets of the same service ahead of this one (same order as call-next). */
  positionOf(t: Ticket): Promise<number> {
    return this.tx.read(() => this.countedPosition(t));
  }

  private async countedPosition(t: Ticket): Promise<number> {
    const ahead = await this.ds
      .createQueryBuilder(Ticket, 'a')
      .where(`${WAITING_OF_SERVICE_DAY('a')} AND ${this.before('a', 'f')}`)
      .setParameters({
        officeId: t.officeId,
        serviceId: t.serviceId,
        status: 'waiting',
        businessDate: t.businessDate,
        fc: t.sortClass,
        fat: t.sortAt,
        fseq: t.sequence,
        fid: t.id,
      })
      .getCount();
    return ahead + 1;
  }

  /**
   * Positions of tickets of one service and day issued together (a group commit), for their
   * answers, in constant time however long the queue. Per sort class, one statement (one
   * consistent read) returns the waiting tickets whose time lies from the first of the batch's to
   * the last's (in serving order), the queue count of this class and those ahead of it
   * (QueueCount), and how many of this class wait with a later time (tickets issued a moment
   * later, a few). Those ahead of the span are the count less the span and those behind it.
   * Should the span or those behind be too many to read (a batch of old sort times), the queue
   * ahead is counted instead, as is a ticket no longer waiting.
   *
   * The statement bounds times only, not the serving order's tuple (time, number, id): MariaDB
   * spent longer planning the nested OR of a tuple comparison than running it, and that planning
   * was most of the database's work in issuing a ticket.
   */
  positionsOf(batch: readonly Ticket[]): Promise<Map<string, number>> {
    // On SQLite the one connection also carries the transaction in flight (the next batch being
    // numbered): its tickets would be seen before its counts. Read between transactions there.
    return this.tx.read(() => this.readPositions(batch));
  }

  private async readPositions(batch: readonly Ticket[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const byClass = new Map<number, Ticket[]>();
    for (const t of batch) byClass.set(t.sortClass, [...(byClass.get(t.sortClass) ?? []), t]);
    for (const group of byClass.values()) {
      group.sort(inServiceOrder);
      const first = group[0];
      const last = group[group.length - 1];
      const spanLimit = group.length + SPAN_SLACK;
      const span: { id: string; total: string | number; behind: string | number }[] = await this.ds.query(
        'SELECT t.id, ' +
          '(SELECT COALESCE(SUM(q.waiting), 0) FROM queue_count q WHERE q.office_id = ? AND q.service_id = ? AND q.business_date = ? AND q.sort_class <= ?) AS total, ' +
          `(SELECT COUNT(*) FROM (SELECT 1 FROM ticket b${this.serviceQueueIndex} WHERE b.office_id = ? AND b.service_id = ? AND b.status = 'waiting' AND b.business_date = ? ` +
          `AND b.sort_class = ? AND b.sort_at > ? LIMIT ${BEHIND_LIMIT}) later) AS behind ` +
          `FROM ticket t${this.serviceQueueIndex} WHERE t.office_id = ? AND t.service_id = ? AND t.status = 'waiting' AND t.business_date = ? AND t.sort_class = ? AND t.sort_at >= ? AND t.sort_at <= ? ` +
          `ORDER BY t.sort_at, t.sequence, t.id LIMIT ${spanLimit}`,
        [
          ...[first.officeId, first.serviceId, first.businessDate, first.sortClass],
          ...[first.officeId, first.serviceId, first.businessDate, first.sortClass, this.sqlDate(last.sortAt)],
          ...[first.officeId, first.serviceId, first.businessDate, first.sortClass, this.sqlDate(first.sortAt), this.sqlDate(last.sortAt)],
        ],
      );
      const behind = span.length ? Number(span[0].behind) : 0;
      const ahead = span.length ? Number(span[0].total) - span.length - behind : 0;
      // The counts cannot be below the tickets they count: they drifted (a change made outside
      // TicketRepository, an older replica). Say so, and count the queue as for a long span.
      if (ahead < 0) this.logger.warn(`queue counts of service ${first.serviceId} on ${first.businessDate} are behind its tickets; positions are counted`);
      if (span.length === spanLimit || behind === BEHIND_LIMIT || ahead < 0) {
        for (const t of group) out.set(t.id, await this.countedPosition(t));
        continue;
      }
      const index = new Map(span.map((r, i) => [r.id, i]));
      for (const t of group) {
        const i = index.get(t.id);
        out.set(t.id, i === undefined ? await this.countedPosition(t) : ahead + i + 1);
      }
    }
    return out;
  }

  private get serviceQueueIndex(): string {
    return serviceQueueIndex(this.mysql);
  }

  private readonly sortAtColumn = () => this.ds.getMetadata(Ticket).findColumnWithPropertyName('sortAt')!;

  private sqlDate(d: Date): unknown {
    return this.ds.driver.preparePersistentValue(d, this.sortAtColumn());
  }

  /** `alias` comes before the ticket in parameters `<p>c`, `<p>at`, `<p>seq`, `<p>id`, in a service's serving order. */
  private before(alias: string, p: string): string {
    return this.servingOrder(alias, p, '<');
  }

  private after(alias: string, p: string): string {
    return this.servingOrder(alias, p, '>');
  }

  /** (sortClass, sortAt, sequence, id) compared as a tuple, spelled out for MySQL and SQLite alike. */
  private servingOrder(a: string, p: string, op: '<' | '>'): string {
    return (
      `(${a}.sortClass ${op} :${p}c OR (${a}.sortClass = :${p}c AND (${a}.sortAt ${op} :${p}at OR (${a}.sortAt = :${p}at AND ` +
      `(${a}.sequence ${op} :${p}seq OR (${a}.sequence = :${p}seq AND ${a}.id ${op} :${p}id))))))`
    );
  }
}
