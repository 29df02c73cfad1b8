import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { Counter, Holiday, Office, OpeningHours, ServiceEntity } from '@giliran/database';
import { inListOrder } from '@giliran/core';
import { REDIS } from '@giliran/infra';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource, type EntityManager, In } from 'typeorm';

/** An office's set-up, read together: what every ticket, booking and board needs. */
interface Setup {
  office: Office;
  services: ServiceEntity[];
  hours: OpeningHours[];
  holidays: Set<string>;
}

const SETUP_TTL_MS = 30_000;

/**
 * Offices and their set-up: hours, holidays, services, counters.
 *
 * The set-up changes a few times a year and is read by every request, so it is kept per office
 * for up to 30 s. Every write here drops it, in this process and — through Redis — in every other
 * replica, so a change is seen everywhere at once; the TTL is only a safety net. Counters (status,
 * ticket in hand) change all the time and are always read from the database; so is anything read
 * for an update (`fresh`).
 */
@Injectable()
export class OfficeRepository implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OfficeRepository');
  private readonly setups = new Map<string, { at: number; setup: Promise<Setup | null> }>();
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}office-setup-changed`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', (err) => this.logger.warn(`set-up invalidation channel: ${err.message}`));
    this.subscriber.on('message', (_channel, officeId: string) => this.setups.delete(officeId));
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private m(em?: EntityManager): EntityManager {
    return em ?? this.ds.manager;
  }

  private setup(officeId: string): Promise<Setup | null> {
    const hit = this.setups.get(officeId);
    if (hit && Date.now() - hit.at < SETUP_TTL_MS) return hit.setup;
    const setup = this.load(officeId);
    this.setups.set(officeId, { at: Date.now(), setup });
    setup.catch(() => this.setups.delete(officeId));
    return setup;
  }

  private async load(officeId: string): Promise<Setup | null> {
    const [office, services, hours, holidays] = await Promise.all([
      this.ds.manager.findOneBy(Office, { id: officeId }),
      this.ds.manager.find(ServiceEntity, { where: { officeId } }),
      this.ds.manager.find(OpeningHours, { where: { officeId }, order: { weekday: 'ASC' } }),
      this.ds.manager.find(Holiday, { where: { officeId }, select: { date: true } }),
    ]);
    return office ? { office, services: services.sort(inListOrder), hours, holidays: new Set(holidays.map((h) => h.date)) } : null;
  }

  /** After any write to an office's set-up: drop it here and in every other replica. */
  async invalidate(officeId: string): Promise<void> {
    this.setups.delete(officeId);
    await this.redis.publish(this.channel, officeId).catch((err: Error) => this.logger.warn(`could not announce a set-up change: ${err.message}`));
  }

  listOffices(): Promise<Office[]> {
    return this.ds.getRepository(Office).find({ order: { name: 'ASC' } });
  }
  /**
   * What the office's set-up is now, as an identity: a new object after every change to it (here
   * or, through Redis, on another replica), or after the TTL. Caches of things built from the
   * set-up (the board) compare it.
   */
  async setupVersion(officeId: string): Promise<object | null> {
    return this.setup(officeId);
  }

  async findOffice(id: string): Promise<Office | null> {
    return (await this.setup(id))?.office ?? null;
  }

  /** For an update: the row as it is now, not the shared cached one. */
  findOfficeFresh(id: string): Promise<Office | null> {
    return this.ds.manager.findOneBy(Office, { id });
  }
  findOfficeByCode(code: string): Promise<Office | null> {
    return this.ds.getRepository(Office).findOneBy({ code });
  }
  insertOffice(office: Office): Promise<unknown> {
    return this.ds.getRepository(Office).insert(office);
  }
  async saveOffice(office: Office): Promise<Office> {
    const saved = await this.ds.getRepository(Office).save(office);
    await this.invalidate(office.id);
    return saved;
  }

  async hours(officeId: string): Promise<OpeningHours[]> {
    return (await this.setup(officeId))?.hours ?? [];
  }
  async replaceHours(officeId: string, rows: OpeningHours[], em: EntityManager): Promise<void> {
    await em.delete(OpeningHours, { officeId });
    if (rows.length) await em.insert(OpeningHours, rows);
  }

  holidays(officeId: string): Promise<Holiday[]> {
    return this.ds.getRepository(Holiday).find({ where: { officeId }, order: { date: 'ASC' } });
  }
  async holidaySet(officeId: string): Promise<ReadonlySet<string>> {
    return (await this.setup(officeId))?.holidays ?? new Set();
  }
  /** Every holiday date of the office (from the cached set-up). */
  async holidayDates(officeId: string): Promise<ReadonlySet<string>> {
    return (await this.setup(officeId))?.holidays ?? new Set();
  }
  async isHoliday(officeId: string, date: string): Promise<boolean> {
    return (await this.setup(officeId))?.holidays.has(date) ?? false;
  }
  async saveHoliday(holiday: Holiday): Promise<Holiday> {
    const saved = await this.ds.getRepository(Holiday).save(holiday);
    await this.invalidate(holiday.officeId);
    return saved;
  }
  async saveHolidays(officeId: string, holidays: Holiday[]): Promise<void> {
    if (holidays.length) await this.ds.getRepository(Holiday).save(holidays);
    await this.invalidate(officeId);
  }
  async deleteHoliday(officeId: string, date: string): Promise<boolean> {
    const deleted = ((await this.ds.getRepository(Holiday).delete({ officeId, date })).affected ?? 0) > 0;
    await this.invalidate(officeId);
    return deleted;
  }

  async services(officeId: string): Promise<ServiceEntity[]> {
    return (await this.setup(officeId))?.services ?? [];
  }
  async findService(officeId: string, id: string): Promise<ServiceEntity | null> {
    return (await this.setup(officeId))?.services.find((s) => s.id === id) ?? null;
  }
  findServiceFresh(officeId: string, id: string): Promise<ServiceEntity | null> {
    return this.ds.manager.findOneBy(ServiceEntity, { officeId, id });
  }
  async countServices(officeId: string, ids: string[]): Promise<number> {
    return this.ds.getRepository(ServiceEntity).countBy({ officeId, id: In(ids) });
  }
  async insertService(service: ServiceEntity): Promise<unknown> {
    const result = await this.ds.getRepository(ServiceEntity).insert(service);
    await this.invalidate(service.officeId);
    return result;
  }
  async saveService(service: ServiceEntity): Promise<ServiceEntity> {
    const saved = await this.ds.getRepository(ServiceEntity).save(service);
    await this.invalidate(service.officeId);
    return saved;
  }

  /** In list order (sortOrder, then natural order of names). */
  async counters(officeId: string, em?: EntityManager): Promise<Counter[]> {
    return (await this.m(em).find(Counter, { where: { officeId } })).sort(inListOrder);
  }
  findCounter(officeId: string, id: string): Promise<Counter | null> {
    return this.ds.getRepository(Counter).findOneBy({ officeId, id });
  }
  /** Counters are addressed by id alone in counter work; the office comes from the row. */
  findCounterById(id: string): Promise<Counter | null> {
    return this.ds.getRepository(Counter).findOneBy({ id });
  }
  /** A counter's set-up (name, services) changed: the boards built with the old one are dropped too. */
  async insertCounter(counter: Counter): Promise<void> {
    await this.ds.getRepository(Counter).insert(counter);
    await this.invalidate(counter.officeId);
  }
  async saveCounter(counter: Counter): Promise<Counter> {
    const saved = await this.ds.getRepository(Counter).save(counter);
    await this.invalidate(counter.officeId);
    return saved;
  }
}
