import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The IKM survey (API.md v1.1 "The citizens' voice"): see SurveyResponse. */
export class Survey1766100000000 implements MigrationInterface {
  name = 'Survey1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    const answers = Array.from({ length: 9 }, (_, i) => `a${i + 1}`);
    if (runner.connection.driver.options.type === 'better-sqlite3') {
      await runner.query(
        'CREATE TABLE "survey_response" ("id" varchar(36) PRIMARY KEY NOT NULL, "office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, ' +
          '"counter_id" varchar(36), "ticket_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, ' +
          `${answers.map((a) => `"${a}" smallint NOT NULL`).join(', ')}, "comment_sealed" text, "created_at" datetime(3) NOT NULL)`,
      );
    } else {
      await runner.query(
        'CREATE TABLE `survey_response` (`id` varchar(36) NOT NULL, `office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, ' +
          '`counter_id` varchar(36) NULL, `ticket_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, ' +
          `${answers.map((a) => `\`${a}\` smallint NOT NULL`).join(', ')}, \`comment_sealed\` text NULL, \`created_at\` datetime(3) NOT NULL, ` +
          'PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      );
    }
    await runner.query('CREATE UNIQUE INDEX uq_survey_ticket ON survey_response (ticket_id)');
    await runner.query('CREATE INDEX ix_survey_office_date ON survey_response (office_id, business_date)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE survey_response');
  }
}
