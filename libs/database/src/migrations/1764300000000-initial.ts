import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by scripts/schema-sql.cjs, one statement list per driver.
const sqlite = [
  'CREATE TABLE "counter" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "name" varchar(60) NOT NULL, "service_ids" text NOT NULL, "status" varchar(10) NOT NULL DEFAULT (\'closed\'), "officer_id" varchar(36), "current_ticket_id" varchar(36))',
  'CREATE UNIQUE INDEX "uq_counter_officer" ON "counter" ("officer_id") ',
  'CREATE UNIQUE INDEX "uq_counter_office_name" ON "counter" ("office_id", "name") ',
  'CREATE TABLE "daily_sequence" ("office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, "last_number" integer NOT NULL, PRIMARY KEY ("office_id", "service_id", "business_date"))',
  'CREATE TABLE "holiday" ("office_id" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "name" varchar(120) NOT NULL, PRIMARY KEY ("office_id", "date"))',
  'CREATE TABLE "office" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(120) NOT NULL, "timezone" varchar(64) NOT NULL, "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_f327efa51a74e5c588b9df2170d" UNIQUE ("code"))',
  'CREATE TABLE "opening_hours" ("office_id" varchar(36) NOT NULL, "weekday" integer NOT NULL, "open_time" varchar(5) NOT NULL, "close_time" varchar(5) NOT NULL, "breaks" text NOT NULL, PRIMARY KEY ("office_id", "weekday"))',
  'CREATE TABLE "service" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "code" varchar(32) NOT NULL, "prefix" varchar(4) NOT NULL, "name" varchar(120) NOT NULL, "slot_minutes" integer NOT NULL, "slot_capacity" integer NOT NULL, "booking_window_days" integer NOT NULL, "daily_ticket_quota" integer, "active" boolean NOT NULL DEFAULT (1))',
  'CREATE UNIQUE INDEX "uq_service_office_prefix" ON "service" ("office_id", "prefix") ',
  'CREATE UNIQUE INDEX "uq_service_office_code" ON "service" ("office_id", "code") ',
  'CREATE TABLE "staff_user" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "password_hash" varchar(100) NOT NULL, "role" varchar(12) NOT NULL, "office_id" varchar(36), "active" boolean NOT NULL DEFAULT (1), "created_at" datetime(3) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_5b021acaebf628d940d8ad2476d" UNIQUE ("username"))',
  'CREATE TABLE "ticket_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "ticket_id" varchar(36) NOT NULL, "office_id" varchar(36) NOT NULL, "at" datetime(3) NOT NULL, "type" varchar(20) NOT NULL, "actor" varchar(60) NOT NULL, "from_status" varchar(10), "to_status" varchar(10), "counter_id" varchar(36), "service_id" varchar(36))',
  'CREATE INDEX "ix_ticket_event_office_at" ON "ticket_event" ("office_id", "at") ',
  'CREATE INDEX "ix_ticket_event_ticket" ON "ticket_event" ("ticket_id", "id") ',
  'CREATE TABLE "ticket" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, "origin_service_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, "sequence" integer NOT NULL, "number" varchar(12) NOT NULL, "priority" varchar(10) NOT NULL, "channel" varchar(10) NOT NULL, "status" varchar(10) NOT NULL, "sort_class" integer NOT NULL, "sort_at" datetime(3) NOT NULL, "issued_at" datetime(3) NOT NULL, "called_at" datetime(3), "started_at" datetime(3), "finished_at" datetime(3), "counter_id" varchar(36), "recall_count" integer NOT NULL DEFAULT (0), "tracking_token" varchar(43) NOT NULL, CONSTRAINT "UQ_430de28164b0d91eabf5cef8e3d" UNIQUE ("tracking_token"))',
  'CREATE INDEX "ix_ticket_office_date" ON "ticket" ("office_id", "business_date") ',
  'CREATE INDEX "ix_ticket_queue" ON "ticket" ("office_id", "status", "sort_class", "sort_at") ',
  'CREATE UNIQUE INDEX "uq_ticket_number" ON "ticket" ("office_id", "origin_service_id", "business_date", "sequence") ',
];
const mysql = [
  "CREATE TABLE `counter` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `name` varchar(60) NOT NULL, `service_ids` text NOT NULL, `status` varchar(10) NOT NULL DEFAULT 'closed', `officer_id` varchar(36) NULL, `current_ticket_id` varchar(36) NULL, UNIQUE INDEX `uq_counter_officer` (`officer_id`), UNIQUE INDEX `uq_counter_office_name` (`office_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
  'CREATE TABLE `daily_sequence` (`office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, `last_number` int NOT NULL, PRIMARY KEY (`office_id`, `service_id`, `business_date`)) ENGINE=InnoDB',
  'CREATE TABLE `holiday` (`office_id` varchar(36) NOT NULL, `date` varchar(10) NOT NULL, `name` varchar(120) NOT NULL, PRIMARY KEY (`office_id`, `date`)) ENGINE=InnoDB',
  'CREATE TABLE `office` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `name` varchar(120) NOT NULL, `timezone` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_f327efa51a74e5c588b9df2170` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `opening_hours` (`office_id` varchar(36) NOT NULL, `weekday` int NOT NULL, `open_time` varchar(5) NOT NULL, `close_time` varchar(5) NOT NULL, `breaks` text NOT NULL, PRIMARY KEY (`office_id`, `weekday`)) ENGINE=InnoDB',
  'CREATE TABLE `service` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `prefix` varchar(4) NOT NULL, `name` varchar(120) NOT NULL, `slot_minutes` int NOT NULL, `slot_capacity` int NOT NULL, `booking_window_days` int NOT NULL, `daily_ticket_quota` int NULL, `active` tinyint NOT NULL DEFAULT 1, UNIQUE INDEX `uq_service_office_prefix` (`office_id`, `prefix`), UNIQUE INDEX `uq_service_office_code` (`office_id`, `code`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `staff_user` (`id` varchar(36) NOT NULL, `username` varchar(64) NOT NULL, `password_hash` varchar(100) NOT NULL, `role` varchar(12) NOT NULL, `office_id` varchar(36) NULL, `active` tinyint NOT NULL DEFAULT 1, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_5b021acaebf628d940d8ad2476` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `ticket_event` (`id` bigint NOT NULL AUTO_INCREMENT, `ticket_id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `at` datetime(3) NOT NULL, `type` varchar(20) NOT NULL, `actor` varchar(60) NOT NULL, `from_status` varchar(10) NULL, `to_status` varchar(10) NULL, `counter_id` varchar(36) NULL, `service_id` varchar(36) NULL, INDEX `ix_ticket_event_office_at` (`office_id`, `at`), INDEX `ix_ticket_event_ticket` (`ticket_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  "CREATE TABLE `ticket` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, `origin_service_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, `sequence` int NOT NULL, `number` varchar(12) NOT NULL, `priority` varchar(10) NOT NULL, `channel` varchar(10) NOT NULL, `status` varchar(10) NOT NULL, `sort_class` int NOT NULL, `sort_at` datetime(3) NOT NULL, `issued_at` datetime(3) NOT NULL, `called_at` datetime(3) NULL, `started_at` datetime(3) NULL, `finished_at` datetime(3) NULL, `counter_id` varchar(36) NULL, `recall_count` int NOT NULL DEFAULT '0', `tracking_token` varchar(43) NOT NULL, INDEX `ix_ticket_office_date` (`office_id`, `business_date`), INDEX `ix_ticket_queue` (`office_id`, `status`, `sort_class`, `sort_at`), UNIQUE INDEX `uq_ticket_number` (`office_id`, `origin_service_id`, `business_date`, `sequence`), UNIQUE INDEX `IDX_430de28164b0d91eabf5cef8e3` (`tracking_token`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
];
const tables = ['ticket', 'ticket_event', 'staff_user', 'service', 'opening_hours', 'office', 'holiday', 'daily_sequence', 'counter'];

export class Initial1764300000000 implements MigrationInterface {
  name = 'Initial1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.driver.options.type === 'better-sqlite3' ? sqlite : mysql;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of tables) await runner.query(`DROP TABLE ${runner.connection.driver.escape(table)}`);
  }
}
