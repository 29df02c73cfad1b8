import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The offices' FAQs (API.md v1.1 "Citizen assistant"): see Faq. */
export class Faq1766300000000 implements MigrationInterface {
  name = 'Faq1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query(
        'CREATE TABLE "faq" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "question" varchar(300) NOT NULL, ' +
          '"answer" text NOT NULL, "keywords" text NOT NULL, "locale" varchar(2) NOT NULL, "created_at" datetime(3) NOT NULL, "updated_at" datetime(3) NOT NULL)',
      );
    } else {
      await runner.query(
        'CREATE TABLE `faq` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `question` varchar(300) NOT NULL, `answer` text NOT NULL, ' +
          '`keywords` text NOT NULL, `locale` varchar(2) NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, ' +
          'PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
    await runner.query('CREATE INDEX ix_faq_office ON faq (office_id, created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE faq');
  }
}
