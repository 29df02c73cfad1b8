import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff member's session version: every token carries the version it was issued under, and a
 * logout, a deactivation, a new password or a change of role or office bumps it, which ends every
 * earlier token at its next request.
 */
export class StaffSessions1765000000000 implements MigrationInterface {
  name = 'StaffSessions1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    await runner.query(
      sqlite
        ? 'ALTER TABLE "staff_user" ADD COLUMN "session_version" integer NOT NULL DEFAULT (0)'
        : 'ALTER TABLE `staff_user` ADD `session_version` int NOT NULL DEFAULT 0',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE staff_user DROP COLUMN session_version');
  }
}
