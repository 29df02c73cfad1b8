/**
 * In-process traffic control for slots in a booking storm. The database stays the only authority
 * on capacity (the conditional update); this only keeps thousands of doomed requests away from it:
 *
 * - a slot seen full is answered full for `memoMs` without reading it again (a place freed in
 *   this process is offered again at once, one freed in another replica after `memoMs` at most);
 * - the places taken in a slot are read once for everyone asking at the same moment;
 * - at most as many bookings of a slot run at once as it had places left when last read; the rest
 *   wait their turn, and find out from the memo, without a transaction, that it filled meanwhile.
 */
export class SlotGate {
  private readonly fullUntil = new Map<string, number>();
  private readonly reads = new Map<string, Promise<{ taken: number; generation: number }>>();
  /** Bumped when a place of the slot is freed: a read or a refusal from before says nothing now. */
  private readonly generations = new Map<string, number>();
  private readonly lanes = new Map<string, { running: number; limit: number; waiting: (() => void)[] }>();

  constructor(private readonly memoMs: number) {}

  static key(serviceId: string, slotStart: Date): string {
    return `${serviceId}|${slotStart.getTime()}`;
  }

  isFull(key: string): boolean {
    return (this.fullUntil.get(key) ?? 0) > Date.now();
  }

  generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }

  /** `generation`: when the evidence was taken; evidence from before a place was freed is ignored. */
  markFull(key: string, generation: number): void {
    if (generation !== this.generation(key)) return;
    if (this.fullUntil.size > 10_000) this.fullUntil.clear();
    this.fullUntil.set(key, Date.now() + this.memoMs);
  }

  freed(key: string): void {
    this.fullUntil.delete(key);
    if (this.generations.size > 10_000) this.generations.clear();
    this.generations.set(key, this.generation(key) + 1);
  }

  /** One read of a slot's taken places at a time, shared by everyone who asks while it runs. */
  taken(key: string, read: () => Promise<number>): Promise<{ taken: number; generation: number }> {
    let pending = this.reads.get(key);
    if (!pending) {
      const generation = this.generation(key);
      pending = read()
        .then((taken) => ({ taken, generation }))
        .finally(() => this.reads.delete(key));
      this.reads.set(key, pending);
    }
    return pending;
  }

  /** Runs `work` once fewer than `limit` runs of this slot are in flight (the latest limit given wins). */
  async admit<T>(key: string, limit: number, work: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, limit, waiting: [] }));
    lane.limit = Math.max(1, limit);
    while (lane.running >= lane.limit) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    lane.running++;
    try {
      return await work();
    } finally {
      lane.running--;
      const next = lane.waiting.shift();
      if (next) next();
      else if (lane.running === 0) this.lanes.delete(key);
    }
  }
}
