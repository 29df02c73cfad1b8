import { DomainError, admitWalkIns, businessDateOf } from '@giliran/core';
import { type Deadline, DeadlinePassed, IdempotencyStore, type Office, type ServiceEntity, Ticket, TransactionRunner } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { newTicket } from './new-ticket';
import { QueuePositions } from './queue-positions';
import { TicketRepository } from './ticket.repository';
import { type Actor, auditOf } from './audit';
import { walkInLimitsOf } from './walk-in-quota';

export interface IssueRequest {
  priority: 'regular' | 'priority';
  channel: Ticket['channel'];
  actor: Actor;
  now: Date;
  sortClass: number;
  phoneSealed: string | null;
  /** An Idempotency-Key (its stored id): recorded with the ticket's id in the transaction that inserts it. */
  idempotency?: { id: string; requestHash: string };
  /** The request's deadline: past it, it was answered 503 and gets no ticket. */
  deadline: Deadline;
}

/** The item's key was taken by another request (a retry racing its first try): answer with that one's ticket. */
export class KeyTaken extends Error {
  constructor(readonly idempotencyId: string) {
    super('the Idempotency-Key was taken by another request');
  }
}

/** A ticket issued, with its place in the queue when it was committed. */
export interface Issued {
  ticket: Ticket;
  position: number;
}

const MAX_BATCH = 100;

/**
 * One run at a time per key, over everything that arrived while the previous run was in flight
 * (at most `max` items a run, in arrival order). `work` answers each item, with a value or an
 * error; a run that throws fails all its items.
 */
export class GroupRunner<T, R> {
  private readonly lanes = new Map<string, { item: T; resolve(r: R): void; reject(e: unknown): void }[]>();

  constructor(
    private readonly work: (key: string, items: T[]) => Promise<(R | Error)[]>,
    private readonly max = MAX_BATCH,
  ) {}

