import { Ticket, TicketEvent } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';

export interface RecentCallRow {
  ticketId: string;
  number: string;
  counterId: string;
  at: Date;
}

/** The tickets' audit rows read back: what statistics and an officer's own figures are computed from. */
@Injectable()
export class TicketHistory {
  constructor(private readonly ds: DataSource) {}

  /** The audit rows of the tickets issued in [from, to), for statistics. */
  async auditRowsOfTicketsIssued(officeId: string, from: Date, to: Date): Promise<TicketEvent[]> {
    // The period's issues first (the office's index by time), then each ticket's rows by the
    // ticket's index: as `office_id = ? AND ticket_id IN (…)`, MariaDB read every row the office
    // ever had, so a week's statistics cost more with every month of history.
    return this.ds
      .createQueryBuilder(TicketEvent, 'e')
      .innerJoin(
        (issued) =>
          issued
            .select('i.ticket_id', 'ticket_id')
            .from(TicketEvent, 'i')
            .where('i.office_id = :officeId AND i.type = :issued AND i.at >= :from AND i.at < :to'),
        'i',
        'i.ticket_id = e.ticket_id',
      )
      .setParameters({ officeId, issued: 'issued', from, to })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Today's audit rows by one staff member, for their own figures. */
  eventsByActor(officeId: string, actor: string, since: Date): Promise<TicketEvent[]> {
    return this.ds.getRepository(TicketEvent).find({ where: { officeId, actor, at: MoreThanOrEqual(since) }, order: { id: 'ASC' } });
  }

  /** Audit rows of some tickets, for service durations of an actor's completions. */
  eventsOfTickets(officeId: string, ticketIds: string[]): Promise<TicketEvent[]> {
    if (ticketIds.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(TicketEvent).find({ where: { officeId, ticketId: In(ticketIds) }, order: { id: 'ASC' } });
  }

  /** Durations in seconds of the latest finished services of the day, per service. */
  async recentServiceSeconds(officeId: string, businessDate: string, perService = 20): Promise<Map<string, number[]>> {
    const rows = await this.ds.getRepository(Ticket).find({
      select: { serviceId: true, startedAt: true, finishedAt: true },
      where: { officeId, businessDate, status: 'done' },
      order: { finishedAt: 'DESC' },
      take: 200,
    });
    const out = new Map<string, number[]>();
    for (const r of rows) {
      if (!r.startedAt || !r.finishedAt) continue;
      const list = out.get(r.serviceId) ?? [];
      if (list.length < perService) list.push((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000);
      out.set(r.serviceId, list);
    }
    return out;
  }

  /**
   * The latest calls of the day, newest first. Ordered by time (then id), the order of the
   * (office, time) index read backwards: ordered by id alone, MariaDB walked the whole table's
   * primary key backwards, every office's events, until it found this office's calls.
   */
  async recentCalls(officeId: string, since: Date, limit = 10): Promise<RecentCallRow[]> {
    const events = await this.ds.getRepository(TicketEvent).find({
      where: { officeId, type: In(['called', 'recalled']), at: MoreThanOrEqual(since) },
      order: { at: 'DESC', id: 'DESC' },
      take: limit * 3,
    });
    const seen = new Set<string>();
    const calls = events.filter((e) => e.counterId && !seen.has(e.ticketId) && seen.add(e.ticketId)).slice(0, limit);
    const tickets = new Map(
      (calls.length ? await this.ds.getRepository(Ticket).findBy({ officeId, id: In(calls.map((c) => c.ticketId)) }) : []).map((t) => [t.id, t]),
    );
    return calls.flatMap((c) => {
      const t = tickets.get(c.ticketId);
      return t ? [{ ticketId: c.ticketId, number: t.number, counterId: c.counterId as string, at: c.at }] : [];
    });
  }

  /** Unfinished tickets of business days before `beforeDate`, locked for closing. */
}
