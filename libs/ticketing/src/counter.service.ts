import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { CounterView, OfficeEvent, StaffTicketView } from '@giliran/contracts';
import { DomainError, businessDateOf } from '@giliran/core';
import { type Counter, type Ticket, TransactionRunner, isUniqueViolation } from '@giliran/database';
import { JobQueue } from '@giliran/jobs';
import { PushSubscriptions } from '@giliran/notifications';
import { RealtimePublisher } from '@giliran/realtime';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BoardRefresher } from './board-refresher';
import { BoardService } from './board.service';
import { OfficeRepository } from '@giliran/offices';
import { ClaimBook } from './claim-book';
import { CounterRepository } from './counter.repository';
import { type CandidateClaims, TicketRepository } from './ticket.repository';
import { type Change, TicketService, actorName, auditOf } from './ticket.service';
import { staffTicketView } from './views';
import { counterView } from '@giliran/offices';

/** Counter sessions and calling (API.md "Counter work"). */
@Injectable()
export class CounterService {
  /** Candidates being locked or just called by this process's calls (see CandidateClaims). */
  private readonly claims = new ClaimBook();

  constructor(
    private readonly offices: OfficeRepository,
    private readonly tickets: TicketRepository,
    private readonly counterRows: CounterRepository,
    private readonly tx: TransactionRunner,
    private readonly board: BoardService,
    private readonly ticketService: TicketService,
    private readonly publisher: RealtimePublisher,
    private readonly refresher: BoardRefresher,
    private readonly jobs: JobQueue,
    private readonly push: PushSubscriptions,
  ) {}

  async open(user: StaffPrincipal, counterId: string): Promise<CounterView> {
    return this.changeSession(user, counterId, async (em, counter) => {
      if (counter.status !== 'closed' && counter.officerId && counter.officerId !== user.id) {
        throw new DomainError('COUNTER_TAKEN', 409, 'another officer works at this counter');
      }
      const type = counter.status === 'paused' ? 'resumed' : 'opened';
      if (counter.status === 'open' && counter.officerId === user.id) return; // already open: nothing to record
      await this.counterRows.updateCounter(em, counter.officeId, counter.id, { status: 'open', officerId: user.id });
      await this.counterRows.insertCounterEvent(em, { counterId: counter.id, officeId: counter.officeId, at: new Date(), type, actor: actorName(user) });
      Object.assign(counter, { status: 'open', officerId: user.id });
    });
  }

  /** Back to work after a pause (the same as opening a paused counter). */
  async resume(user: StaffPrincipal, counterId: string): Promise<CounterView> {
    return this.changeSession(user, counterId, async (em, counter) => {
      this.assertOwnSession(user, counter);
      if (counter.status !== 'paused') throw new DomainError('INVALID_TRANSITION', 409, 'the counter is not paused');
      await this.counterRows.updateCounter(em, counter.officeId, counter.id, { status: 'open' });
      await this.counterRows.insertCounterEvent(em, {
        counterId: counter.id,
        officeId: counter.officeId,
        at: new Date(),
        type: 'resumed',
        actor: actorName(user),
      });
      counter.status = 'open';
    });
  }

  async pause(user: StaffPrincipal, counterId: string): Promise<CounterView> {
    return this.changeSession(user, counterId, async (em, counter) => {
      this.assertOwnSession(user, counter);
      if (counter.status === 'closed') throw new DomainError('COUNTER_CLOSED', 409, 'the counter is closed');
      if (counter.status === 'paused') return;
      await this.counterRows.updateCounter(em, counter.officeId, counter.id, { status: 'paused' });
      await this.counterRows.insertCounterEvent(em, {
        counterId: counter.id,
        officeId: counter.officeId,
        at: new Date(),
        type: 'paused',
        actor: actorName(user),
      });
      counter.status = 'paused';
    });
  }

  async close(user: StaffPrincipal, counterId: string): Promise<CounterView> {
    return this.changeSession(user, counterId, async (em, counter) => {
      this.assertOwnSession(user, counter);
      if (counter.currentTicketId) throw new DomainError('COUNTER_BUSY', 409, 'finish the current ticket before closing');
      if (counter.status === 'closed') return;
      await this.counterRows.updateCounter(em, counter.officeId, counter.id, { status: 'closed', officerId: null });
      await this.counterRows.insertCounterEvent(em, {
        counterId: counter.id,
        officeId: counter.officeId,
        at: new Date(),
        type: 'closed',
        actor: actorName(user),
      });
      Object.assign(counter, { status: 'closed', officerId: null });
    });
  }

