import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** One SQL statement and its parameters. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * INSERT of rows whose every value the caller already has, as one statement built here.
 * TypeORM's `insert` reads back the columns with a database default after inserting (one more
 * round trip, inside the transaction, on the hot paths), and its builder spent time quadratic in
 * the number of values of a multi-row insert (a parameter name is looked up among all those made
 * so far). Values are converted by the driver as TypeORM would (dates, arrays, booleans). A
 * column no row gives is left to its default; one only some rows give goes through TypeORM's
 * builder, which writes DEFAULT for the others.
 */
export async function insertRows<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[]): Promise<void> {
  const statement = insertStatement(em, entity, rows);
  if (statement) await em.query(statement.sql, statement.params);
}

/** The INSERT of insertRows, to run later (TransactionRunner.write); null for no rows. */
export function insertStatement<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[]): SqlStatement | null {
  const list = (Array.isArray(rows) ? rows : [rows]) as ObjectLiteral[];
  if (list.length === 0) return null;
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const given: ColumnMetadata[] = [];
  for (const column of meta.columns) {
    if (!column.isInsert || column.isVirtual) continue;
    const present = list.filter((row) => column.getEntityValue(row) !== undefined).length;
    if (present === 0) continue;
    if (present < list.length) {
      const [sql, params] = em.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).getQueryAndParameters();
      return { sql, params: params as unknown[] };
    }
    given.push(column);
  }
  const tuple = `(${given.map(() => '?').join(', ')})`;
  return {
    sql: `INSERT INTO ${driver.escape(meta.tableName)} (${given.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${list.map(() => tuple).join(', ')}`,
    params: list.flatMap((row) => given.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c) as unknown)),
  };
}
