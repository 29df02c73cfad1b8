import { Counter, Holiday, Office, OpeningHours, ServiceEntity } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';

/** Offices and their set-up: hours, holidays, services, counters. */
@Injectable()
export class OfficeRepository {
  constructor(private readonly ds: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.ds.manager;
  }

  listOffices(): Promise<Office[]> {
    return this.ds.getRepository(Office).find({ order: { name: 'ASC' } });
  }
  findOffice(id: string, em?: EntityManager): Promise<Office | null> {
    return this.m(em).findOneBy(Office, { id });
  }
  findOfficeByCode(code: string): Promise<Office | null> {
    return this.ds.getRepository(Office).findOneBy({ code });
  }
  insertOffice(office: Office): Promise<unknown> {
    return this.ds.getRepository(Office).insert(office);
  }
  saveOffice(office: Office): Promise<Office> {
    return this.ds.getRepository(Office).save(office);
  }

  hours(officeId: string, em?: EntityManager): Promise<OpeningHours[]> {
    return this.m(em).find(OpeningHours, { where: { officeId }, order: { weekday: 'ASC' } });
  }
  async replaceHours(officeId: string, rows: OpeningHours[], em: EntityManager): Promise<void> {
    await em.delete(OpeningHours, { officeId });
    if (rows.length) await em.insert(OpeningHours, rows);
  }

  holidays(officeId: string): Promise<Holiday[]> {
    return this.ds.getRepository(Holiday).find({ where: { officeId }, order: { date: 'ASC' } });
  }
  async isHoliday(officeId: string, date: string, em?: EntityManager): Promise<boolean> {
    return (await this.m(em).countBy(Holiday, { officeId, date })) > 0;
  }
  saveHoliday(holiday: Holiday): Promise<Holiday> {
    return this.ds.getRepository(Holiday).save(holiday);
  }
  async deleteHoliday(officeId: string, date: string): Promise<boolean> {
    return ((await this.ds.getRepository(Holiday).delete({ officeId, date })).affected ?? 0) > 0;
  }

  services(officeId: string, em?: EntityManager): Promise<ServiceEntity[]> {
    return this.m(em).find(ServiceEntity, { where: { officeId }, order: { prefix: 'ASC' } });
  }
  findService(officeId: string, id: string, em?: EntityManager): Promise<ServiceEntity | null> {
    return this.m(em).findOneBy(ServiceEntity, { officeId, id });
  }
  async countServices(officeId: string, ids: string[]): Promise<number> {
    return this.ds.getRepository(ServiceEntity).countBy({ officeId, id: In(ids) });
  }
  insertService(service: ServiceEntity): Promise<unknown> {
    return this.ds.getRepository(ServiceEntity).insert(service);
  }
  saveService(service: ServiceEntity): Promise<ServiceEntity> {
    return this.ds.getRepository(ServiceEntity).save(service);
  }

  counters(officeId: string, em?: EntityManager): Promise<Counter[]> {
    return this.m(em).find(Counter, { where: { officeId }, order: { name: 'ASC' } });
  }
  findCounter(officeId: string, id: string): Promise<Counter | null> {
    return this.ds.getRepository(Counter).findOneBy({ officeId, id });
  }
  /** Counters are addressed by id alone in counter work; the office comes from the row. */
  findCounterById(id: string): Promise<Counter | null> {
    return this.ds.getRepository(Counter).findOneBy({ id });
  }
  insertCounter(counter: Counter): Promise<unknown> {
    return this.ds.getRepository(Counter).insert(counter);
  }
  saveCounter(counter: Counter): Promise<Counter> {
    return this.ds.getRepository(Counter).save(counter);
  }
}
