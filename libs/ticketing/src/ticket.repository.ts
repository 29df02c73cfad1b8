import { QueueCount, Ticket, TicketEvent, TransactionRunner, insertStatement, selectRows, updateStatement } from '@giliran/database';
import { type QueuedTicket, SortClass, type StarvationGuard, type WalkInCounts, compareForCounter } from '@giliran/core';
import { Injectable } from '@nestjs/common';
import { serviceQueueIndex } from './queue-positions';
import { DataSource, type EntityManager, In } from 'typeorm';

const NO_WALK_INS: WalkInCounts = { walkIns: 0, priorityWalkIns: 0 };

/** In pickNext: waiting tickets read from each lane at a time. */
const LANE_WINDOW = 8;

/**
 * Lets concurrent calls of one process pass over a candidate another of them is locking or has
 * just called, without a round trip to learn that it is locked or no longer waiting.
 */
export interface CandidateClaims {
  /** False when another call of this process holds the ticket: try the next one. */
  claim(ticketId: string): boolean;
}

/** Every query on tickets takes the office id (STYLE.md 3). */
@Injectable()
export class TicketRepository {
  private readonly mysql: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {
    this.mysql = !tx.isSqlite;
  }

  /**
   * The next number of a service's day, inside the caller's transaction (see takeNumbers). `walkIn`:
   * a walk-in (counted for the quotas, a priority one apart), or null for a check-in (never counted).
   */
  async nextNumber(em: EntityManager, officeId: string, serviceId: string, businessDate: string, walkIn: 'regular' | 'priority' | null): Promise<number> {
    return this.takeNumbers(em, officeId, serviceId, businessDate, 1, walkIn ? { walkIns: 1, priorityWalkIns: walkIn === 'priority' ? 1 : 0 } : NO_WALK_INS);
  }

  /**
   * Takes `count` consecutive numbers and returns the last, inside the caller's transaction: the
   * sequence row is created or bumped and stays locked until commit, so numbers are unique, and a
   * rollback gives them back, so they are gapless. Walk-ins are counted apart (`walk_ins`, of
   * them the priority ones in `priority_walk_ins`): the daily quotas are theirs, and a check-in
   * never uses them.
   */
  async takeNumbers(em: EntityManager, officeId: string, serviceId: string, businessDate: string, count: number, walkIns: WalkInCounts): Promise<number> {
    const { walkIns: w, priorityWalkIns: p } = walkIns;
    if (this.mysql) {
      // One statement: LAST_INSERT_ID(expr) hands the bumped value back in the OK packet, so the
      // hot row is locked for one round trip less. A fresh row (no duplicate) ends at `count`.
      const res: { insertId: number } = await em.query(
        'INSERT INTO daily_sequence (office_id, service_id, business_date, last_number, walk_ins, priority_walk_ins) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON DUPLICATE KEY UPDATE walk_ins = walk_ins + ?, priority_walk_ins = priority_walk_ins + ?, last_number = LAST_INSERT_ID(last_number + ?)',
        [officeId, serviceId, businessDate, count, w, p, w, p, count],
      );
      return Number(res.insertId) || count;
    }
    const rows: { last_number: number }[] = await em.query(
      'INSERT INTO daily_sequence (office_id, service_id, business_date, last_number, walk_ins, priority_walk_ins) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (office_id, service_id, business_date) DO UPDATE SET last_number = last_number + ?, walk_ins = walk_ins + ?, priority_walk_ins = priority_walk_ins + ? RETURNING last_number',
      [officeId, serviceId, businessDate, count, w, p, count, w, p],
    );
    return Number(rows[0].last_number);
  }

