import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What citizens need to know before they come, and numbers that stay true (API.md v1.1):
 * the office's phone, map link, target wait and ticket paper; each service's description,
 * documents to bring, expected service time and place in lists; each counter's place in lists;
 * and the walk-ins of a service's day counted apart from check-ins, so that a booked citizen
 * never takes a walk-in's place in the daily quota. Existing days count every number as a
 * walk-in (as they were counted until now).
 */
export class CitizensTold1765600000000 implements MigrationInterface {
  name = 'CitizensTold1765600000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.driver.options.type === 'better-sqlite3';
    const columns: [table: string, sqliteColumn: string, mysqlColumn: string][] = [
      ['office', '"phone" varchar(40)', '`phone` varchar(40) NULL'],
      ['office', '"map_url" varchar(300)', '`map_url` varchar(300) NULL'],
      ['office', '"target_wait_minutes" integer NOT NULL DEFAULT (30)', '`target_wait_minutes` int NOT NULL DEFAULT 30'],
      ['office', '"ticket_paper_mm" integer NOT NULL DEFAULT (80)', '`ticket_paper_mm` int NOT NULL DEFAULT 80'],
      ['office', '"auto_print" boolean NOT NULL DEFAULT (0)', '`auto_print` tinyint NOT NULL DEFAULT 0'],
      ['office', '"default_locale" varchar(2) NOT NULL DEFAULT (\'id\')', "`default_locale` varchar(2) NOT NULL DEFAULT 'id'"],
      ['service', '"description" varchar(500)', '`description` varchar(500) NULL'],
      ['service', '"requirements" text', '`requirements` text NULL'],
      ['service', '"expected_service_minutes" integer NOT NULL DEFAULT (5)', '`expected_service_minutes` int NOT NULL DEFAULT 5'],
      ['service', '"sort_order" integer NOT NULL DEFAULT (0)', '`sort_order` int NOT NULL DEFAULT 0'],
      ['counter', '"sort_order" integer NOT NULL DEFAULT (0)', '`sort_order` int NOT NULL DEFAULT 0'],
      ['daily_sequence', '"walk_ins" integer NOT NULL DEFAULT (0)', '`walk_ins` int NOT NULL DEFAULT 0'],
    ];
    if (sqlite) {
      for (const [table, column] of columns) await runner.query(`ALTER TABLE "${table}" ADD COLUMN ${column}`);
    } else {
      const byTable = new Map<string, string[]>();
      for (const [table, , column] of columns) byTable.set(table, [...(byTable.get(table) ?? []), `ADD ${column}`]);
      for (const [table, adds] of byTable) await runner.query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`);
    }
    await runner.query('UPDATE daily_sequence SET walk_ins = last_number');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, column] of [
      ['office', 'phone'],
      ['office', 'map_url'],
      ['office', 'target_wait_minutes'],
      ['office', 'ticket_paper_mm'],
      ['office', 'auto_print'],
      ['office', 'default_locale'],
      ['service', 'description'],
      ['service', 'requirements'],
      ['service', 'expected_service_minutes'],
      ['service', 'sort_order'],
      ['counter', 'sort_order'],
      ['daily_sequence', 'walk_ins'],
    ]) {
      await runner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
