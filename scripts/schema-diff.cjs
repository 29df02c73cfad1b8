// Shows what TypeORM would still change after the migrations (should print nothing), i.e. the DDL a new migration needs.
// Usage: npm run build:server && node scripts/schema-diff.cjs
const { createDataSource } = require('../dist/libs/database/src/index.js');
const mysql = require('mysql2/promise');
(async () => {
  const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await c.query('DROP DATABASE IF EXISTS gtest_schema');
  await c.query('CREATE DATABASE gtest_schema');
  await c.end();
  for (const db of [
    { type: 'sqlite', path: ':memory:' },
    { type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: '', database: 'gtest_schema' },
  ]) {
    const ds = createDataSource(db);
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    console.log(db.type);
    for (const q of sql.upQueries) console.log('  ' + q.query);
    await ds.destroy();
  }
})();
