import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #5: reminders and notifications (delivery log with dead letters), office channel settings. */
const sqlite = [
  'ALTER TABLE "office" ADD COLUMN "reminder_offsets" text',
  'ALTER TABLE "office" ADD COLUMN "webhook_url" varchar(300)',
  'ALTER TABLE "office" ADD COLUMN "turn_near_position" integer NOT NULL DEFAULT (3)',
  'ALTER TABLE "ticket" ADD COLUMN "phone_sealed" text',
  'CREATE TABLE "notification_delivery" ("id" varchar(36) PRIMARY KEY NOT NULL, "key" varchar(160) NOT NULL, "office_id" varchar(36) NOT NULL, "kind" varchar(20) NOT NULL, "channel" varchar(10) NOT NULL, "appointment_id" varchar(36), "ticket_id" varchar(36), "status" varchar(10) NOT NULL, "attempts" integer NOT NULL, "last_error" varchar(300), "job" text NOT NULL, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)',
  'CREATE UNIQUE INDEX "uq_notification_key" ON "notification_delivery" ("key")',
  'CREATE INDEX "ix_notification_office_status" ON "notification_delivery" ("office_id", "status")',
];
const mysql = [
  'ALTER TABLE `office` ADD `reminder_offsets` text NULL, ADD `webhook_url` varchar(300) NULL, ADD `turn_near_position` int NOT NULL DEFAULT 3',
  'ALTER TABLE `ticket` ADD `phone_sealed` text NULL',
  'CREATE TABLE `notification_delivery` (`id` varchar(36) NOT NULL, `key` varchar(160) NOT NULL, `office_id` varchar(36) NOT NULL, `kind` varchar(20) NOT NULL, `channel` varchar(10) NOT NULL, `appointment_id` varchar(36) NULL, `ticket_id` varchar(36) NULL, `status` varchar(10) NOT NULL, `attempts` int NOT NULL, `last_error` varchar(300) NULL, `job` text NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_notification_key` (`key`), INDEX `ix_notification_office_status` (`office_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
];

export class Notifications1764600000000 implements MigrationInterface {
  name = 'Notifications1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of runner.connection.driver.options.type === 'better-sqlite3' ? sqlite : mysql) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE notification_delivery');
    await runner.query('ALTER TABLE ticket DROP COLUMN phone_sealed');
    for (const column of ['reminder_offsets', 'webhook_url', 'turn_near_position']) await runner.query(`ALTER TABLE office DROP COLUMN ${column}`);
  }
}
