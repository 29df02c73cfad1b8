import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking's manage token is the citizen's only key to their booking (name, phone, e-mail,
 * masked NIK). Kept in clear, read access to the database was enough to read every citizen's
 * data through the public API. From here on the table keeps its SHA-256 (a token carries 128
 * random bits: no key is needed to make its hash useless), plus the token sealed with PII_KEY
 * for the links in reminders. Tokens of existing bookings are hashed here; their links in
 * messages still to come are left out (there is no PII_KEY here to seal them).
 */
export class ManageTokenHashed1765400000000 implements MigrationInterface {
  name = 'ManageTokenHashed1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    if (sqlite) {
      await runner.query('ALTER TABLE "appointment" ADD COLUMN "manage_token_hash" varchar(64)');
      await runner.query('ALTER TABLE "appointment" ADD COLUMN "manage_token_sealed" text');
      const rows: { id: string; manage_token: string }[] = await runner.query('SELECT id, manage_token FROM appointment');
      for (const r of rows) await runner.query('UPDATE appointment SET manage_token_hash = ? WHERE id = ?', [sha256(r.manage_token), r.id]);
      await runner.query('DROP INDEX "uq_appointment_manage_token"');
      await runner.query('ALTER TABLE "appointment" DROP COLUMN "manage_token"');
      await runner.query('CREATE UNIQUE INDEX "uq_appointment_manage_token_hash" ON "appointment" ("manage_token_hash")');
    } else {
      await runner.query('ALTER TABLE `appointment` ADD `manage_token_hash` varchar(64) NULL, ADD `manage_token_sealed` text NULL');
      await runner.query('UPDATE `appointment` SET `manage_token_hash` = SHA2(`manage_token`, 256)');
      await runner.query(
        'ALTER TABLE `appointment` DROP INDEX `uq_appointment_manage_token`, DROP COLUMN `manage_token`, MODIFY `manage_token_hash` varchar(64) NOT NULL, ADD UNIQUE INDEX `uq_appointment_manage_token_hash` (`manage_token_hash`)',
      );
    }
  }

  async down(): Promise<void> {
    throw new Error('the manage tokens were hashed: they cannot be put back');
  }
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