  /**
   * The walk-ins of a service's day so far, this transaction's included; read after takeNumbers,
   * whose lock on the row it relies on (the quotas are checked against it before commit).
   */
  async walkInsTaken(em: EntityManager, officeId: string, serviceId: string, businessDate: string): Promise<WalkInCounts> {
    const rows: { walk_ins: number; priority_walk_ins: number }[] = await em.query(
      'SELECT walk_ins, priority_walk_ins FROM daily_sequence WHERE office_id = ? AND service_id = ? AND business_date = ?',
      [officeId, serviceId, businessDate],
    );
    return { walkIns: Number(rows[0]?.walk_ins ?? 0), priorityWalkIns: Number(rows[0]?.priority_walk_ins ?? 0) };
  }

  /** The walk-ins of an office's day per service, for the board's places left. */
  async walkInsOfDay(officeId: string, businessDate: string): Promise<Map<string, WalkInCounts>> {
    const rows: { service_id: string; walk_ins: number; priority_walk_ins: number }[] = await this.ds.query(
      'SELECT service_id, walk_ins, priority_walk_ins FROM daily_sequence WHERE office_id = ? AND business_date = ?',
      [officeId, businessDate],
    );
    return new Map(rows.map((r) => [r.service_id, { walkIns: Number(r.walk_ins), priorityWalkIns: Number(r.priority_walk_ins) }]));
  }

  /** The online bookings of a service's day (counted while it has an online quota), for the roll-over. */
  async onlineBooked(em: EntityManager | null, serviceId: string, businessDate: string): Promise<number> {
    const rows: { booked: number }[] = await (em ?? this.ds.manager).query('SELECT booked FROM daily_booking WHERE service_id = ? AND business_date = ?', [
      serviceId,
      businessDate,
    ]);
    return Number(rows[0]?.booked ?? 0);
  }

  /** Gives back the last `count` walk-in numbers taken in this transaction (the daily quotas refused them). */
  async giveBackNumbers(em: EntityManager, officeId: string, serviceId: string, businessDate: string, refused: WalkInCounts): Promise<void> {
    await em.query(
      'UPDATE daily_sequence SET last_number = last_number - ?, walk_ins = walk_ins - ?, priority_walk_ins = priority_walk_ins - ? WHERE office_id = ? AND service_id = ? AND business_date = ?',
      [refused.walkIns, refused.walkIns, refused.priorityWalkIns, officeId, serviceId, businessDate],
    );
  }

  /** Inserts tickets inside the caller's transaction (TransactionRunner.write), counting the waiting ones (QueueCount). */
  async insertTickets(em: EntityManager, tickets: Ticket | Ticket[]): Promise<void> {
    const statement = insertStatement(em, Ticket, tickets);
    if (statement) await this.tx.write(em, statement.sql, statement.params);
    for (const t of Array.isArray(tickets) ? tickets : [tickets]) if (t.status === 'waiting') this.countWaiting(em, t, 1);
  }

  /**
   * Changes a ticket inside the caller's transaction. `ticket` is the row as it is (locked by the
   * caller): when the change moves it into or out of a queue, the queue counts move with it.
   */
  async updateTicket(em: EntityManager, ticket: Ticket, patch: Partial<Ticket>): Promise<void> {
    await this.writeUpdate(em, Ticket, { officeId: ticket.officeId, id: ticket.id }, patch);
    const after = { ...ticket, ...patch };
    if (ticket.status === 'waiting') this.countWaiting(em, ticket, -1);
    if (after.status === 'waiting') this.countWaiting(em, after, 1);
  }

  private readonly pendingCounts = new WeakMap<EntityManager, Map<string, QueueCount>>();

  /** Adds to a queue count, written once, last, just before the transaction commits. */
  private countWaiting(em: EntityManager, t: Pick<Ticket, 'officeId' | 'serviceId' | 'businessDate' | 'sortClass'>, delta: number): void {
    let pending = this.pendingCounts.get(em);
    if (!pending) {
      this.pendingCounts.set(em, (pending = new Map()));
      this.tx.beforeCommit(em, () => this.writeCounts(em));
    }
    const key = `${t.officeId}|${t.serviceId}|${t.businessDate}|${t.sortClass}`;
    const row =
      pending.get(key) ??
      Object.assign(new QueueCount(), { officeId: t.officeId, serviceId: t.serviceId, businessDate: t.businessDate, sortClass: t.sortClass, waiting: 0 });
    row.waiting += delta;
    pending.set(key, row);
  }

