import { SlotGate } from './slot-gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('SlotGate', () => {
  it('runs at most `limit` bookings of one slot at once, and every one in the end', async () => {
    const gate = new SlotGate(1000);
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      return 'ok';
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => gate.admit('s|1', 3, work)));
    expect(results).toHaveLength(50);
    expect(most).toBe(3);
    // Another slot has a lane of its own.
    const other = await Promise.all([gate.admit('s|2', 1, work), gate.admit('s|1', 1, work)]);
    expect(other).toEqual(['ok', 'ok']);
  });

  it('lets a waiter through when a run fails', async () => {
    const gate = new SlotGate(1000);
    const failing = gate.admit('s|1', 1, async () => {
      await tick();
      throw new Error('refused');
    });
    const next = gate.admit('s|1', 1, async () => 'next');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });

  it('shares one read among those asking at the same moment, and reads again after', async () => {
    const gate = new SlotGate(1000);
    let reads = 0;
    const read = async () => {
      reads++;
      await tick();
      return 7;
    };
    expect((await Promise.all([gate.taken('s|1', read), gate.taken('s|1', read), gate.taken('s|1', read)])).map((r) => r.taken)).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
    await gate.taken('s|1', read);
    expect(reads).toBe(2);
  });

  it('remembers a full slot for its time, and forgets it at once when a place is freed', async () => {
    const gate = new SlotGate(30);
    gate.markFull('s|1', gate.generation('s|1'));
    expect(gate.isFull('s|1')).toBe(true);
    expect(gate.isFull('s|2')).toBe(false);
    gate.freed('s|1');
    expect(gate.isFull('s|1')).toBe(false);
    gate.markFull('s|1', gate.generation('s|1'));
    await new Promise((r) => setTimeout(r, 40));
    expect(gate.isFull('s|1')).toBe(false);
  });

  it('ignores a full reading taken before a place was freed', async () => {
    const gate = new SlotGate(1000);
    let finish: (n: number) => void = () => undefined;
    const reading = gate.taken('s|1', () => new Promise<number>((r) => (finish = r)));
    gate.freed('s|1'); // a cancel commits while the read is on its way
    finish(4);
    const { taken, generation } = await reading;
    gate.markFull('s|1', generation);
    expect(taken).toBe(4);
    expect(gate.isFull('s|1')).toBe(false);
  });
});
