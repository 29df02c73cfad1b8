import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { PiiCipher } from '@giliran/core';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In, LessThan } from 'typeorm';
import { IdempotencyRecord } from './entities';
import { inBatches } from './batches';
import { insertRows, insertStatement } from './statements';
import { TransactionRunner } from './transaction-runner';

/**
 * Requests sent with an Idempotency-Key: a retry gets the first answer instead of a second
 * ticket or booking. Nothing in the table reads without PII_KEY: a client's key is stored as its
 * keyed hash (per scope), and an answer that carries a secret (a booking's manage token) sealed.
 */
@Injectable()
export class IdempotencyStore {
  private readonly pii: PiiCipher;

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  /** The stored id of a client's key within a scope (`booking`, `ticket:<officeId>`). */
  id(scope: string, key: string): string {
    return this.pii.hash(`idempotency:${scope}:${key}`);
  }

  /**
   * What the request asked for, so that a key reused for another request is refused: keyed, since
   * a request may carry a phone number or a citizen's name and NIK, which a plain hash would let
   * anyone who reads the table confirm by guessing.
   */
  requestHash(request: unknown): string {
    return this.pii.hash(`request:${JSON.stringify(request)}`);
  }

  seal(response: string): string {
    return this.pii.encrypt(response);
  }

  open(sealed: string): string {
    return this.pii.decrypt(sealed);
  }

  find(em: EntityManager, id: string): Promise<IdempotencyRecord | null> {
    return em.findOneBy(IdempotencyRecord, { key: id });
  }

  /** Taken inside the transaction that makes the answer: a concurrent retry waits on the row. */
  insert(em: EntityManager, id: string, requestHash: string, now: Date): Promise<void> {
    return insertRows(em, IdempotencyRecord, { key: id, requestHash, statusCode: 0, response: '', createdAt: now });
  }

  async saveResponse(em: EntityManager, id: string, statusCode: number, response: string): Promise<void> {
    await em.update(IdempotencyRecord, { key: id }, { statusCode, response });
  }

  /**
   * Claims keys inside the caller's transaction, each with the answer it will have (a ticket's id
   * made in advance): the ids claimed here. A key held by another transaction is waited for until
   * that one ends: committed, it is not ours; rolled back, it is. Taken in one order, so that two
   * batches claiming the same keys cannot deadlock. The INSERT goes with the SELECT, one round trip.
   */
  async claimAll(em: EntityManager, items: { id: string; requestHash: string; response: string }[], now: Date): Promise<Set<string>> {
    const sorted = [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const insert = insertStatement(
      em,
      IdempotencyRecord,
      sorted.map((i) => ({ key: i.id, requestHash: i.requestHash, statusCode: 201, response: i.response, createdAt: now })),
    )!;
    await this.tx.write(em, insert.sql.replace(/^INSERT INTO/, this.tx.isSqlite ? 'INSERT OR IGNORE INTO' : 'INSERT IGNORE INTO'), insert.params);
    const stored = await em.find(IdempotencyRecord, { where: { key: In(sorted.map((i) => i.id)) }, select: { key: true, response: true } });
    const answers = new Map(items.map((i) => [i.id, i.response]));
    return new Set(stored.filter((r) => answers.get(r.key) === r.response).map((r) => r.key));
  }

  /** Gives back keys claimed in this transaction whose work was refused (with its next statement). */
  async releaseAll(em: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const key = em.connection.driver.escape('key');
    await this.tx.write(em, `DELETE FROM ${em.connection.driver.escape('idempotency_record')} WHERE ${key} IN (${ids.map(() => '?').join(', ')})`, ids);
  }

  /**
   * Forgets records older than `before` (a retry comes within minutes), `limit` at a time by their
   * age's index: a delete of a whole day's records at once would hold them, and the gaps beside
   * them, against the requests writing new ones. Returns how many went.
   */
  purgeBefore(before: Date, limit = 1000): Promise<number> {
    return inBatches(limit, (take) =>
      this.tx.run(async (em) => {
        const keys = (
          await em.find(IdempotencyRecord, { select: { key: true }, where: { createdAt: LessThan(before) }, order: { createdAt: 'ASC' }, take })
        ).map((r) => r.key);
        if (keys.length > 0) await em.delete(IdempotencyRecord, { key: In(keys) });
        return keys.length;
      }),
    );
  }
}
