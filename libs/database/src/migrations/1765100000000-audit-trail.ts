import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The office audit trail (AuditEvent): appointments, staff changes to set-up and staff, failed logins. */
export class AuditTrail1765100000000 implements MigrationInterface {
  name = 'AuditTrail1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query(
        'CREATE TABLE "audit_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36), "at" datetime(3) NOT NULL, "type" varchar(40) NOT NULL, "actor" varchar(100) NOT NULL, "subject" varchar(120) NOT NULL, "before" text, "after" text)',
      );
      await runner.query('CREATE INDEX "ix_audit_office_at" ON "audit_event" ("office_id", "at")');
    } else {
      await runner.query(
        'CREATE TABLE `audit_event` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NULL, `at` datetime(3) NOT NULL, `type` varchar(40) NOT NULL, `actor` varchar(100) NOT NULL, `subject` varchar(120) NOT NULL, `before` text NULL, `after` text NULL, INDEX `ix_audit_office_at` (`office_id`, `at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_event');
  }
}
