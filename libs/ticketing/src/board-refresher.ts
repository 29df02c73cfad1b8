import { JobQueue } from '@giliran/jobs';
import { PushSubscriptions } from '@giliran/notifications';
import { RealtimePublisher } from '@giliran/realtime';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { BoardService } from './board.service';
import { OfficeRepository } from '@giliran/offices';

/** How long changes to one office are gathered before its board is recomputed. */
export const BOARD_REFRESH_MS = 50;
/**
 * How long moves in one office's queues are gathered before the phones of those waiting are told
 * their new place: a place a second old is still live to someone waiting, and thirty counters
 * calling at once would otherwise send every phone near the front twenty updates a second.
 */
export const POSITION_REFRESH_MS = 1_000;
/**
 * Every waiting ticket is told its new place (API.md v1.1: at any position), up to this many per
 * service: a bound on one flush, far beyond any hall's queue.
 */
export const MAX_POSITION_UPDATES = 5_000;

interface PendingBoard {
  dates: Set<string>;
  timer: NodeJS.Timeout;
}

interface PendingPositions {
  serviceDays: Set<string>;
  timer: NodeJS.Timeout;
}

/**
 * `queue.updated` and everyone's new position are derived views: under load, many changes in a
 * few milliseconds need one recomputation, not one each. Changes are gathered per office, for
 * BOARD_REFRESH_MS before the board is published (still with the office's next seq) and for
 * POSITION_REFRESH_MS before the phones are told. Nothing is lost: what is pending is flushed at
 * shutdown, and clients recover any gap by snapshot anyway.
 */
@Injectable()
export class BoardRefresher implements OnApplicationShutdown {
  private readonly logger = new Logger('BoardRefresher');
  private readonly boards = new Map<string, PendingBoard>();
  private readonly positions = new Map<string, PendingPositions>();

  constructor(
    private readonly board: BoardService,
    private readonly offices: OfficeRepository,
    private readonly publisher: RealtimePublisher,
    private readonly jobs: JobQueue,
    private readonly push: PushSubscriptions,
  ) {}

  /**
   * `serviceDays` are `<businessDate>|<serviceId>` whose waiting tickets moved. Everyone waiting
   * in them is told their place, the ticket that moved them too: within a second, its own update
   * may already be stale.
   */
  schedule(officeId: string, dates: Iterable<string>, serviceDays: Iterable<string> = []): void {
    let b = this.boards.get(officeId);
    if (!b) this.boards.set(officeId, (b = { dates: new Set(), timer: setTimeout(() => void this.flushBoard(officeId), BOARD_REFRESH_MS) }));
    for (const d of dates) b.dates.add(d);
    const moved = [...serviceDays];
    if (moved.length === 0) return;
    let p = this.positions.get(officeId);
    if (!p) this.positions.set(officeId, (p = { serviceDays: new Set(), timer: setTimeout(() => void this.flushPositions(officeId), POSITION_REFRESH_MS) }));
    for (const s of moved) p.serviceDays.add(s);
  }

  private async flushBoard(officeId: string): Promise<void> {
    const b = take(this.boards, officeId);
    if (!b) return;
    try {
      const events = [];
      for (const date of b.dates) events.push(await this.board.queueUpdatedEvent(officeId, date));
      await this.publisher.publish(officeId, events);
    } catch (err) {
      this.logger.warn(`could not refresh the board of office ${officeId}: ${(err as Error).message}`);
    }
  }

  private async flushPositions(officeId: string): Promise<void> {
    const p = take(this.positions, officeId);
    if (!p) return;
    try {
      await this.publishPositions(officeId, p.serviceDays);
    } catch (err) {
      this.logger.warn(`could not tell the places in the queues of office ${officeId}: ${(err as Error).message}`);
    }
  }

  private async publishPositions(officeId: string, serviceDays: Set<string>): Promise<void> {
    if (serviceDays.size === 0) return;
    const office = await this.offices.findOffice(officeId);
    const nearAt = office?.turnNearPosition ?? 3;
    for (const key of serviceDays) {
      const [businessDate, serviceId] = key.split('|');
      for (const { ticketId, trackingToken, hasPhone, view } of await this.board.waitingTrackingViews(
        officeId,
        serviceId,
        businessDate,
        MAX_POSITION_UPDATES,
      )) {
        await this.publisher.toTicket(trackingToken, view);
        // Once per ticket: on the tracking page, by the gateway when a phone was given, and by
        // Web Push when the page subscribed (it may be closed by now).
        if (view.position <= nearAt && (await this.publisher.once(`near:${ticketId}`))) {
          await this.publisher.turnNear(trackingToken, { number: view.number, position: view.position });
          if (hasPhone && office?.webhookUrl)
            await this.jobs.notify('turn_near', { officeId, ticketId, deliveryKey: `turn_near:${ticketId}` }).catch(() => undefined);
          if (await this.push.has(ticketId)) await this.jobs.pushTurnNear({ officeId, ticketId, position: view.position }).catch(() => undefined);
        }
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([
      ...[...this.boards.keys()].map((officeId) => this.flushBoard(officeId)),
      ...[...this.positions.keys()].map((officeId) => this.flushPositions(officeId)),
    ]);
  }
}

/** What is pending for an office, taken out (its timer stopped) so that later changes start anew. */
function take<T extends { timer: NodeJS.Timeout }>(pending: Map<string, T>, officeId: string): T | undefined {
  const p = pending.get(officeId);
  if (!p) return undefined;
  pending.delete(officeId);
  clearTimeout(p.timer);
  return p;
}
