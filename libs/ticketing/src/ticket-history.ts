import { TicketEvent } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';

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
}
