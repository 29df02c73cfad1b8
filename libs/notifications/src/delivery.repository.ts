import { NotificationDelivery, inBatches, insertRows, isUniqueViolation } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';

@Injectable()
export class DeliveryRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Claims a delivery before sending: true if this caller may send it now. A key already sent,
   * being sent or dead is never claimed again; a failed one is, by exactly one caller.
   */
  async claim(
    d: Pick<NotificationDelivery, 'key' | 'officeId' | 'kind' | 'channel' | 'appointmentId' | 'ticketId' | 'job'>,
    staleAfterMs: number,
  ): Promise<'claimed' | 'done' | 'in_progress'> {
    const now = new Date();
    try {
      await insertRows(this.ds.manager, NotificationDelivery, {
        ...d,
        id: randomUUID(),
        status: 'sending',
        attempts: 1,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
      return 'claimed';
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    // A failed one, or one whose sender died mid-way (still 'sending' long after): claim it again.
    const res = await this.ds
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ status: 'sending', updatedAt: now, attempts: () => 'attempts + 1' })
      .where('key = :key AND (status = :failed OR (status = :sending AND updated_at < :stale))', {
        key: d.key,
        failed: 'failed',
        sending: 'sending',
        stale: new Date(now.getTime() - staleAfterMs),
      })
      .execute();
    if ((res.affected ?? 0) === 1) return 'claimed';
    const row = await this.ds.getRepository(NotificationDelivery).findOneBy({ key: d.key });
    return row?.status === 'sending' ? 'in_progress' : 'done';
  }

  async finish(key: string, status: 'sent' | 'failed' | 'dead', error?: string): Promise<void> {
    await this.ds.getRepository(NotificationDelivery).update({ key }, { status, lastError: error?.slice(0, 300) ?? null, updatedAt: new Date() });
  }

  list(officeId: string, status: NotificationDelivery['status']): Promise<NotificationDelivery[]> {
    return this.ds.getRepository(NotificationDelivery).find({ where: { officeId, status }, order: { updatedAt: 'DESC' }, take: 500 });
  }

  byKeyPrefix(prefix: string): Promise<NotificationDelivery[]> {
    return this.ds
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .where('d.key LIKE :p', { p: `${prefix}%` })
      .getMany();
  }

  findById(id: string): Promise<NotificationDelivery | null> {
    return this.ds.getRepository(NotificationDelivery).findOneBy({ id });
  }

  /**
   * Why deliveries failed, kept no longer than the personal data they were about: found by the
   * index of those still holding an error, `limit` at a time. Returns how many were cleared.
   */
  purgeErrorsBefore(before: Date, limit = 1000): Promise<number> {
    const deliveries = this.ds.getRepository(NotificationDelivery);
    return inBatches(limit, async (take) => {
      const ids = (
        await deliveries
          .createQueryBuilder('d')
          .select('d.id', 'id')
          .where('d.lastError IS NOT NULL AND d.updatedAt < :before', { before })
          .limit(take)
          .getRawMany<{ id: string }>()
      ).map((r) => r.id);
      if (ids.length > 0) await deliveries.update({ id: In(ids) }, { lastError: null });
      return ids.length;
    });
  }

  /** A dead letter back to failed, so the retried job may claim it. */
  async revive(id: string): Promise<boolean> {
    const res = await this.ds.getRepository(NotificationDelivery).update({ id, status: 'dead' }, { status: 'failed', updatedAt: new Date() });
    return (res.affected ?? 0) === 1;
  }
}
