/**
 * The instant (ms since the epoch) by which a request must be answered. Past it the client has
 * been answered 503 already (see the HTTP deadline in apps/api), so nothing more may be written for
 * it: a request that waited out a frozen database must not commit when the database comes back.
 *
 * It travels explicitly, from the request to the transaction that writes for it
 * (`TransactionRunner.run(work, { deadline })`), not in an AsyncLocalStorage: on Node 20 one
 * of those hooks every promise of the process, and cost a fifth of a walk-in ticket's CPU.
 * `undefined`: no deadline (a job, a socket event, a test).
 */
export type Deadline = number | undefined;

export function deadlinePassed(deadline: Deadline, now = Date.now()): boolean {
  return deadline !== undefined && now >= deadline;
}

/** A statement of a request past its deadline, refused; answered 503 SERVICE_UNAVAILABLE (see isUnavailable in infra). */
export class DeadlinePassed extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor() {
    super('the request passed its deadline');
  }
}
