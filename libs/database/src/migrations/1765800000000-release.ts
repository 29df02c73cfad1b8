import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled release (API.md v1.1 "Fair access to scarce places"): the slots of day D of a service
 * become bookable at `release_at` (office time) on day D − `release_days_ahead`; both null: always.
 */
export class Release1765800000000 implements MigrationInterface {
  name = 'Release1765800000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query('ALTER TABLE "service" ADD COLUMN "release_days_ahead" integer');
      await runner.query('ALTER TABLE "service" ADD COLUMN "release_at" varchar(5)');
    } else {
      await runner.query('ALTER TABLE `service` ADD `release_days_ahead` int NULL, ADD `release_at` varchar(5) NULL');
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const column of ['release_days_ahead', 'release_at']) await runner.query(`ALTER TABLE service DROP COLUMN ${column}`);
  }
}
