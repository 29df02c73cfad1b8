import { createIntHarness, type IntHarness } from '../../../test/support/int-harness';
import { TransactionRunner } from './transaction-runner';

describe('TransactionRunner', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('txrunner');
  });
  afterAll(() => h.close());

  it('MySQL: every transaction, on any pooled connection, sees what others commit meanwhile (READ COMMITTED)', async () => {
    const tx = new TransactionRunner(h.dataSource);
    if (tx.isSqlite) return; // SQLite: the next test
    await h.dataSource.query('CREATE TABLE IF NOT EXISTS tx_seen (id INT PRIMARY KEY, v INT NOT NULL)');
    await h.dataSource.query(`INSERT INTO tx_seen (id, v) VALUES ${Array.from({ length: 30 }, (_, i) => `(${i}, 0)`).join(',')}`);
    // Ten at once: each also needs a second connection for the outside update (the pool has 20).
    for (let round = 0; round < 6; round++) {
      const seen = await Promise.all(
        Array.from({ length: 10 }, (_, id) =>
          tx.run(async (em) => {
            const read = async () => Number((await em.query('SELECT v FROM tx_seen WHERE id = ?', [id]))[0].v);
            const before = await read();
            await h.dataSource.query('UPDATE tx_seen SET v = v + 1 WHERE id = ?', [id]); // another connection, committed
            return [before, await read(), Number((await em.query('SELECT CONNECTION_ID() AS c'))[0].c)];
          }),
        ),
      );
      for (const [before, after] of seen) expect(after).toBe(before + 1);
      expect(new Set(seen.map(([, , connection]) => connection)).size).toBeGreaterThan(1);
    }
  });

  it('SQLite: runs one transaction at a time', async () => {
    const tx = new TransactionRunner(h.dataSource);
    let active = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        tx.run(async () => {
          most = Math.max(most, ++active);
          await new Promise((r) => setTimeout(r, 2));
          active--;
        }),
      ),
    );
    if (tx.isSqlite) expect(most).toBe(1);
    else expect(most).toBeGreaterThan(1); // MySQL runs them side by side
  });

  it('rolls back on an error and gives the connection back', async () => {
    const tx = new TransactionRunner(h.dataSource);
    await h.dataSource.query('CREATE TABLE IF NOT EXISTS tx_probe (id INT PRIMARY KEY)');
    await expect(
      tx.run(async (em) => {
        await em.query('INSERT INTO tx_probe (id) VALUES (1)');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(Number((await h.dataSource.query('SELECT COUNT(*) AS n FROM tx_probe'))[0].n)).toBe(0);
    // Every connection came back: as many transactions as the pool holds, and more, still run.
    await Promise.all(Array.from({ length: 40 }, (_, i) => tx.run((em) => em.query('SELECT ?', [i]))));
  });
});
