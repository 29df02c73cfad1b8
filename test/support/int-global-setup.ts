import { loadConfig } from '../../libs/config/src/app-config';
import { createDataSource } from '../../libs/database/src/data-source';
import mysql from 'mysql2/promise';
import { MYSQL_URL, TEST_DB } from './test-env';

/** Integration tests on MySQL share one freshly migrated database; each test uses its own office. */
export default async function globalSetup(): Promise<void> {
  if (TEST_DB !== 'mysql') return;
  const url = new URL(MYSQL_URL);
  const name = url.pathname.slice(1);
  const conn = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const config = loadConfig({ DATABASE_URL: MYSQL_URL, JWT_SECRET: 'x'.repeat(32), PII_KEY: '0'.repeat(64) });
  const ds = createDataSource(config.database);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
