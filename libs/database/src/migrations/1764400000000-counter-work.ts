import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #3: office settings for the call and the display, reasons in the audit trail, counter sessions. */
const sqlite = [
  'ALTER TABLE "office" ADD COLUMN "starvation_guard_minutes" integer NOT NULL DEFAULT (45)',
  'ALTER TABLE "office" ADD COLUMN "max_recalls" integer NOT NULL DEFAULT (3)',
  'ALTER TABLE "office" ADD COLUMN "announcements" text',
  'ALTER TABLE "office" ADD COLUMN "voice_locale" varchar(2) NOT NULL DEFAULT (\'id\')',
  'ALTER TABLE "ticket_event" ADD COLUMN "note" varchar(200)',
  'CREATE TABLE "counter_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "counter_id" varchar(36) NOT NULL, "office_id" varchar(36) NOT NULL, "at" datetime(3) NOT NULL, "type" varchar(12) NOT NULL, "actor" varchar(60) NOT NULL)',
  'CREATE INDEX "ix_counter_event_office_at" ON "counter_event" ("office_id", "at")',
];
const mysql = [
  "ALTER TABLE `office` ADD `starvation_guard_minutes` int NOT NULL DEFAULT 45, ADD `max_recalls` int NOT NULL DEFAULT 3, ADD `announcements` text NULL, ADD `voice_locale` varchar(2) NOT NULL DEFAULT 'id'",
  'ALTER TABLE `ticket_event` ADD `note` varchar(200) NULL',
  'CREATE TABLE `counter_event` (`id` bigint NOT NULL AUTO_INCREMENT, `counter_id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `at` datetime(3) NOT NULL, `type` varchar(12) NOT NULL, `actor` varchar(60) NOT NULL, INDEX `ix_counter_event_office_at` (`office_id`, `at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
];

export class CounterWork1764400000000 implements MigrationInterface {
  name = 'CounterWork1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of runner.connection.driver.options.type === 'better-sqlite3' ? sqlite : mysql) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE counter_event');
    for (const column of ['starvation_guard_minutes', 'max_recalls', 'announcements', 'voice_locale'])
      await runner.query(`ALTER TABLE office DROP COLUMN ${column}`);
    await runner.query('ALTER TABLE ticket_event DROP COLUMN note');
  }
}
