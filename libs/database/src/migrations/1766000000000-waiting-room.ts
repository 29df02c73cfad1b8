import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting room of a release (API.md v1.1 "Fair access to scarce places"): its three settings
 * on the service, and the admissions that booked (see AdmissionUse).
 */
export class WaitingRoom1766000000000 implements MigrationInterface {
  name = 'WaitingRoom1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = ['waiting_room_admit_per_minute', 'waiting_room_admission_minutes', 'waiting_room_open_minutes'];
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      for (const column of columns) await runner.query(`ALTER TABLE "service" ADD COLUMN "${column}" integer`);
      await runner.query(
        'CREATE TABLE "admission_use" ("service_id" varchar(36) NOT NULL, "release_date" varchar(10) NOT NULL, "pass" varchar(24) NOT NULL, ' +
          '"appointment_id" varchar(36) NOT NULL, "created_at" datetime(3) NOT NULL, PRIMARY KEY ("service_id", "release_date", "pass"))',
      );
    } else {
      await runner.query(`ALTER TABLE \`service\` ${columns.map((c) => `ADD \`${c}\` int NULL`).join(', ')}`);
      await runner.query(
        'CREATE TABLE `admission_use` (`service_id` varchar(36) NOT NULL, `release_date` varchar(10) NOT NULL, `pass` varchar(24) NOT NULL, ' +
          '`appointment_id` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`service_id`, `release_date`, `pass`)) ' +
          'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
    await runner.query('CREATE INDEX ix_admission_use_created ON admission_use (created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE admission_use');
    for (const column of ['waiting_room_admit_per_minute', 'waiting_room_admission_minutes', 'waiting_room_open_minutes'])
      await runner.query(`ALTER TABLE service DROP COLUMN ${column}`);
  }
}
