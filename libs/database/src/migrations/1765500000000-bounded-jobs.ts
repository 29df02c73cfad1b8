import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly jobs walked whole tables: the retention purge scanned every appointment ever kept
 * for those not yet purged, the kiosk phones' purge and the idempotency purge scanned every
 * ticket and every record (under locks a kiosk's insert could wait on), and the end of day read an
 * office's whole history of appointments. Each now finds its rows by an index that holds only
 * them: in MariaDB a one-character prefix of a column that is NULL once purged (only the rows
 * still to purge are in its non-NULL range), in SQLite a partial index. MariaDB builds the indexes
 * in place without locking the tables (ALGORITHM=INPLACE, LOCK=NONE), so an upgrade does not stop
 * an office that is open.
 */
export class BoundedJobs1765500000000 implements MigrationInterface {
  name = 'BoundedJobs1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query('CREATE INDEX "ix_appointment_purge" ON "appointment" ("purged_at", "business_date")');
      await runner.query('CREATE INDEX "ix_appointment_office_status" ON "appointment" ("office_id", "status", "business_date")');
      await runner.query('CREATE INDEX "ix_ticket_phone" ON "ticket" ("issued_at") WHERE "phone_sealed" IS NOT NULL');
      await runner.query('CREATE INDEX "ix_idempotency_created" ON "idempotency_record" ("created_at")');
      await runner.query('CREATE INDEX "ix_notification_error" ON "notification_delivery" ("updated_at") WHERE "last_error" IS NOT NULL');
      return;
    }
    const online = 'ALGORITHM=INPLACE, LOCK=NONE';
    await runner.query(
      `ALTER TABLE \`appointment\` ADD INDEX \`ix_appointment_purge\` (\`purged_at\`, \`business_date\`), ADD INDEX \`ix_appointment_office_status\` (\`office_id\`, \`status\`, \`business_date\`), ${online}`,
    );
    await runner.query(`ALTER TABLE \`ticket\` ADD INDEX \`ix_ticket_phone\` (\`phone_sealed\`(1)), ${online}`);
    await runner.query(`ALTER TABLE \`idempotency_record\` ADD INDEX \`ix_idempotency_created\` (\`created_at\`), ${online}`);
    await runner.query(`ALTER TABLE \`notification_delivery\` ADD INDEX \`ix_notification_error\` (\`last_error\`(1)), ${online}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    for (const [table, index] of [
      ['appointment', 'ix_appointment_purge'],
      ['appointment', 'ix_appointment_office_status'],
      ['ticket', 'ix_ticket_phone'],
      ['idempotency_record', 'ix_idempotency_created'],
      ['notification_delivery', 'ix_notification_error'],
    ]) {
      await runner.query(sqlite ? `DROP INDEX "${index}"` : `ALTER TABLE \`${table}\` DROP INDEX \`${index}\``);
    }
  }
}