  /**
   * The next ticket for this counter, or null when nothing waits. The counter row is locked, so
   * one counter never calls twice at once; the ticket is picked with SKIP LOCKED, so counters
   * racing each other take different tickets and none is passed over.
   */
  async callNext(user: StaffPrincipal, counterId: string): Promise<{ ticket: StaffTicketView } | null> {
    return this.call(user, counterId, null);
  }

  /**
   * Calls one particular waiting ticket, out of the usual order (a citizen who needs this counter,
   * a family served together). Only with a reason, which the audit trail keeps.
   */
  async callSpecific(user: StaffPrincipal, counterId: string, ticketId: string, reason: string): Promise<{ ticket: StaffTicketView }> {
    const result = await this.call(user, counterId, { ticketId, reason });
    if (!result) throw new DomainError('INVALID_TRANSITION', 409, 'that ticket is not waiting');
    return result;
  }

  /**
   * The officer's one action: finish the ticket in hand (served from its call when it was never
   * started), then call the next. Everything is published once at the end, the call first: the hall hears the next number
   * without waiting for the updates that led to it.
   */
  async completeAndNext(user: StaffPrincipal, counterId: string): Promise<{ completed: StaffTicketView | null; ticket: StaffTicketView | null }> {
    const counter = await this.counterFor(user, counterId);
    // Refused before anything is finished: an officer at another's counter completes nothing (the call re-checks under the lock).
    this.assertOwnSession(user, counter);
    const changes: Change[] = [];
    let next: { ticket: StaffTicketView } | null;
    try {
      if (counter.currentTicketId) {
        const current = await this.tickets.findById(counter.officeId, counter.currentTicketId);
        if (current) changes.push(await this.ticketService.transitionUnpublished(user, current.id, 'complete'));
      }
      next = await this.call(user, counterId, null, changes);
    } catch (err) {
      // Whatever was committed before the refusal (a start, a completion) is announced on its own.
      if (changes.length) await this.ticketService.publishChanges(counter.officeId, changes);
      throw err;
    }
    const done = changes.at(-1);
    return { completed: done ? await this.ticketService.staffView(done.ticket) : null, ticket: next?.ticket ?? null };
  }

  /** `earlier`: changes committed before this call and not yet published; they go out with it, after it. */
  private async call(
    user: StaffPrincipal,
    counterId: string,
    specific: { ticketId: string; reason: string } | null,
    earlier: Change[] = [],
  ): Promise<{ ticket: StaffTicketView } | null> {
    const now = new Date();
    const result = await this.tx.run(
      (em) => {
        // A session per attempt: a retry after a deadlock must not pass over what the failed attempt claimed.
        const claims = this.claims.session();
        return this.callWithin(em, user, counterId, specific, now, claims).then(
          (done) => (claims.settle(done?.ticket.id ?? null), done),
          (err: unknown) => {
            claims.settle(null);
            throw err;
          },
        );
      },
      { deadline: user.deadline },
    );
    if (!result) {
      if (earlier.length) await this.ticketService.publishChanges(earlier[0].ticket.officeId, earlier);
      return null;
    }
    const { ticket, counter } = result;
    await this.ticketService.publishChanges(counter.officeId, [...earlier, { ticket, from: 'waiting', counter }], [calledEvent(ticket, counter, now, false)]);
    // A citizen whose tracking page subscribed to Web Push hears where to go with the page closed.
    if (await this.push.has(ticket.id))
      await this.jobs.pushCalled({ officeId: counter.officeId, ticketId: ticket.id, counterName: counter.name }).catch(() => undefined);
    return { ticket: staffTicketView(ticket) };
  }

  /** The call itself, inside the caller's transaction: the counter locked, a ticket picked and marked called. */
  private async callWithin(
    em: EntityManager,
    user: StaffPrincipal,
    counterId: string,
    specific: { ticketId: string; reason: string } | null,
    now: Date,
    claims: CandidateClaims,
  ): Promise<{ ticket: Ticket; counter: Counter } | null> {
    // The office is known once the counter is locked (the office's set-up is cached, not read).
    const counter = await this.lockedCounter(em, counterId);
    assertOfficeAccess(user, counter.officeId);
    this.assertOwnSession(user, counter);
    const office = await this.board.office(counter.officeId);
    const businessDate = businessDateOf(now, office.timezone);
    if (counter.status !== 'open') throw new DomainError('COUNTER_CLOSED', 409, 'open the counter first');
    if (counter.currentTicketId) throw new DomainError('COUNTER_BUSY', 409, 'this counter still has a ticket in hand');
    let ticket: Ticket | null;
    if (specific) {
      ticket = await this.tickets.lockTicket(em, specific.ticketId);
      if (!ticket || ticket.officeId !== counter.officeId) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
      if (ticket.status !== 'waiting' || ticket.businessDate !== businessDate)
        throw new DomainError('INVALID_TRANSITION', 409, `cannot call a ticket that is ${ticket.status}`);
      if (!counter.serviceIds.includes(ticket.serviceId))
        throw new DomainError('SERVICE_NOT_AT_COUNTER', 409, 'this counter does not serve that ticket’s service');
    } else {
      ticket = await this.tickets.pickNext(em, counter.officeId, businessDate, counter.serviceIds, { now, minutes: office.starvationGuardMinutes }, claims);
    }
    if (!ticket) return null;
    const patch = { status: 'called' as const, counterId: counter.id, calledAt: now };
    await this.tickets.updateTicket(em, ticket, patch);
    Object.assign(ticket, patch);
    await this.counterRows.updateCounter(em, counter.officeId, counter.id, { currentTicketId: ticket.id });
    counter.currentTicketId = ticket.id;
    await this.tickets.insertEvents(em, [
      auditOf(ticket, 'called', user, 'waiting', 'called', counter.id, now, specific ? `out of order: ${specific.reason}` : null),
    ]);
    return { ticket, counter };
  }

