import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/** Counter sessions (opened, paused, resumed, closed): the basis of open and idle time. */
@Entity('counter_event')
@Index('ix_counter_event_office_at', ['officeId', 'at'])
export class CounterEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ ...uuidColumn, name: 'counter_id' }) counterId: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...timestamp, transformer: dateTransformer }) at: Date;
  @Column({ type: 'varchar', length: 12 }) type: 'opened' | 'paused' | 'resumed' | 'closed';
  @Column({ type: 'varchar', length: 60 }) actor: string;
}
