import { GroupRunner } from './issue-batcher';

describe('GroupRunner (the lanes of the issue batches)', () => {
  it('answers each item of a batch with its own result, in arrival order', async () => {
    const runner = new GroupRunner<number, number>(async (_key, items) => items.map((n) => (n % 2 ? new Error(`odd ${n}`) : n * 10)));
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => runner.push('k', n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['odd 1', 20, 'odd 3', 40]);
  });
});