  push(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.lanes.get(key);
      if (queue) return void queue.push({ item, resolve, reject });
      this.lanes.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.lanes.get(key)!;
    while (queue.length) {
      const batch = queue.splice(0, this.max);
      try {
        const results = await this.work(
          key,
          batch.map((w) => w.item),
        );
        batch.forEach((w, i) => (results[i] instanceof Error ? w.reject(results[i]) : w.resolve(results[i] as R)));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.lanes.delete(key);
  }
}

interface Issue extends IssueRequest {
  office: Office;
  service: ServiceEntity;
  businessDate: string;
}

/**
 * Group commit for walk-in tickets. The numbers of one service and day come from one row, locked
 * until commit, so issuers of a service take turns; instead of one transaction each, the kiosks
 * that arrive while a transaction is in flight are numbered together in the next one (in arrival
 * order). One request alone goes at once; under load a batch costs one lock and one commit.
 * Gapless and unique as before: a batch takes consecutive numbers, gives back what the daily
 * quotas refuse, and a rollback gives back everything.
 *
 * Positions are read the same way, after commit and apart from numbering (the next batch is
 * numbered meanwhile): one read for the tickets committed while the previous read was in flight.
 */
@Injectable()
export class IssueBatcher {
  /**
   * A batch runs under the latest deadline of its requests; one whose deadline has passed (its
   * kiosk was told 503 while the batch waited) is not numbered.
   */
  private readonly numbering = new GroupRunner<Issue, Ticket>((_, batch) => {
    const deadlines = batch.map((r) => r.deadline);
    const latest = deadlines.includes(undefined) ? undefined : Math.max(...(deadlines as number[]));
    return this.tx.run((em) => this.numberAndInsert(em, batch), { deadline: latest });
  });
  private readonly placing = new GroupRunner<Ticket, number>(async (_, tickets) => {
    // The tickets are committed: if the batch read fails, each is placed on its own, so that one
    // failed read does not leave a hundred kiosks without their number.
    const positions = await this.positions.positionsOf(tickets).catch(() => null);
    if (positions) return tickets.map((t) => positions.get(t.id) ?? 1);
    return Promise.all(tickets.map((t) => this.positions.positionOf(t).catch((err: Error) => err)));
  });

  constructor(
    private readonly tickets: TicketRepository,
    private readonly positions: QueuePositions,
    private readonly tx: TransactionRunner,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async issue(office: Office, service: ServiceEntity, request: IssueRequest): Promise<Issued> {
    const businessDate = businessDateOf(request.now, office.timezone);
    const key = `${service.id}|${businessDate}`;
    const ticket = await this.numbering.push(key, { ...request, office, service, businessDate });
    return { ticket, position: await this.placing.push(key, ticket) };
  }

  private async numberAndInsert(em: EntityManager, all: Issue[]): Promise<(Ticket | Error)[]> {
    const { office, service, businessDate } = all[0];
    const now = Date.now();
    const late = (r: Issue) => r.deadline !== undefined && r.deadline <= now;
    const ids = all.map(() => randomUUID());
    // Keys first, in this transaction: a key another request holds (committed, or waited for
    // until it commits) is not numbered here, and a ticket and its key commit together or not at
    // all. A key twice in one batch (a retry that caught up with its first try) is claimed once.
    const firstWithKey = new Map<string, Issue>();
    for (const r of all) if (r.idempotency && !late(r) && !firstWithKey.has(r.idempotency.id)) firstWithKey.set(r.idempotency.id, r);
    const keyed = [...firstWithKey.values()].map((r) => ({ ...r.idempotency!, response: ids[all.indexOf(r)] }));
    const ours = keyed.length ? await this.idempotency.claimAll(em, keyed, all[0].now) : new Set<string>();
    const taken = (r: Issue) => r.idempotency !== undefined && (!ours.has(r.idempotency.id) || firstWithKey.get(r.idempotency.id) !== r);
    const refusal = (r: Issue): Error | null => (late(r) ? new DeadlinePassed() : taken(r) ? new KeyTaken(r.idempotency!.id) : null);
    const batch = all.filter((r) => refusal(r) === null);
    const count = batch.length;
    if (count === 0) return all.map((r) => refusal(r)!);
    const priorities = batch.map((r) => r.priority);
    const taking = { walkIns: count, priorityWalkIns: priorities.filter((p) => p === 'priority').length };
    // Read before the day's row is locked: after the roll-over hour the online bookings of the day
    // can only fall (cancellations), so an older count never gives a place twice.
    const limits = await walkInLimitsOf(this.tickets, em, office, service, businessDate, all[0].now);
    const last = await this.tickets.takeNumbers(em, office.id, service.id, businessDate, count, taking);
    const first = last - count + 1;
    // Checked against the quotas here, under the row's lock, so no quota can overshoot. They count
    // walk-ins only: check-ins took numbers too, but never a walk-in's place. The numbers of the
    // refused are given back from the end, and the admitted numbered in arrival order: no gap.
    const unlimited = limits.walkIn === null && limits.priority === null;
    const after = unlimited ? taking : await this.tickets.walkInsTaken(em, office.id, service.id, businessDate);
    const before = { walkIns: after.walkIns - taking.walkIns, priorityWalkIns: after.priorityWalkIns - taking.priorityWalkIns };
    const admitted = unlimited ? batch.map(() => true) : admitWalkIns(priorities, before, limits);
    const refusedOnes = batch.filter((_, i) => !admitted[i]);
    if (refusedOnes.length) {
      const refusedPriority = refusedOnes.filter((r) => r.priority === 'priority').length;
      await this.tickets.giveBackNumbers(em, office.id, service.id, businessDate, { walkIns: refusedOnes.length, priorityWalkIns: refusedPriority });
      // A refused request's key is given back: its retry may try again.
      await this.idempotency.releaseAll(
        em,
        refusedOnes.flatMap((r) => (r.idempotency ? [r.idempotency.id] : [])),
      );
    }
    const accepted = batch.filter((_, i) => admitted[i]);
    const tickets = accepted.map((r, i) =>
      newTicket({
        id: ids[all.indexOf(r)],
        officeId: office.id,
        service,
        businessDate,
        sequence: first + i,
        priority: r.priority,
        channel: r.channel,
        sortClass: r.sortClass,
        sortAt: r.now,
        issuedAt: r.now,
        appointmentId: null,
        phoneSealed: r.phoneSealed,
      }),
    );
    if (tickets.length) {
      await this.tickets.insertTickets(em, tickets);
      await this.tickets.insertEvents(
        em,
        tickets.map((t, i) => auditOf(t, 'issued', accepted[i].actor, null, 'waiting', null, accepted[i].now)),
      );
    }
    const refused = new DomainError('QUOTA_REACHED', 409, 'today’s tickets for this service are all taken');
    return all.map((r) => refusal(r) ?? tickets[accepted.indexOf(r)] ?? refused);
  }
}