  /** One statement for all the transaction's counts, in key order (two transfers crossing lock rows in the same order). */
  private async writeCounts(em: EntityManager): Promise<void> {
    const pending = this.pendingCounts.get(em);
    this.pendingCounts.delete(em);
    const rows = [...(pending?.entries() ?? [])]
      .filter(([, r]) => r.waiting !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, r]) => r);
    if (rows.length === 0) return;
    const values = rows.map(() => '(?, ?, ?, ?, ?)').join(', ');
    const upsert = this.mysql
      ? 'ON DUPLICATE KEY UPDATE waiting = waiting + VALUES(waiting)'
      : 'ON CONFLICT (office_id, service_id, business_date, sort_class) DO UPDATE SET waiting = waiting + excluded.waiting';
    await this.tx.write(
      em,
      `INSERT INTO queue_count (office_id, service_id, business_date, sort_class, waiting) VALUES ${values} ${upsert}`,
      rows.flatMap((r) => [r.officeId, r.serviceId, r.businessDate, r.sortClass, r.waiting]),
    );
  }

  /** Audit rows, written with the transaction's next statement (TransactionRunner.write). */
  async insertEvents(em: EntityManager, events: Partial<TicketEvent>[]): Promise<void> {
    const statement = insertStatement(em, TicketEvent, events);
    if (statement) await this.tx.write(em, statement.sql, statement.params);
  }

  /**
   * An UPDATE of rows the transaction has locked (or owns), with no answer awaited: it goes with
   * the transaction's next statement (TransactionRunner.write).
   */
  private async writeUpdate<E extends Ticket>(em: EntityManager, entity: new () => E, where: Partial<E>, patch: Partial<E>): Promise<void> {
    const { sql, params } = updateStatement(em, entity, where, patch);
    await this.tx.write(em, sql, params);
  }

  async lockTicket(em: EntityManager, ticketId: string): Promise<Ticket | null> {
    return (await selectRows(em, Ticket, { id: ticketId }, { lock: 'update' }))[0] ?? null;
  }

  /**
   * The ticket a counter serves next, locked for this transaction, in the order of the core's
   * compareForCounter. The first in that order is the head of a lane (the waiting tickets of one
   * service and sort class in time order), since within a lane the longer-waiting ticket never
   * ranks lower, starved or not. So the first few of each of the counter's lanes are read, by
   * index however long the queue, and ordered by compareForCounter itself. On MySQL they are then
   * locked one by one with SKIP LOCKED: a sorted `FOR UPDATE` would lock every row it sorts, and a
   * second counter calling at the same instant would find nothing while tickets still wait. When
   * every one read is taken, the next few of each lane are read.
   */
  async pickNext(
    em: EntityManager,
    officeId: string,
    businessDate: string,
    servicePreference: string[],
    guard: StarvationGuard,
    claims?: CandidateClaims,
  ): Promise<Ticket | null> {
    if (servicePreference.length === 0) return null;
    const order = compareForCounter(servicePreference, guard);
    for (let offset = 0; offset < 5_000; offset += LANE_WINDOW) {
      const { heads, more } = await this.laneHeads(em, officeId, businessDate, servicePreference, offset);
      for (const { id } of heads.sort(order)) {
        if (claims && !claims.claim(id)) continue;
        // SQLite has one writer: nobody else holds the row, and the first is the one.
        const [locked] = await selectRows(em, Ticket, { officeId, id, status: 'waiting' }, { lock: 'skip-locked' });
        if (locked) return locked;
      }
      if (!more) return null;
    }
    return null;
  }

  /**
   * From `offset` on, LANE_WINDOW waiting tickets of each lane of these services, in time order
   * (each read along ix_ticket_service_queue); `more` when a lane may have others beyond.
   */
  private async laneHeads(
    em: EntityManager,
    officeId: string,
    businessDate: string,
    serviceIds: string[],
    offset: number,
  ): Promise<{ heads: QueuedTicket[]; more: boolean }> {
    const lanes = serviceIds.flatMap((serviceId) => Object.values(SortClass).map((sortClass) => [serviceId, sortClass] as const));
    const lane = (i: number) =>
      `SELECT * FROM (SELECT id, service_id, sort_class, sort_at, sequence, ${i} AS lane FROM ticket${serviceQueueIndex(this.mysql)} WHERE office_id = ? AND service_id = ? AND status = 'waiting' ` +
      `AND business_date = ? AND sort_class = ? ORDER BY sort_at, sequence, id LIMIT ${LANE_WINDOW} OFFSET ${offset}) l${i}`;
    const rows: { id: string; service_id: string; sort_class: number; sort_at: Date | string; sequence: number; lane: number }[] = await em.query(
      lanes.map((_, i) => lane(i)).join(' UNION ALL '),
      lanes.flatMap(([serviceId, sortClass]) => [officeId, serviceId, businessDate, sortClass]),
    );
    const perLane = new Map<number, number>();
    for (const r of rows) perLane.set(Number(r.lane), (perLane.get(Number(r.lane)) ?? 0) + 1);
    return {
      heads: rows.map((r) => ({
        id: r.id,
        serviceId: r.service_id,
        sortClass: Number(r.sort_class),
        sortAt: this.hydrateSortAt(r.sort_at),
        sequence: Number(r.sequence),
      })),
      more: [...perLane.values()].some((n) => n === LANE_WINDOW),
    };
  }

  findById(officeId: string, id: string): Promise<Ticket | null> {
    return this.ds.getRepository(Ticket).findOneBy({ officeId, id });
  }

  /** Tickets are addressed by id alone in counter work; the office comes from the row. */
  findByIdAnyOffice(id: string): Promise<Ticket | null> {
    return this.ds.getRepository(Ticket).findOneBy({ id });
  }

  findByToken(trackingToken: string): Promise<Ticket | null> {
    return this.ds.getRepository(Ticket).findOneBy({ trackingToken });
  }

  findMany(officeId: string, ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(Ticket).findBy({ officeId, id: In(ids) });
  }

  list(officeId: string, filter: { businessDate: string; status?: string; serviceId?: string }, limit: number): Promise<Ticket[]> {
    return this.ds.getRepository(Ticket).find({
      where: {
        officeId,
        businessDate: filter.businessDate,
        ...(filter.status ? { status: filter.status as Ticket['status'] } : {}),
        ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
      },
      order: { issuedAt: 'ASC', number: 'ASC' },
      take: limit,
    });
  }

  events(officeId: string, ticketId: string): Promise<TicketEvent[]> {
    return this.ds.getRepository(TicketEvent).find({ where: { officeId, ticketId }, order: { id: 'ASC' } });
  }

  private hydrateSortAt(raw: Date | string): Date {
    return this.ds.driver.prepareHydratedValue(raw, this.ds.getMetadata(Ticket).findColumnWithPropertyName('sortAt')!) as Date;
  }

  async lockUnfinishedBefore(em: EntityManager, officeId: string, beforeDate: string, limit: number): Promise<Ticket[]> {
    const qb = em
      .createQueryBuilder(Ticket, 't')
      .where('t.officeId = :officeId AND t.businessDate < :beforeDate AND t.status IN (:...statuses)', {
        officeId,
        beforeDate,
        statuses: ['waiting', 'called', 'serving'],
      })
      .orderBy('t.id', 'ASC')
      .limit(limit);
    // By the office's unfinished tickets (a handful), never the primary key in id order: with
    // `ORDER BY id LIMIT`, MariaDB may walk every ticket of every office until it has enough.
    if (this.mysql) qb.useIndex('ix_ticket_queue').setLock('pessimistic_write');
    return qb.getMany();
  }
}
