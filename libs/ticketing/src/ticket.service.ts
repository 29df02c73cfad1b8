import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { OfficeEvent, StaffTicketView, TicketView } from '@giliran/contracts';
import { DomainError, type TicketAction, businessDateOf, isOpenAt, nextStatus, PiiCipher, SortClass, sortClassOf } from '@giliran/core';
import {
  type Counter,
  type Deadline,
  type IdempotencyRecord,
  IdempotencyStore,
  type Office,
  type ServiceEntity,
  Ticket,
  TransactionRunner,
  inBatches,
} from '@giliran/database';
import type { DayCloseResult } from '@giliran/jobs';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { RealtimePublisher } from '@giliran/realtime';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, auditOf, eventType } from './audit';
import { assertWalkInPlace } from './walk-in-quota';
import { BoardRefresher } from './board-refresher';
import { BoardService } from './board.service';
import type { IssueTicketDto } from './ticket.dto';
import { OfficeRepository } from '@giliran/offices';
import { CounterRepository } from './counter.repository';
import { TicketRepository } from './ticket.repository';
import { IssueBatcher, KeyTaken } from './issue-batcher';
import { newTicket } from './new-ticket';
import { staffTicketView, ticketView } from './views';

export { type Actor, actorName, auditOf, eventType } from './audit';

type StaffAction = Extract<TicketAction, 'start' | 'complete' | 'no_show' | 'cancel'>;

export interface Change {
  ticket: Ticket;
  from: Ticket['status'];
  counter?: Counter | null;
  /** The service a transfer took the ticket out of. */
  fromServiceId?: string;
}

