import type { CandidateClaims } from './ticket.repository';

/**
 * Tickets that calls of this process are locking, or have called while other calls still hold a
 * candidate list read before that commit. Counters racing over one queue found these out one
 * locking round trip at a time before; now they pass over them. Nothing is held longer than the
 * calls that could mistake it for waiting: a ticket sent back to the queue is seen at once by any
 * call that starts after.
 */
export class ClaimBook {
  private lastSession = 0;
  private readonly active = new Set<number>();
  private readonly locking = new Set<string>();
  /** A called ticket → the newest call that may still have it in its candidates, and until when at most. */
  private readonly called = new Map<string, { newest: number; until: number }>();

  session(): CandidateClaims & { settle(called: string | null): void } {
    const me = ++this.lastSession;
    this.active.add(me);
    const mine: string[] = [];
    return {
      claim: (id) => {
        const called = this.called.get(id);
        if (this.locking.has(id) || (called && called.until > Date.now())) return false;
        this.locking.add(id);
        mine.push(id);
        return true;
      },
      settle: (called) => {
        for (const id of mine) this.locking.delete(id);
        this.active.delete(me);
        // A call held up (by a lock, by the pool) keeps nothing from the others for long.
        if (called && this.active.size) this.called.set(called, { newest: this.lastSession, until: Date.now() + 2000 });
        const oldest = this.active.size ? Math.min(...this.active) : Number.POSITIVE_INFINITY;
        for (const [id, c] of this.called) if (c.newest < oldest || c.until < Date.now()) this.called.delete(id);
      },
    };
  }
}
