import type { CounterBoard, OfficeEvent, QueueBoard, ServiceBoard, TrackingView } from '@giliran/contracts';
import {
  DomainError,
  businessDateOf,
  estimateWaitMinutes,
  nextOpeningToday,
  serviceSecondsEstimate,
  startOfBusinessDate,
  walkInRemaining,
  priorityRemaining,
} from '@giliran/core';
import type { Counter, Office, ServiceEntity, Ticket } from '@giliran/database';
import { TransactionRunner } from '@giliran/database';
import type { SnapshotSource } from '@giliran/realtime';
import { RealtimePublisher } from '@giliran/realtime';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { OfficeRepository } from '@giliran/offices';
import { QueuePositions } from './queue-positions';
import { TicketHistory } from './ticket-history';
import { TicketRepository } from './ticket.repository';
import { walkInLimitsOf } from './walk-in-quota';

/** A board built is served again for this long at most, even with no event (a dropped one). */
const BOARD_TTL_MS = 5000;

/** A board built, with what it was built from. */
interface BuiltBoard {
  seq: number;
  businessDate: string;
  setup: object;
  at: number;
  board: Promise<{ board: QueueBoard; etag: string }>;
}

/** Reads for the hall: the live board, waiting estimates, a ticket's tracking view. */
@Injectable()
export class BoardService implements SnapshotSource {
  /**
   * The last board of each office, served again while nothing it was built from changed: the
   * office's event seq (every change to the queue or the counters publishes one, on any replica),
   * its set-up (OfficeRepository.setupVersion, dropped on every replica by a change) and the
   * business day; and for BOARD_TTL_MS at most, should an event have been dropped. A thousand
   * displays re-subscribing after a blip then cost one Redis GET each and the database one read.
   */
  private readonly built = new Map<string, BuiltBoard>();

  constructor(
    private readonly offices: OfficeRepository,
    private readonly tickets: TicketRepository,
    private readonly positions: QueuePositions,
    private readonly history: TicketHistory,
    private readonly tx: TransactionRunner,
    private readonly publisher: RealtimePublisher,
  ) {}

  async office(officeId: string): Promise<Office> {
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    return office;
  }

  /** The board of API.md. The seq is read first, so the state is at least as new as the seq. */
  async officeBoard(officeId: string): Promise<QueueBoard> {
    return (await this.taggedBoard(officeId)).board;
  }

  /** The board and its entity tag (for `GET .../queue` with If-None-Match). */
  async taggedBoard(officeId: string, now = new Date()): Promise<{ board: QueueBoard; etag: string }> {
    const seq = await this.publisher.currentSeq(officeId);
    const setup = await this.offices.setupVersion(officeId);
    const office = await this.office(officeId);
    const businessDate = businessDateOf(now, office.timezone);
    const hit = this.built.get(officeId);
    if (hit && hit.seq === seq && hit.setup === setup && hit.businessDate === businessDate && now.getTime() - hit.at < BOARD_TTL_MS) return hit.board;
    const board = this.buildBoard(office, seq, businessDate).then((b) => ({
      board: b,
      etag: `W/"${createHash('sha256').update(JSON.stringify(b)).digest('base64url').slice(0, 27)}"`,
    }));
    const entry: BuiltBoard = { seq, businessDate, setup: setup!, at: now.getTime(), board };
    this.built.set(officeId, entry);
    board.catch(() => this.built.get(officeId) === entry && this.built.delete(officeId));
    return board;
  }

  private buildBoard(office: Office, seq: number, businessDate: string): Promise<QueueBoard> {
    const officeId = office.id;
    return this.tx.read(async () => {
      const [services, counters] = await Promise.all([this.offices.services(officeId), this.offices.counters(officeId)]);
      const [serviceBoards, counterBoards, calls] = await Promise.all([
        this.serviceBoards(office, businessDate, services, counters),
        this.counterBoards(officeId, counters),
        this.history.recentCalls(officeId, startOfBusinessDate(businessDate, office.timezone)),
      ]);
      const counterNames = new Map(counters.map((c) => [c.id, c.name]));
      return {
        officeId,
        seq,
        businessDate,
        services: serviceBoards,
        counters: counterBoards,
        recentCalls: calls.map((c) => ({
          ticketId: c.ticketId,
          number: c.number,
          counterId: c.counterId,
          counterName: counterNames.get(c.counterId) ?? '',
          calledAt: c.at.toISOString(),
        })),
        officeName: office.name,
        timezone: office.timezone,
        announcements: office.announcements ?? [],
        voiceLocale: office.voiceLocale,
      };
    });
  }

