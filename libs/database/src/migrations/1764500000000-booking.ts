import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue #4: appointments with sealed personal data, slot capacity, daily online quota, idempotency. */
const sqlite = [
  'ALTER TABLE "office" ADD COLUMN "address" varchar(200)',
  'ALTER TABLE "service" ADD COLUMN "booking_min_days_ahead" integer NOT NULL DEFAULT (0)',
  'ALTER TABLE "service" ADD COLUMN "daily_online_quota" integer',
  'ALTER TABLE "service" ADD COLUMN "check_in_early_minutes" integer NOT NULL DEFAULT (30)',
  'ALTER TABLE "service" ADD COLUMN "check_in_late_minutes" integer NOT NULL DEFAULT (15)',
  'ALTER TABLE "ticket" ADD COLUMN "appointment_id" varchar(36)',
  'CREATE TABLE "appointment" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, "slot_start" datetime(3) NOT NULL, "slot_end" datetime(3) NOT NULL, "business_date" varchar(10) NOT NULL, "code" varchar(8) NOT NULL, "manage_token" varchar(43) NOT NULL, "status" varchar(12) NOT NULL, "nik_hash" varchar(64) NOT NULL, "active_nik_key" varchar(64), "nik_sealed" text, "name_sealed" text, "phone_sealed" text, "email_sealed" text, "locale" varchar(2) NOT NULL, "channel" varchar(10) NOT NULL, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL, "ticket_id" varchar(36), "purged_at" datetime(3))',
  'CREATE UNIQUE INDEX "uq_appointment_code" ON "appointment" ("code")',
  'CREATE UNIQUE INDEX "uq_appointment_manage_token" ON "appointment" ("manage_token")',
  'CREATE UNIQUE INDEX "uq_appointment_active_nik" ON "appointment" ("service_id", "active_nik_key")',
  'CREATE INDEX "ix_appointment_slot" ON "appointment" ("service_id", "slot_start")',
  'CREATE INDEX "ix_appointment_office_date" ON "appointment" ("office_id", "business_date")',
  'CREATE TABLE "slot_booking" ("service_id" varchar(36) NOT NULL, "slot_start" datetime(3) NOT NULL, "office_id" varchar(36) NOT NULL, "capacity" integer NOT NULL, "booked" integer NOT NULL, CONSTRAINT "ck_slot_booking_capacity" CHECK ("booked" >= 0 AND "booked" <= "capacity"), PRIMARY KEY ("service_id", "slot_start"))',
  'CREATE TABLE "daily_booking" ("service_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, "office_id" varchar(36) NOT NULL, "booked" integer NOT NULL, CONSTRAINT "ck_daily_booking" CHECK ("booked" >= 0), PRIMARY KEY ("service_id", "business_date"))',
  'CREATE TABLE "idempotency_record" ("key" varchar(120) PRIMARY KEY NOT NULL, "request_hash" varchar(64) NOT NULL, "status_code" integer NOT NULL, "response" text NOT NULL, "created_at" datetime(3) NOT NULL)',
];
const mysql = [
  'ALTER TABLE `office` ADD `address` varchar(200) NULL',
  'ALTER TABLE `service` ADD `booking_min_days_ahead` int NOT NULL DEFAULT 0, ADD `daily_online_quota` int NULL, ADD `check_in_early_minutes` int NOT NULL DEFAULT 30, ADD `check_in_late_minutes` int NOT NULL DEFAULT 15',
  'ALTER TABLE `ticket` ADD `appointment_id` varchar(36) NULL',
  'CREATE TABLE `appointment` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, `slot_start` datetime(3) NOT NULL, `slot_end` datetime(3) NOT NULL, `business_date` varchar(10) NOT NULL, `code` varchar(8) NOT NULL, `manage_token` varchar(43) NOT NULL, `status` varchar(12) NOT NULL, `nik_hash` varchar(64) NOT NULL, `active_nik_key` varchar(64) NULL, `nik_sealed` text NULL, `name_sealed` text NULL, `phone_sealed` text NULL, `email_sealed` text NULL, `locale` varchar(2) NOT NULL, `channel` varchar(10) NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, `ticket_id` varchar(36) NULL, `purged_at` datetime(3) NULL, UNIQUE INDEX `uq_appointment_code` (`code`), UNIQUE INDEX `uq_appointment_manage_token` (`manage_token`), UNIQUE INDEX `uq_appointment_active_nik` (`service_id`, `active_nik_key`), INDEX `ix_appointment_slot` (`service_id`, `slot_start`), INDEX `ix_appointment_office_date` (`office_id`, `business_date`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
  'CREATE TABLE `slot_booking` (`service_id` varchar(36) NOT NULL, `slot_start` datetime(3) NOT NULL, `office_id` varchar(36) NOT NULL, `capacity` int NOT NULL, `booked` int NOT NULL, CONSTRAINT `ck_slot_booking_capacity` CHECK (`booked` >= 0 AND `booked` <= `capacity`), PRIMARY KEY (`service_id`, `slot_start`)) ENGINE=InnoDB',
  'CREATE TABLE `daily_booking` (`service_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, `office_id` varchar(36) NOT NULL, `booked` int NOT NULL, CONSTRAINT `ck_daily_booking` CHECK (`booked` >= 0), PRIMARY KEY (`service_id`, `business_date`)) ENGINE=InnoDB',
  'CREATE TABLE `idempotency_record` (`key` varchar(120) NOT NULL, `request_hash` varchar(64) NOT NULL, `status_code` int NOT NULL, `response` text NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`key`)) ENGINE=InnoDB',
];

export class Booking1764500000000 implements MigrationInterface {
  name = 'Booking1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of runner.connection.driver.options.type === 'better-sqlite3' ? sqlite : mysql) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_record', 'daily_booking', 'slot_booking', 'appointment']) await runner.query(`DROP TABLE ${table}`);
    await runner.query('ALTER TABLE ticket DROP COLUMN appointment_id');
    for (const column of ['booking_min_days_ahead', 'daily_online_quota', 'check_in_early_minutes', 'check_in_late_minutes'])
      await runner.query(`ALTER TABLE service DROP COLUMN ${column}`);
    await runner.query('ALTER TABLE office DROP COLUMN address');
  }
}
