import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp } from './columns';

/** A request that carried an Idempotency-Key: a retry gets the first answer instead of a second booking. */
@Entity('idempotency_record')
@Index('ix_idempotency_created', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 120 }) key: string;
  @Column({ type: 'varchar', length: 64, name: 'request_hash' }) requestHash: string;
  @Column({ type: 'int', name: 'status_code' }) statusCode: number;
  @Column({ type: 'text' }) response: string;
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
}