  async counterOffice(counterId: string): Promise<string> {
    const counter = await this.offices.findCounterById(counterId);
    if (!counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    return counter.officeId;
  }

  async tracking(trackingToken: string): Promise<TrackingView> {
    const ticket = await this.tickets.findByToken(trackingToken);
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    return this.trackingOf(ticket);
  }

  /** `known`: the ticket's counter when the caller has it already (one read less). */
  async trackingOf(ticket: Ticket, known?: Counter | null): Promise<TrackingView> {
    const [office, service, counter] = await Promise.all([
      this.offices.findOffice(ticket.officeId),
      this.offices.findService(ticket.officeId, ticket.serviceId),
      !ticket.counterId ? null : known?.id === ticket.counterId ? known : this.offices.findCounter(ticket.officeId, ticket.counterId),
    ]);
    const { position, estimatedWaitMinutes } = await this.estimate(ticket);
    const view: TrackingView = {
      number: ticket.number,
      status: ticket.status,
      position,
      estimatedWaitMinutes,
      counterName: ticket.status === 'called' || ticket.status === 'serving' ? (counter?.name ?? null) : null,
      serviceName: service?.name ?? '',
      officeName: office?.name ?? '',
    };
    if (estimatedWaitMinutes === null && office) view.nextOpening = (await this.nextOpening(office))?.toISOString() ?? null;
    return view;
  }

  /** When the office opens later today (before its opening, during a break), for "Loket belum buka". */
  async nextOpening(office: Office, now = new Date()): Promise<Date | null> {
    const date = businessDateOf(now, office.timezone);
    const [hours, holiday] = await Promise.all([this.offices.hours(office.id), this.offices.isHoliday(office.id, date)]);
    return nextOpeningToday(now, office.timezone, hours, holiday ? new Set([date]) : new Set());
  }

  /**
   * Position (counted unless known) and wait estimate of a ticket; 0 and 0 once it is no longer
   * waiting; a null estimate while no counter serving it is open.
   */
  async estimate(ticket: Ticket, knownPosition?: number): Promise<{ position: number; estimatedWaitMinutes: number | null }> {
    if (ticket.status !== 'waiting') return { position: 0, estimatedWaitMinutes: 0 };
    const [position, pace, service] = await Promise.all([
      knownPosition ?? this.positions.positionOf(ticket),
      this.pace(ticket.officeId, ticket.businessDate),
      this.offices.findService(ticket.officeId, ticket.serviceId),
    ]);
    return { position, estimatedWaitMinutes: estimateWaitMinutes(position, paceOf(service, pace.durations), openFor(ticket.serviceId, pace.counters)) };
  }

  /** After a counter opened, paused or closed here: the next estimate reads the counters again. */
  forgetPace(officeId: string): void {
    for (const key of this.paces.keys()) if (key.startsWith(`${officeId}|`)) this.paces.delete(key);
  }

  private readonly paces = new Map<string, { at: number; pace: Promise<{ durations: Map<string, number[]>; counters: Counter[] }> }>();

  /**
   * The office's pace (recent service times, open counters) for estimates: an estimate, so a second
   * old is good enough, and a burst of kiosks should not each read it.
   */
  private pace(officeId: string, businessDate: string) {
    const key = `${officeId}|${businessDate}`;
    const hit = this.paces.get(key);
    if (hit && Date.now() - hit.at < 1000) return hit.pace;
    const pace = Promise.all([this.history.recentServiceSeconds(officeId, businessDate), this.offices.counters(officeId)]).then(([durations, counters]) => ({
      durations,
      counters,
    }));
    if (this.paces.size > 1000) this.paces.clear();
    this.paces.set(key, { at: Date.now(), pace });
    pace.catch(() => this.paces.delete(key));
    return pace;
  }

  /**
   * Tracking views of everyone still waiting in a service, computed together (one query for the
   * queue): after a call or a transfer every position moves, and phones follow their own.
   */
  async waitingTrackingViews(
    officeId: string,
    serviceId: string,
    businessDate: string,
    limit = 300,
  ): Promise<{ ticketId: string; trackingToken: string; hasPhone: boolean; view: TrackingView }[]> {
    const [waiting, office, service, durations, counters] = await Promise.all([
      this.positions.waitingOfService(officeId, serviceId, businessDate, limit),
      this.offices.findOffice(officeId),
      this.offices.findService(officeId, serviceId),
      this.history.recentServiceSeconds(officeId, businessDate),
      this.offices.counters(officeId),
    ]);
    const seconds = paceOf(service, durations);
    const open = openFor(serviceId, counters);
    return waiting.map((t, i) => ({
      ticketId: t.id,
      trackingToken: t.trackingToken,
      hasPhone: t.phoneSealed !== null,
      view: {
        number: t.number,
        status: t.status,
        position: i + 1,
        estimatedWaitMinutes: estimateWaitMinutes(i + 1, seconds, open),
        counterName: null,
        serviceName: service?.name ?? '',
        officeName: office?.name ?? '',
      },
    }));
  }

  /** The `queue.updated` event for an office, computed after a commit. */
  async queueUpdatedEvent(officeId: string, businessDate: string): Promise<OfficeEvent> {
    const [office, services, counters] = await Promise.all([this.office(officeId), this.offices.services(officeId), this.offices.counters(officeId)]);
    return { name: 'queue.updated', payload: { officeId, services: await this.serviceBoards(office, businessDate, services, counters) } };
  }

  /** `known`: tickets the caller has in hand, so that the counter's own need not be read again. */
  async counterUpdatedEvent(counter: Counter, known: readonly Ticket[] = []): Promise<OfficeEvent> {
    const [board] = await this.counterBoards(counter.officeId, [counter], known);
    return { name: 'counter.updated', payload: { officeId: counter.officeId, ...board } };
  }

  private async serviceBoards(office: Office, businessDate: string, services: ServiceEntity[], counters: Counter[]): Promise<ServiceBoard[]> {
    const active = services.filter((s) => s.active);
    const [waiting, durations, remaining] = await Promise.all([
      this.positions.waitingCounts(office.id, businessDate),
      this.history.recentServiceSeconds(office.id, businessDate),
      this.walkInsLeft(office, businessDate, active),
    ]);
    return active.map((s) => {
      const n = waiting.get(s.id) ?? 0;
      // The estimate for someone taking a ticket now: behind everyone waiting.
      return {
        serviceId: s.id,
        prefix: s.prefix,
        name: s.name,
        waiting: n,
        estimatedWaitMinutes: estimateWaitMinutes(n + 1, paceOf(s, durations), openFor(s.id, counters)),
        walkInRemaining: remaining.get(s.id)?.regular ?? null,
        priorityRemaining: remaining.get(s.id)?.priority ?? null,
      };
    });
  }

  /** Regular and priority walk-in places left today per service with a walk-in quota (the roll-over included). */
  private async walkInsLeft(
    office: Office,
    businessDate: string,
    services: ServiceEntity[],
    now = new Date(),
  ): Promise<Map<string, { regular: number | null; priority: number | null }>> {
    const limited = services.filter((s) => s.dailyTicketQuota !== null || s.dailyPriorityQuota !== null);
    if (!limited.length) return new Map();
    const taken = await this.tickets.walkInsOfDay(office.id, businessDate);
    const left = await Promise.all(
      limited.map(async (s) => {
        const limits = await walkInLimitsOf(this.tickets, null, office, s, businessDate, now);
        const counts = taken.get(s.id) ?? { walkIns: 0, priorityWalkIns: 0 };
        return [s.id, { regular: walkInRemaining(counts, limits), priority: priorityRemaining(counts, limits) }] as const;
      }),
    );
    return new Map(left);
  }

  private async counterBoards(officeId: string, counters: Counter[], known: readonly Ticket[] = []): Promise<CounterBoard[]> {
    const current = new Map(known.map((t) => [t.id, t]));
    const missing = counters.flatMap((c) => (c.currentTicketId && !current.has(c.currentTicketId) ? [c.currentTicketId] : []));
    for (const t of await this.tickets.findMany(officeId, missing)) current.set(t.id, t);
    return counters.map((c) => {
      const t = c.currentTicketId ? current.get(c.currentTicketId) : undefined;
      return { counterId: c.id, name: c.name, status: c.status, nowServing: t ? { ticketId: t.id, number: t.number, status: t.status } : null };
    });
  }
}

/** Counters open now that serve a service. */
function openFor(serviceId: string, counters: readonly Counter[]): number {
  return counters.filter((c) => c.status === 'open' && c.serviceIds.includes(serviceId)).length;
}

/** A service's pace: its day's measured service times, its expected time as the prior. */
function paceOf(service: ServiceEntity | null | undefined, durations: Map<string, number[]>): number {
  return serviceSecondsEstimate(durations.get(service?.id ?? '') ?? [], (service?.expectedServiceMinutes ?? 5) * 60);
}
