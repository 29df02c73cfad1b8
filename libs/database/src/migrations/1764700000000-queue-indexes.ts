import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Found by the benchmark: positions and service times were counted by scanning the office's queue. */
export class QueueIndexes1764700000000 implements MigrationInterface {
  name = 'QueueIndexes1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    const q = (name: string) => (sqlite ? `"${name}"` : `\`${name}\``);
    await runner.query(
      `CREATE INDEX ${q('ix_ticket_service_queue')} ON ${q('ticket')} (${['office_id', 'service_id', 'status', 'business_date', 'sort_class', 'sort_at'].map(q).join(', ')})`,
    );
    await runner.query(
      `CREATE INDEX ${q('ix_ticket_finished')} ON ${q('ticket')} (${['office_id', 'business_date', 'status', 'finished_at'].map(q).join(', ')})`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    await runner.query(sqlite ? 'DROP INDEX "ix_ticket_service_queue"' : 'DROP INDEX `ix_ticket_service_queue` ON `ticket`');
    await runner.query(sqlite ? 'DROP INDEX "ix_ticket_finished"' : 'DROP INDEX `ix_ticket_finished` ON `ticket`');
  }
}
