import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The waiting tickets counted per service, day and class (QueueCount), filled from the tickets
 * that wait now. From here on TicketRepository keeps it in step inside every transaction that
 * changes a ticket; every replica must run this version (an older one would not count).
 */
export class QueueCount1764900000000 implements MigrationInterface {
  name = 'QueueCount1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    await runner.query(
      sqlite
        ? 'CREATE TABLE "queue_count" ("office_id" varchar(36) NOT NULL, "service_id" varchar(36) NOT NULL, "business_date" varchar(10) NOT NULL, "sort_class" integer NOT NULL, "waiting" integer NOT NULL, PRIMARY KEY ("office_id", "service_id", "business_date", "sort_class"))'
        : 'CREATE TABLE `queue_count` (`office_id` varchar(36) NOT NULL, `service_id` varchar(36) NOT NULL, `business_date` varchar(10) NOT NULL, `sort_class` int NOT NULL, `waiting` int NOT NULL, PRIMARY KEY (`office_id`, `service_id`, `business_date`, `sort_class`)) ENGINE=InnoDB',
    );
    await runner.query(
      "INSERT INTO queue_count (office_id, service_id, business_date, sort_class, waiting) SELECT office_id, service_id, business_date, sort_class, COUNT(*) FROM ticket WHERE status = 'waiting' GROUP BY office_id, service_id, business_date, sort_class",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE queue_count');
  }
}
