import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/*
 * Statements of the hot paths (issuing, calling, finishing), built here from TypeORM's metadata
 * and converted by its driver, instead of by its query builders: building a statement there cost
 * more than the database took to run it (property names are replaced in the SQL text by regular
 * expressions, every time). Values are always parameters.
 */

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
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
): Promise<void> {
  const statement = insertStatement(em, entity, rows);
  if (statement) await em.query(statement.sql, statement.params);
}

/** The INSERT of insertRows, to run later (TransactionRunner.write); null for no rows. */
export function insertStatement<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
): SqlStatement | null {
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

/** Equalities on properties of an entity; an array is IN (its values). */
export type RowFilter<E> = { [K in keyof E]?: E[K] | E[K][] };

function column(meta: EntityMetadata, property: string): ColumnMetadata {
  const found = meta.findColumnWithPropertyName(property);
  if (!found) throw new Error(`${meta.name} has no column ${property}`);
  return found;
}

function whereOf(em: EntityManager, meta: EntityMetadata, filter: ObjectLiteral): SqlStatement {
  const driver = em.connection.driver;
  const terms: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(filter)) {
    const c = column(meta, property);
    const name = driver.escape(c.databaseName);
    if (Array.isArray(value)) {
      if (value.length === 0) terms.push('1 = 0');
      else terms.push(`${name} IN (${value.map(() => '?').join(', ')})`);
      params.push(...value.map((v) => driver.preparePersistentValue(v, c) as unknown));
    } else if (value === null) {
      terms.push(`${name} IS NULL`);
    } else {
      terms.push(`${name} = ?`);
      params.push(driver.preparePersistentValue(value, c));
    }
  }
  if (terms.length === 0) throw new Error('a statement of the hot paths needs a filter');
  return { sql: terms.join(' AND '), params };
}

/** UPDATE of the rows that match `filter`, to run at once or later (TransactionRunner.write). */
export function updateStatement<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, filter: RowFilter<E>, patch: Partial<E>): SqlStatement {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const set = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (set.length === 0) throw new Error('an update needs a value to set');
  const where = whereOf(em, meta, filter);
  return {
    sql: `UPDATE ${driver.escape(meta.tableName)} SET ${set.map(([p]) => `${driver.escape(column(meta, p).databaseName)} = ?`).join(', ')} WHERE ${where.sql}`,
    params: [...set.map(([p, v]) => driver.preparePersistentValue(v, column(meta, p)) as unknown), ...where.params],
  };
}

const selectLists = new WeakMap<EntityMetadata, string>();

/**
 * The rows that match `filter`, as entities. `lock` (MySQL; SQLite has one writer and no row
 * locks): `update` waits for the rows, `skip-locked` passes over those another transaction holds.
 */
export async function selectRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  filter: RowFilter<E>,
  opts: { lock?: 'update' | 'skip-locked' } = {},
): Promise<E[]> {
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  let list = selectLists.get(meta);
  if (!list) selectLists.set(meta, (list = meta.columns.map((c) => driver.escape(c.databaseName)).join(', ')));
  const where = whereOf(em, meta, filter);
  const lock = em.connection.options.type !== 'better-sqlite3' && opts.lock ? (opts.lock === 'update' ? ' FOR UPDATE' : ' FOR UPDATE SKIP LOCKED') : '';
  const rows: ObjectLiteral[] = await em.query(`SELECT ${list} FROM ${driver.escape(meta.tableName)} WHERE ${where.sql}${lock}`, where.params);
  return rows.map((row) => {
    const out = meta.create() as E;
    for (const c of meta.columns) c.setEntityValue(out, driver.prepareHydratedValue(row[c.databaseName], c));
    return out;
  });
}
