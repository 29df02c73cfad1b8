import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

/**
 * Every table in utf8mb4, whatever the server's default. The earlier migrations created tables
 * in the database's default character set, latin1 on an upstream MariaDB: a name with an emoji,
 * an en dash or Arabic script was refused there (500), and so was a login or a search with one.
 * The database default becomes utf8mb4 too, for what later migrations create. Only tables not
 * already so are rebuilt (a conversion copies the table). SQLite stores UTF-8 always.
 */
export class Utf8mb41765300000000 implements MigrationInterface {
  name = 'Utf8mb41765300000000';
  // ALTER TABLE commits on MySQL whatever the transaction; each statement stands alone.
  transaction = false as const;

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.driver.options.type === 'better-sqlite3') return;
    await runner.query(`ALTER DATABASE CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
    const tables: { name: string }[] = await runner.query(
      `SELECT DISTINCT t.TABLE_NAME AS name FROM information_schema.TABLES t
       LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CHARACTER_SET_NAME IS NOT NULL AND c.COLLATION_NAME <> ?
       WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND (t.TABLE_COLLATION <> ? OR c.COLUMN_NAME IS NOT NULL)`,
      [COLLATION, COLLATION],
    );
    for (const { name } of tables) await runner.query(`ALTER TABLE \`${name.replace(/`/g, '')}\` CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
  }

  async down(): Promise<void> {
    // Back to a narrower character set would lose data: left as it is.
  }
}
