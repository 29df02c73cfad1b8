import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily quotas by channel (API.md v1.1 "Fair access to scarce places"): a service's priority
 * walk-in quota and the hour from which today's unbooked online places become walk-in places;
 * and, per service and day, the priority walk-ins counted apart (they count against the priority
 * quota when there is one). Existing days had no priority quota: nothing to count back.
 */
export class ChannelQuotas1765700000000 implements MigrationInterface {
  name = 'ChannelQuotas1765700000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    const columns: [table: string, sqliteColumn: string, mysqlColumn: string][] = [
      ['service', '"daily_priority_quota" integer', '`daily_priority_quota` int NULL'],
      ['service', '"online_rollover_at" varchar(5)', '`online_rollover_at` varchar(5) NULL'],
      ['daily_sequence', '"priority_walk_ins" integer NOT NULL DEFAULT (0)', '`priority_walk_ins` int NOT NULL DEFAULT 0'],
    ];
    if (sqlite) {
      for (const [table, column] of columns) await runner.query(`ALTER TABLE "${table}" ADD COLUMN ${column}`);
    } else {
      const byTable = new Map<string, string[]>();
      for (const [table, , column] of columns) byTable.set(table, [...(byTable.get(table) ?? []), `ADD ${column}`]);
      for (const [table, adds] of byTable) await runner.query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, column] of [
      ['service', 'daily_priority_quota'],
      ['service', 'online_rollover_at'],
      ['daily_sequence', 'priority_walk_ins'],
    ]) {
      await runner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
