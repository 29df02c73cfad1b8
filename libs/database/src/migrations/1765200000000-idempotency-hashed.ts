import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records are now stored by the keyed hash of the client's key, with any secret in
 * the answer sealed (IdempotencyStore). Those kept in clear are dropped: they only serve a retry
 * within minutes, and without PII_KEY here they cannot be converted.
 */
export class IdempotencyHashed1765200000000 implements MigrationInterface {
  name = 'IdempotencyHashed1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM idempotency_record');
  }

  async down(): Promise<void> {
    // Nothing to put back: the records were short-lived.
  }
}
