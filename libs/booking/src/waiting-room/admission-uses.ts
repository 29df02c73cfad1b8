import { AdmissionUse, uniqueViolation } from '@giliran/database';
import { DomainError } from '@giliran/core';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';

/** The admissions that booked: one booking each, kept by the primary key on every replica. */
@Injectable()
export class AdmissionUses {
  constructor(private readonly ds: DataSource) {}

  /** In the booking's transaction: the admission is spent with it, and given back if it rolls back. */
  async spend(em: EntityManager, use: Omit<AdmissionUse, 'createdAt'>, now: Date): Promise<void> {
    try {
      await em.insert(AdmissionUse, { ...use, createdAt: now });
    } catch (err) {
      if (uniqueViolation(err)) throw admissionSpent();
      throw err;
    }
  }

  isSpent(use: Pick<AdmissionUse, 'serviceId' | 'releaseDate' | 'pass'>): Promise<boolean> {
    return this.ds.getRepository(AdmissionUse).existsBy({ serviceId: use.serviceId, releaseDate: use.releaseDate, pass: use.pass });
  }

  count(serviceId: string, releaseDate: string): Promise<number> {
    return this.ds.getRepository(AdmissionUse).countBy({ serviceId, releaseDate });
  }

  /** The nightly purge: admissions of releases long past. */
  async purgeBefore(before: Date): Promise<number> {
    const result = await this.ds.getRepository(AdmissionUse).delete({ createdAt: LessThan(before) });
    return result.affected ?? 0;
  }
}

export const admissionSpent = () => new DomainError('ADMISSION_INVALID', 403, 'this admission has booked already: one admission books one appointment');
