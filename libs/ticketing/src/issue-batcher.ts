import { DomainError, businessDateOf, formatTicketNumber } from '@giliran/core';
import { type Office, type ServiceEntity, Ticket, TransactionRunner } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { TicketRepository } from './ticket.repository';
import { type Actor, auditOf } from './audit';

export interface IssueRequest {
  priority: 'regular' | 'priority';
  channel: Ticket['channel'];
  actor: Actor;
  now: Date;
  sortClass: number;
  phoneSealed: string | null;
}

interface Waiting extends IssueRequest {
  resolve(t: Ticket): void;
  reject(e: unknown): void;
}

const MAX_BATCH = 100;

/**
 * Group commit for walk-in tickets. The numbers of one service and day come from one row, locked
 * until commit, so issuers of a service take turns; instead of one transaction each, the kiosks
 * that arrive while a transaction is in flight are numbered together in the next one (in arrival
 * order). One request alone goes at once; under load a batch costs one lock and one commit.
 * Gapless and unique as before: a batch takes consecutive numbers, gives back what the daily
 * quota refuses, and a rollback gives back everything.
 */
@Injectable()
export class IssueBatcher {
  private readonly lanes = new Map<string, { queue: Waiting[]; running: boolean }>();

  constructor(
    private readonly tickets: TicketRepository,
    private readonly tx: TransactionRunner,
  ) {}

  issue(office: Office, service: ServiceEntity, request: IssueRequest): Promise<Ticket> {
    const businessDate = businessDateOf(request.now, office.timezone);
    const key = `${service.id}|${businessDate}`;
    return new Promise<Ticket>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { queue: [], running: false }));
      lane.queue.push({ ...request, resolve, reject });
      if (!lane.running) void this.drain(key, office, service, businessDate);
    });
  }

  private async drain(key: string, office: Office, service: ServiceEntity, businessDate: string): Promise<void> {
    const lane = this.lanes.get(key)!;
    lane.running = true;
    while (lane.queue.length) {
      const batch = lane.queue.splice(0, MAX_BATCH);
      try {
        const created = await this.tx.run((em) => this.numberAndInsert(em, office, service, businessDate, batch));
        batch.forEach((r, i) => (i < created.length ? r.resolve(created[i]) : r.reject(new DomainError('QUOTA_REACHED', 409, 'today’s tickets for this service are all taken'))));
      } catch (err) {
        for (const r of batch) r.reject(err);
      }
    }
    lane.running = false;
    this.lanes.delete(key);
  }

  private async numberAndInsert(em: Parameters<Parameters<TransactionRunner['run']>[0]>[0], office: Office, service: ServiceEntity, businessDate: string, batch: IssueRequest[]): Promise<Ticket[]> {
    const count = batch.length;
    const last = await this.tickets.takeNumbers(em, office.id, service.id, businessDate, count);
    const first = last - count + 1;
    // Checked against the quota here, under the row's lock, so the quota cannot overshoot.
    const allowed = service.dailyTicketQuota == null ? count : Math.max(0, Math.min(count, service.dailyTicketQuota - (first - 1)));
    if (allowed < count) await this.tickets.giveBackNumbers(em, office.id, service.id, businessDate, count - allowed);
    const tickets = batch.slice(0, allowed).map((r, i) =>
      Object.assign(new Ticket(), {
        id: randomUUID(),
        officeId: office.id,
        serviceId: service.id,
        originServiceId: service.id,
        businessDate,
        sequence: first + i,
        number: formatTicketNumber(service.prefix, first + i),
        priority: r.priority,
        channel: r.channel,
        status: 'waiting' as const,
        sortClass: r.sortClass,
        sortAt: r.now,
        issuedAt: r.now,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        counterId: null,
        recallCount: 0,
        // 128 random bits, URL-safe: the citizen's only key to a ticket.
        trackingToken: randomBytes(16).toString('base64url'),
        appointmentId: null,
        phoneSealed: r.phoneSealed,
      }),
    );
    if (tickets.length) {
      await this.tickets.insertTickets(em, tickets);
      await this.tickets.insertEvents(
        em,
        tickets.map((t, i) => auditOf(t, 'issued', batch[i].actor, null, 'waiting', null, batch[i].now)),
      );
    }
    return tickets;
  }
}
