import { AsyncLocalStorage } from 'node:async_hooks';
import { type BeforeQueryEvent, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';

const store = new AsyncLocalStorage<{ deadline: number }>();

/**
 * The instant by which the request being served must be answered. Past it the client has been
 * answered 503 already (see the HTTP deadline in apps/api), so nothing more may be written for it:
 * a request that waited out a frozen database must not commit when the database comes back.
 */
export const RequestDeadline = {
  /** `work`, and everything it starts, with the deadline `ms` away. */
  run<T>(ms: number, work: () => T, now = Date.now()): T {
    return store.run({ deadline: now + ms }, work);
  },
  /** `work` with an absolute deadline (a batch of several requests: the latest of theirs). */
  until<T>(deadline: number | undefined, work: () => T): T {
    return deadline === undefined ? store.exit(work) : store.run({ deadline }, work);
  },
  /**
   * `work`, and everything it starts, outside any request's deadline: for a loop or a timer that
   * serves later requests too (a batch lane, a board refresh), which must not live by the first one's.
   */
  outside<T>(work: () => T): T {
    return store.exit(work);
  },
  /** The deadline of the request being served, if any. */
  current(): number | undefined {
    return store.getStore()?.deadline;
  },
  passed(now = Date.now()): boolean {
    const current = store.getStore();
    return current !== undefined && now >= current.deadline;
  },
};

/** A statement of a request past its deadline, refused; answered 503 SERVICE_UNAVAILABLE (see isUnavailable in infra). */
export class DeadlinePassed extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor() {
    super('the request passed its deadline');
  }
}

/**
 * Refuses every statement of a request whose deadline has passed, ROLLBACK excepted, before it
 * reaches the database: its transaction then rolls back instead of committing late.
 */
@EventSubscriber()
export class DeadlineSubscriber implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent): void {
    if (RequestDeadline.passed() && !/^\s*ROLLBACK/i.test(event.query)) throw new DeadlinePassed();
  }
}