  /** API.md: the current ticket, called again (the ticket itself, as /start and /complete answer). */
  async recall(user: StaffPrincipal, counterId: string): Promise<StaffTicketView> {
    const counter0 = await this.counterFor(user, counterId);
    const office = await this.board.office(counter0.officeId);
    const now = new Date();
    const { ticket, counter } = await this.tx.run(
      async (em) => {
        const counter = await this.lockedCounter(em, counterId);
        this.assertOwnSession(user, counter);
        const ticket = counter.currentTicketId ? await this.tickets.lockTicket(em, counter.currentTicketId) : null;
        if (!ticket || ticket.status !== 'called') throw new DomainError('INVALID_TRANSITION', 409, 'there is no called ticket to recall');
        await this.tickets.updateTicket(em, ticket, { recallCount: ticket.recallCount + 1 });
        ticket.recallCount += 1;
        await this.tickets.insertEvents(em, [auditOf(ticket, 'recalled', user, 'called', 'called', counter.id, now)]);
        return { ticket, counter };
      },
      { deadline: user.deadline },
    );
    await this.publisher.publish(counter.officeId, [calledEvent(ticket, counter, now, true)]);
    return { ...staffTicketView(ticket), noShowSuggested: ticket.recallCount >= office.maxRecalls };
  }

  private async changeSession(user: StaffPrincipal, counterId: string, change: (em: EntityManager, counter: Counter) => Promise<void>): Promise<CounterView> {
    await this.counterFor(user, counterId);
    let counter: Counter;
    try {
      counter = await this.tx.run(
        async (em) => {
          const c = await this.lockedCounter(em, counterId);
          await change(em, c);
          return c;
        },
        { deadline: user.deadline },
      );
    } catch (err) {
      // The database keeps one open counter per officer (unique officer_id).
      if (isUniqueViolation(err)) throw new DomainError('OFFICER_BUSY', 409, 'you already work at another counter; close it first');
      throw err;
    }
    await this.publisher.publish(counter.officeId, [await this.board.counterUpdatedEvent(counter)]);
    // A counter opening or closing changes every estimate of its services (null with none open):
    // the board and everyone waiting in them are told.
    this.board.forgetPace(counter.officeId);
    const office = await this.board.office(counter.officeId);
    const today = businessDateOf(new Date(), office.timezone);
    this.refresher.schedule(
      counter.officeId,
      [today],
      counter.serviceIds.map((s) => `${today}|${s}`),
    );
    return counterView(counter);
  }

  private async counterFor(user: StaffPrincipal, counterId: string): Promise<Counter> {
    const counter = await this.offices.findCounterById(counterId);
    if (!counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    assertOfficeAccess(user, counter.officeId);
    return counter;
  }

  private async lockedCounter(em: EntityManager, counterId: string): Promise<Counter> {
    const counter = await this.counterRows.lockCounter(em, counterId);
    if (!counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    return counter;
  }

  /** Officers work only the counter they opened; supervisors and admins may step in. */
  private assertOwnSession(user: StaffPrincipal, counter: Counter): void {
    if (user.role === 'officer' && counter.status !== 'closed' && counter.officerId !== user.id) {
      throw new DomainError('COUNTER_TAKEN', 409, 'another officer works at this counter');
    }
  }
}

/** `ticket.called` of API.md, for a call and for a recall. */
function calledEvent(ticket: Ticket, counter: Counter, at: Date, recall: boolean): OfficeEvent {
  return {
    name: 'ticket.called',
    payload: {
      officeId: counter.officeId,
      ticketId: ticket.id,
      number: ticket.number,
      serviceId: ticket.serviceId,
      counterId: counter.id,
      counterName: counter.name,
      calledAt: at.toISOString(),
      recall,
    },
  };
}
