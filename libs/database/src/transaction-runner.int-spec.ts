import { createIntHarness, type IntHarness } from '../../../test/support/int-harness';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { TransactionRunner } from './transaction-runner';
import { isUniqueViolation } from './unique-violation';

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

  it('writes nothing past the deadline it is given: the statement after it, and the COMMIT, are refused, and it rolls back', async () => {
    const tx = new TransactionRunner(h.dataSource);
    await h.dataSource.query('CREATE TABLE IF NOT EXISTS tx_late (id INT PRIMARY KEY)');
    const rows = async () => (await h.dataSource.query('SELECT id FROM tx_late ORDER BY id')).map((r: { id: number }) => Number(r.id));
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // A statement after the deadline.
    await expect(
      tx.run(
        async (em) => {
          await em.query('INSERT INTO tx_late (id) VALUES (1)');
          await pause(80);
          await em.query('INSERT INTO tx_late (id) VALUES (2)');
        },
        { deadline: Date.now() + 40 },
      ),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    // The work done in time, the commit after.
    await expect(
      tx.run(
        async (em) => {
          await em.query('INSERT INTO tx_late (id) VALUES (3)');
          await pause(80);
        },
        { deadline: Date.now() + 40 },
      ),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    // Already late: nothing starts.
    await expect(tx.run((em) => em.query('INSERT INTO tx_late (id) VALUES (4)'), { deadline: Date.now() - 1 })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(await rows()).toEqual([]);
    // In time, it commits.
    await tx.run((em) => em.query('INSERT INTO tx_late (id) VALUES (5)'), { deadline: Date.now() + 5000 });
    expect(await rows()).toEqual([5]);
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

  describe('writes that wait for the next statement (write)', () => {
    const rows = async () =>
      (await h.dataSource.query('SELECT id, v FROM tx_write ORDER BY id')).map((r: { id: number; v: number }) => [Number(r.id), Number(r.v)]);
    beforeAll(() => h.dataSource.query('CREATE TABLE IF NOT EXISTS tx_write (id INT PRIMARY KEY, v INT NOT NULL)'));
    beforeEach(() => h.dataSource.query('DELETE FROM tx_write'));
    afterEach(() => jest.restoreAllMocks());

    it('are seen by the statements after them, and on MySQL go with them: one round trip for several', async () => {
      const tx = new TransactionRunner(h.dataSource);
      const sent = tx.isSqlite ? null : jest.spyOn(MysqlQueryRunner.prototype, 'query');
      const seen = await tx.run(async (em) => {
        await tx.write(em, 'INSERT INTO tx_write (id, v) VALUES (?, ?)', [1, 10]);
        await tx.write(em, 'INSERT INTO tx_write (id, v) VALUES (?, ?)', [2, 20]);
        const inside = (await em.query('SELECT SUM(v) AS s FROM tx_write')) as { s: number | string }[];
        await tx.write(em, 'UPDATE tx_write SET v = v + 1 WHERE id = ?', [1]);
        return Number(inside[0].s);
      });
      const trips = sent?.mock.calls.map(([sql]) => String(sql)).filter((sql) => !sql.startsWith('SET SESSION'));
      expect(seen).toBe(30);
      expect(await rows()).toEqual([
        [1, 11],
        [2, 20],
      ]);
      // START TRANSACTION, both inserts and the read; then the update and COMMIT.
      if (trips)
        expect(trips).toEqual([expect.stringMatching(/^START TRANSACTION;\nINSERT.*;\nINSERT.*;\nSELECT SUM/s), expect.stringMatching(/^UPDATE.*;\nCOMMIT$/s)]);
    });

    it('commit a transaction that only writes', async () => {
      const tx = new TransactionRunner(h.dataSource);
      await tx.run((em) => tx.write(em, 'INSERT INTO tx_write (id, v) VALUES (?, ?)', [7, 70]));
      expect(await rows()).toEqual([[7, 70]]);
    });

    it('fail the transaction whole where they fail, as the error the database gave', async () => {
      const tx = new TransactionRunner(h.dataSource);
      await h.dataSource.query('INSERT INTO tx_write (id, v) VALUES (5, 50)');
      const err = await tx
        .run(async (em) => {
          await em.query('INSERT INTO tx_write (id, v) VALUES (?, ?)', [6, 60]);
          await tx.write(em, 'INSERT INTO tx_write (id, v) VALUES (?, ?)', [5, 51]); // the key exists
          await tx.write(em, 'INSERT INTO tx_write (id, v) VALUES (?, ?)', [8, 80]);
        })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(err)).toBe(true);
      expect(await rows()).toEqual([[5, 50]]);
    });

    it('MySQL: a transaction that sends nothing costs no round trip', async () => {
      const tx = new TransactionRunner(h.dataSource);
      if (tx.isSqlite) return;
      const sent = jest.spyOn(MysqlQueryRunner.prototype, 'query');
      expect(await tx.run(async () => 'nothing')).toBe('nothing');
      expect(sent.mock.calls.filter(([sql]) => !String(sql).startsWith('SET SESSION'))).toHaveLength(0);
      await expect(tx.run((em) => tx.write(em, 'SELECT 1', []).then(() => Promise.reject(new Error('refused'))))).rejects.toThrow('refused');
      expect(sent.mock.calls.filter(([sql]) => !String(sql).startsWith('SET SESSION'))).toHaveLength(0);
    });

    it('need a transaction of the runner', async () => {
      const tx = new TransactionRunner(h.dataSource);
      await expect(tx.write(h.dataSource.manager, 'SELECT 1', [])).rejects.toThrow(/needs a transaction/);
    });
  });
});
