import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The analytics' day rollups (API.md v1.1 "Office insight"): see DayRollupRow. */
export class DayRollup1766200000000 implements MigrationInterface {
  name = 'DayRollup1766200000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query(
        'CREATE TABLE "day_rollup" ("office_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, "service_id" varchar(36) NOT NULL, ' +
          '"figures" text NOT NULL, PRIMARY KEY ("office_id", "business_date", "service_id"))',
      );
    } else {
      await runner.query(
        'CREATE TABLE `day_rollup` (`office_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, `service_id` varchar(36) NOT NULL, ' +
          '`figures` text NOT NULL, PRIMARY KEY (`office_id`, `business_date`, `service_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE day_rollup');
  }
}
