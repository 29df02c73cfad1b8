import { JobQueue } from '@giliran/jobs';
import { RealtimePublisher } from '@giliran/realtime';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { BoardService } from './board.service';
import { OfficeRepository } from './office.repository';

/** How long changes to one office are gathered before the board and positions are recomputed. */
export const BOARD_REFRESH_MS = 50;
/** Phones further back than this are not told every move (they refresh when they look). */
export const POSITION_UPDATES_FOR_FIRST = 50;

interface Pending {
  dates: Set<string>;
  serviceDays: Set<string>;
  skip: Set<string>;
  timer: NodeJS.Timeout;
}

/**
 * `queue.updated` and everyone's new position are derived views: under load, many changes in a
 * few milliseconds need one recomputation, not one each. Changes are gathered per office for
 * BOARD_REFRESH_MS, then published once (still with the office's next seq). Nothing is lost: a
 * pending refresh is flushed at shutdown, and clients recover any gap by snapshot anyway.
 */
@Injectable()
export class BoardRefresher implements OnApplicationShutdown {
  private readonly logger = new Logger('BoardRefresher');
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly board: BoardService,
    private readonly offices: OfficeRepository,
    private readonly publisher: RealtimePublisher,
    private readonly jobs: JobQueue,
  ) {}

  /** `serviceDays` are `<businessDate>|<serviceId>` whose waiting tickets moved; `skip` tokens were told already. */
  schedule(officeId: string, dates: Iterable<string>, serviceDays: Iterable<string> = [], skip: Iterable<string> = []): void {
    let p = this.pending.get(officeId);
    if (!p) {
      p = { dates: new Set(), serviceDays: new Set(), skip: new Set(), timer: setTimeout(() => void this.flush(officeId), BOARD_REFRESH_MS) };
      this.pending.set(officeId, p);
    }
    for (const d of dates) p.dates.add(d);
    for (const s of serviceDays) p.serviceDays.add(s);
    for (const t of skip) p.skip.add(t);
  }

  private async flush(officeId: string): Promise<void> {
    const p = this.pending.get(officeId);
    if (!p) return;
    this.pending.delete(officeId);
    clearTimeout(p.timer);
    try {
      const events = [];
      for (const date of p.dates) events.push(await this.board.queueUpdatedEvent(officeId, date));
      await this.publisher.publish(officeId, events);
      await this.publishPositions(officeId, p.serviceDays, p.skip);
    } catch (err) {
      this.logger.warn(`could not refresh the board of office ${officeId}: ${(err as Error).message}`);
    }
  }

  private async publishPositions(officeId: string, serviceDays: Set<string>, skip: Set<string>): Promise<void> {
    if (serviceDays.size === 0) return;
    const office = await this.offices.findOffice(officeId);
    const nearAt = office?.turnNearPosition ?? 3;
    for (const key of serviceDays) {
      const [businessDate, serviceId] = key.split('|');
      for (const { ticketId, trackingToken, hasPhone, view } of await this.board.waitingTrackingViews(officeId, serviceId, businessDate, POSITION_UPDATES_FOR_FIRST)) {
        if (!skip.has(trackingToken)) await this.publisher.toTicket(trackingToken, view);
        // Once per ticket: on the tracking page, and by the gateway when a phone was given.
        if (view.position <= nearAt && (await this.publisher.once(`near:${ticketId}`))) {
          await this.publisher.turnNear(trackingToken, { number: view.number, position: view.position });
          if (hasPhone && office?.webhookUrl) await this.jobs.notify('turn_near', { officeId, ticketId, deliveryKey: `turn_near:${ticketId}` }).catch(() => undefined);
        }
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((officeId) => this.flush(officeId)));
  }
}
