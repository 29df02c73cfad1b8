import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * INSERT of rows whose every value the caller already has. TypeORM's `insert` reads back the
 * columns with a database default after inserting (one more round trip, inside the transaction,
 * on the hot paths); nothing here needs them, so that read is skipped.
 */
export async function insertRows<E extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<E>, rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[]): Promise<void> {
  await em.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}