/** Walk-in tickets and their lifecycle (API.md "Tickets" and the ticket part of "Counter work"). */
@Injectable()
export class TicketService {
  constructor(
    private readonly offices: OfficeRepository,
    private readonly tickets: TicketRepository,
    private readonly counterRows: CounterRepository,
    private readonly tx: TransactionRunner,
    private readonly board: BoardService,
    private readonly publisher: RealtimePublisher,
    private readonly refresher: BoardRefresher,
    private readonly batcher: IssueBatcher,
    private readonly idempotency: IdempotencyStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  private readonly pii: PiiCipher;

  /**
   * A walk-in ticket. The channel `staff` is for staff only (a kiosk or a phone says `kiosk` or
   * `remote`). With an Idempotency-Key, a retry of a request whose answer was lost gets the same
   * ticket, at its current place, and nothing more is issued: the key is recorded, with the
   * ticket's id, in the transaction that inserts the ticket (IssueBatcher).
   */
  async issue(
    officeId: string,
    dto: IssueTicketDto,
    actor: Actor,
    now = new Date(),
    opts: { idempotencyKey?: string; deadline?: Deadline } = {},
  ): Promise<TicketView> {
    const channel = dto.channel ?? 'kiosk';
    if (channel === 'staff') {
      if (typeof actor === 'string') throw new DomainError('FORBIDDEN', 403, 'the staff channel needs a staff token');
      assertOfficeAccess(actor, officeId);
    }
    const office = await this.board.office(officeId);
    const service = await this.offices.findService(officeId, dto.serviceId);
    if (!service) throw new DomainError('NOT_FOUND', 404, 'service not found');
    const idempotency = opts.idempotencyKey
      ? { id: this.idempotency.id(`ticket:${officeId}`, opts.idempotencyKey), requestHash: this.idempotency.requestHash({ officeId, ...dto, channel }) }
      : undefined;
    // A retry of an answered request finds its key taken in the batch (KeyTaken, below): no read
    // before, since every kiosk sends a key and nearly every key is new.
    await this.assertIssuable(office, service, now);
    const priority = dto.priority ?? 'regular';
    try {
      const { ticket, position } = await this.batcher.issue(office, service, {
        priority,
        channel,
        actor,
        now,
        sortClass: sortClassOf(priority),
        phoneSealed: dto.phone ? this.pii.encrypt(dto.phone) : null,
        idempotency,
        deadline: opts.deadline,
      });
      return await this.afterIssue(ticket, position);
    } catch (err) {
      // The same key, sent again while the first was being numbered: the first's ticket.
      if (!(err instanceof KeyTaken) || !idempotency) throw err;
      const record = await this.tx.read((em) => this.idempotency.find(em, err.idempotencyId));
      if (!record) throw new DomainError('CONFLICT', 409, 'a request with this Idempotency-Key was refused meanwhile; try again');
      return this.replay(officeId, record, idempotency.requestHash);
    }
  }

  /** The ticket a key was first answered with, as it stands now. */
  private async replay(officeId: string, record: IdempotencyRecord, requestHash: string): Promise<TicketView> {
    if (record.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422, 'this Idempotency-Key was used for a different request');
    const ticket = await this.tickets.findById(officeId, record.response);
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    const { position, estimatedWaitMinutes } = await this.board.estimate(ticket);
    return ticketView(ticket, position, estimatedWaitMinutes);
  }

  /** Refusals that need no number: an inactive service, a closed office (in its own zone). */
  private async assertIssuable(office: Office, service: ServiceEntity, now: Date): Promise<void> {
    if (!service.active) throw new DomainError('SERVICE_INACTIVE', 409, 'this service is not taking tickets');
    const businessDate = businessDateOf(now, office.timezone);
    const [hours, holiday] = await Promise.all([this.offices.hours(office.id), this.offices.isHoliday(office.id, businessDate)]);
    if (!isOpenAt(now, office.timezone, hours, holiday ? new Set([businessDate]) : new Set())) {
      throw new DomainError('OFFICE_CLOSED', 409, 'the office is closed now');
    }
  }

  /**
   * Issues a ticket inside the caller's transaction: checks the service and the opening hours,
   * then takes the next number of the day. Used by walk-ins and by appointment check-in.
   */
  async issueWithin(
    em: EntityManager,
    office: Office,
    service: ServiceEntity,
    o: {
      priority: 'regular' | 'priority';
      channel: Ticket['channel'];
      actor: Actor;
      now: Date;
      sortClass: number;
      sortAt: Date;
      appointmentId: string | null;
      phoneSealed?: string | null;
    },
  ): Promise<Ticket> {
    const businessDate = businessDateOf(o.now, office.timezone);
    await this.assertIssuable(office, service, o.now);
    // Allocated inside this transaction, and checked against the quota here too, so the
    // quota cannot overshoot and a refused ticket leaves no gap. A booked citizen checking in
    // is never refused for the walk-ins' quota (API.md "Booking").
    const walkIn = o.appointmentId === null ? o.priority : null;
    const sequence = await this.tickets.nextNumber(em, office.id, service.id, businessDate, walkIn);
    // Refused, the rollback gives the number back.
    if (walkIn) await assertWalkInPlace(this.tickets, em, { office, service, businessDate, now: o.now }, walkIn);
    const t = newTicket({
      officeId: office.id,
      service,
      businessDate,
      sequence,
      priority: o.priority,
      channel: o.channel,
      sortClass: o.sortClass,
      sortAt: o.sortAt,
      issuedAt: o.now,
      appointmentId: o.appointmentId,
      phoneSealed: o.phoneSealed ?? null,
    });
    await this.tickets.insertTickets(em, t);
    await this.tickets.insertEvents(em, [auditOf(t, 'issued', o.actor, null, 'waiting', null, o.now, o.appointmentId ? 'check-in of an appointment' : null)]);
    return t;
  }

  /** After commit: events for the board and the tickets behind, and the kiosk's answer. */
  async afterIssue(ticket: Ticket, knownPosition?: number): Promise<TicketView> {
    const { officeId, businessDate } = ticket;
    const { position, estimatedWaitMinutes } = await this.board.estimate(ticket, knownPosition);
    await this.publisher.publish(officeId, [
      {
        name: 'ticket.issued',
        payload: {
          officeId,
          ticketId: ticket.id,
          number: ticket.number,
          serviceId: ticket.serviceId,
          priority: ticket.priority,
          issuedAt: ticket.issuedAt.toISOString(),
        },
      },
    ]);
    // A priority ticket or an appointment goes ahead of regular ones: their holders see their new place.
    this.refresher.schedule(officeId, [businessDate], ticket.sortClass < SortClass.Regular ? [`${businessDate}|${ticket.serviceId}`] : []);
    return ticketView(ticket, position, estimatedWaitMinutes);
  }

  /** start / complete / no-show / cancel, by an officer of the ticket's office. */
  async transition(user: StaffPrincipal, ticketId: string, action: StaffAction): Promise<StaffTicketView> {
    return this.changeByStaff(user, ticketId, (em, ticket, now) => this.applyTransition(em, ticket, action, user, now));
  }

  /**
   * The same change, committed but not yet published: for a caller that publishes it together
   * with its own (complete-and-next announces the call first, then what led to it).
   */
  transitionUnpublished(user: StaffPrincipal, ticketId: string, action: StaffAction): Promise<Change> {
    return this.commitByStaff(user, ticketId, (em, ticket, now) => this.applyTransition(em, ticket, action, user, now));
  }

  /** A staff member's change to one ticket: office checked, row locked, change applied and published. */
  private async changeByStaff(
    user: StaffPrincipal,
    ticketId: string,
    change: (em: EntityManager, ticket: Ticket, now: Date) => Promise<Change>,
  ): Promise<StaffTicketView> {
    const done = await this.commitByStaff(user, ticketId, change);
    await this.publishChanges(done.ticket.officeId, [done]);
    return this.staffView(done.ticket);
  }

  /** The office is checked on the locked row itself: one read, not a read before the transaction and the lock in it. */
  private async commitByStaff(
    user: StaffPrincipal,
    ticketId: string,
    change: (em: EntityManager, ticket: Ticket, now: Date) => Promise<Change>,
  ): Promise<Change> {
    const now = new Date();
    return this.tx.run(
      async (em) => {
        const ticket = await this.tickets.lockTicket(em, ticketId);
        if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
        assertOfficeAccess(user, ticket.officeId);
        return change(em, ticket, now);
      },
      { deadline: user.deadline },
    );
  }

  async staffView(ticket: Ticket): Promise<StaffTicketView> {
    const { position, estimatedWaitMinutes } = await this.board.estimate(ticket);
    return staffTicketView(ticket, position, estimatedWaitMinutes);
  }

  /**
   * Sends a ticket back to `waiting` in another service. It keeps its number and its original
   * place in time (sortAt), so it does not go to the back of the other service's queue.
   */
  async transfer(user: StaffPrincipal, ticketId: string, serviceId: string, reason: string | undefined): Promise<StaffTicketView> {
    return this.changeByStaff(user, ticketId, async (em, ticket, now) => {
      const target = await this.offices.findService(ticket.officeId, serviceId);
      if (!target) throw new DomainError('NOT_FOUND', 404, 'service not found');
      if (!target.active) throw new DomainError('SERVICE_INACTIVE', 409, 'that service is not taking tickets');
      if (target.id === ticket.serviceId) throw new DomainError('VALIDATION_FAILED', 400, 'serviceId: the ticket is already in that service');
      return this.applyTransition(em, ticket, 'transfer', user, now, { serviceId: target.id, note: reason ?? null });
    });
  }

  /** Applies one state-machine step with its audit event, inside the caller's transaction. */
  async applyTransition(
    em: EntityManager,
    ticket: Ticket,
    action: TicketAction,
    actor: Actor,
    now: Date,
    opts: { serviceId?: string; note?: string | null } = {},
  ): Promise<Change> {
    const from = ticket.status;
    const to = nextStatus(from, action);
    if (!to) throw new DomainError('INVALID_TRANSITION', 409, `cannot ${action.replace('_', '-')} a ticket that is ${from}`);
    const patch: Partial<Ticket> = { status: to };
    if (to === 'serving') patch.startedAt = now;
    // Completed without an explicit start: the service counts from the call (API.md v1.1).
    if (action === 'complete' && from === 'called') patch.startedAt = ticket.calledAt ?? now;
    if (to === 'done' || to === 'no_show' || to === 'cancelled') patch.finishedAt = now;
    const leavesCounter = Boolean(patch.finishedAt) || action === 'transfer';
    const heldBy = ticket.counterId;
    const fromServiceId = ticket.serviceId;
    if (action === 'transfer') Object.assign(patch, { serviceId: opts.serviceId, counterId: null, calledAt: null, startedAt: null, recallCount: 0 });
    await this.tickets.updateTicket(em, ticket, patch);
    Object.assign(ticket, patch);
    let counter: Counter | null = null;
    if (leavesCounter && heldBy) {
      const held = await this.counterRows.countersHolding(em, ticket.officeId, [ticket.id]);
      for (const c of held) {
        await this.counterRows.updateCounter(em, c.officeId, c.id, { currentTicketId: null });
        c.currentTicketId = null;
        counter = c;
      }
    }
    await this.tickets.insertEvents(em, [auditOf(ticket, eventType(action), actor, from, to, heldBy, now, opts.note ?? null)]);
    return { ticket, from, counter, fromServiceId };
  }

  /** After commit: tell the office room, the counters and the tickets' own rooms. */
  async publishChanges(officeId: string, changes: Change[], extra: OfficeEvent[] = []): Promise<void> {
    if (changes.length === 0 && extra.length === 0) return;
    const events: OfficeEvent[] = [...extra];
    for (const { ticket } of changes) {
      events.push({
        name: 'ticket.updated',
        payload: { officeId, ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId, status: ticket.status, counterId: ticket.counterId },
      });
    }
    const counters = new Map(changes.flatMap((c) => (c.counter ? [[c.counter.id, c.counter] as const] : [])));
    const inHand = changes.map((c) => c.ticket);
    for (const counter of counters.values()) events.push(await this.board.counterUpdatedEvent(counter, inHand));
    await this.publisher.publish(officeId, events);
    await Promise.all(
      changes.slice(0, 200).map(async (c) => this.publisher.toTicket(c.ticket.trackingToken, await this.board.trackingOf(c.ticket, c.counter))),
    );
    // Whoever still waits in a service that lost or gained a ticket has a new position.
    const moved = new Set<string>();
    for (const c of changes) {
      if (c.from === 'waiting' || c.ticket.status === 'waiting') moved.add(`${c.ticket.businessDate}|${c.ticket.serviceId}`);
      if (c.fromServiceId && c.fromServiceId !== c.ticket.serviceId) moved.add(`${c.ticket.businessDate}|${c.fromServiceId}`);
    }
    this.refresher.schedule(
      officeId,
      changes.map((c) => c.ticket.businessDate),
      moved,
    );
  }

  /** End of day: every ticket of an earlier business day still open is closed, with audit events. */
  async closeDay(officeId: string, now: Date): Promise<DayCloseResult> {
    const office = await this.offices.findOffice(officeId);
    if (!office) return { closedTickets: 0 };
    const today = businessDateOf(now, office.timezone);
    const closedTickets = await inBatches(200, async (limit) => {
      const changes = await this.tx.run(async (em) => {
        const batch = await this.tickets.lockUnfinishedBefore(em, officeId, today, limit);
        const out: Change[] = [];
        for (const t of batch) out.push(await this.applyTransition(em, t, 'close_day', 'system', now));
        return out;
      });
      await this.publishChanges(officeId, changes);
      return changes.length;
    });
    return { closedTickets };
  }
}
