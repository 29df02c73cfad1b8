import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { Counter, Ticket } from './entities';
import { selectRows, updateStatement } from './statements';

describe('statements of the hot paths, built from the metadata', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('statements');
  });
  afterAll(() => h.close());

  it('selectRows reads entities exactly as TypeORM does, every column type, and filters with IN', async () => {
    const f = await officeFixture(h, { services: 2, counters: 2 });
    const a = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id, phone: '+6281234567890' }, 'kiosk');
    const b = await h.tickets.issue(f.officeId, { serviceId: f.services[1].id, priority: 'priority' }, 'kiosk');
    const em = h.dataSource.manager;
    for (const id of [a.id, b.id]) {
      const [mine] = await selectRows(em, Ticket, { officeId: f.officeId, id });
      expect(mine).toBeInstanceOf(Ticket);
      expect(mine).toEqual(await h.dataSource.getRepository(Ticket).findOneByOrFail({ id }));
    }
    const counters = await selectRows(em, Counter, { officeId: f.officeId, id: f.counters.map((c) => c.id) });
    expect(counters.sort((x, y) => x.name.localeCompare(y.name))).toEqual(
      await h.dataSource.getRepository(Counter).find({ where: { officeId: f.officeId }, order: { name: 'ASC' } }),
    );
    expect(counters[0].serviceIds).toEqual(f.services.map((s) => s.id));
    expect(await selectRows(em, Counter, { officeId: f.officeId, id: [] })).toEqual([]);
    expect(await selectRows(em, Counter, { officeId: f.officeId, officerId: null })).toHaveLength(2);
  });

  it('updateStatement writes dates, nulls and numbers as TypeORM would read them back', async () => {
    const f = await officeFixture(h);
    const t = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const calledAt = new Date('2026-03-04T05:06:07.089Z');
    const patch = { status: 'called' as const, calledAt, counterId: f.counters[0].id, recallCount: 2 };
    const { sql, params } = updateStatement(h.dataSource.manager, Ticket, { officeId: f.officeId, id: t.id }, patch);
    await h.dataSource.query(sql, params);
    expect(await h.dataSource.getRepository(Ticket).findOneByOrFail({ id: t.id })).toMatchObject(patch);
    const back = updateStatement(h.dataSource.manager, Ticket, { officeId: f.officeId, id: t.id }, { counterId: null, calledAt: null });
    await h.dataSource.query(back.sql, back.params);
    expect(await h.dataSource.getRepository(Ticket).findOneByOrFail({ id: t.id })).toMatchObject({ counterId: null, calledAt: null, recallCount: 2 });
    expect(() => updateStatement(h.dataSource.manager, Ticket, {}, { recallCount: 1 })).toThrow(/needs a filter/);
  });
});
