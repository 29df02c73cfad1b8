// Prints the DDL that creates the current entities on SQLite and on MySQL, to write a migration from.
// Usage: npm run build:server && node scripts/schema-sql.cjs  (needs MariaDB at 127.0.0.1:3306, root, no password)
const { createDataSource } = require('../dist/libs/database/src/index.js');
const mysql = require('mysql2/promise');

async function ddl(db) {
  const ds = createDataSource(db);
  await ds.initialize();
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  return sql;
}

(async () => {
  const conn = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await conn.query('DROP DATABASE IF EXISTS giliran_schema; CREATE DATABASE giliran_schema'.split(';')[0]);
  await conn.query('CREATE DATABASE giliran_schema');
  await conn.end();
  for (const [name, db] of [
    ['sqlite', { type: 'sqlite', path: ':memory:' }],
    ['mysql', { type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: '', database: 'giliran_schema' }],
  ]) {
    const sql = await ddl(db);
    console.log(`// ${name} up`);
    for (const q of sql.upQueries) console.log(JSON.stringify(q.query) + ',');
    console.log(`// ${name} down`);
    for (const q of sql.downQueries.reverse()) console.log(JSON.stringify(q.query) + ',');
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
