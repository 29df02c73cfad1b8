import { RequestDeadline } from '@giliran/database';
import { GroupRunner } from './issue-batcher';

describe('GroupRunner (the lanes of the issue batches)', () => {
  it('runs every batch of a lane outside the deadline of the request that opened the lane', async () => {
    const seen: (number | undefined)[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const runner = new GroupRunner<string, string>(async (_key, items) => {
      seen.push(RequestDeadline.current());
      if (items.includes('a')) await first;
      return items;
    });
    // The lane is opened by a request whose deadline is near; later requests join while it runs.
    const a = RequestDeadline.run(50, () => runner.push('lane', 'a'));
    const b = RequestDeadline.run(60_000, () => runner.push('lane', 'b'));
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(seen).toEqual([undefined, undefined]);
  });

  it('answers each item of a batch with its own result, in arrival order', async () => {
    const runner = new GroupRunner<number, number>(async (_key, items) => items.map((n) => (n % 2 ? new Error(`odd ${n}`) : n * 10)));
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => runner.push('k', n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['odd 1', 20, 'odd 3', 40]);
  });
});
