import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At the same instant the ticket number decides the serving order (then the id): the service
 * queue index carries the number, so the waiting tickets of a service are read in serving order
 * from the index instead of being sorted.
 */
export class ServingOrder1764800000000 implements MigrationInterface {
  name = 'ServingOrder1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.recreate(runner, ['office_id', 'service_id', 'status', 'business_date', 'sort_class', 'sort_at', 'sequence']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.recreate(runner, ['office_id', 'service_id', 'status', 'business_date', 'sort_class', 'sort_at']);
  }

  private async recreate(runner: QueryRunner, columns: string[]): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    const q = (name: string) => (sqlite ? `"${name}"` : `\`${name}\``);
    await runner.query(sqlite ? 'DROP INDEX "ix_ticket_service_queue"' : 'DROP INDEX `ix_ticket_service_queue` ON `ticket`');
    await runner.query(`CREATE INDEX ${q('ix_ticket_service_queue')} ON ${q('ticket')} (${columns.map(q).join(', ')})`);
  }
}
