import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

/**
 * How many tickets wait per office, service, business day and serving class. Kept in step with
 * the ticket rows inside the same transactions (TicketRepository is the only writer of both), so
 * a new ticket's position is read in constant time instead of counting the queue ahead of it.
 */
@Entity('queue_count')
export class QueueCount {
  @PrimaryColumn({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @PrimaryColumn({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @PrimaryColumn({ type: 'int', name: 'sort_class' }) sortClass: number;
  @Column({ type: 'int' }) waiting: number;
}
