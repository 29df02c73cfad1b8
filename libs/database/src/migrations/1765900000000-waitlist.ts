import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The waitlist of a service's full days (API.md v1.1 "Waitlist"): see WaitlistEntry. */
export class Waitlist1765900000000 implements MigrationInterface {
  name = 'Waitlist1765900000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query(
        'CREATE TABLE "waitlist_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, ' +
          '"business_date" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "join_order" integer NOT NULL, "manage_token_hash" varchar(64) NOT NULL, "nik_hash" varchar(64) NOT NULL, ' +
          '"active_nik_key" varchar(64), "nik_sealed" text, "name_sealed" text, "phone_sealed" text, "email_sealed" text, "locale" varchar(2) NOT NULL, ' +
          '"appointment_id" varchar(36), "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)',
      );
    } else {
      await runner.query(
        'CREATE TABLE `waitlist_entry` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, ' +
          '`business_date` varchar(10) NOT NULL, `status` varchar(12) NOT NULL, `join_order` int NOT NULL, `manage_token_hash` varchar(64) NOT NULL, `nik_hash` varchar(64) NOT NULL, ' +
          '`active_nik_key` varchar(64) NULL, `nik_sealed` text NULL, `name_sealed` text NULL, `phone_sealed` text NULL, `email_sealed` text NULL, ' +
          '`locale` varchar(2) NOT NULL, `appointment_id` varchar(36) NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, ' +
          'PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
    await runner.query('CREATE UNIQUE INDEX uq_waitlist_active_nik ON waitlist_entry (service_id, active_nik_key)');
    await runner.query('CREATE UNIQUE INDEX uq_waitlist_manage_token_hash ON waitlist_entry (manage_token_hash)');
    await runner.query('CREATE UNIQUE INDEX uq_waitlist_join_order ON waitlist_entry (service_id, business_date, join_order)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE waitlist_entry');
  }
}
