import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

@Entity('counter')
@Index('uq_counter_office_name', ['officeId', 'name'], { unique: true })
// One open counter per officer, enforced by the database: a closed counter has no officer.
@Index('uq_counter_officer', ['officerId'], { unique: true })
export class Counter {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'varchar', length: 60 }) name: string;
  /** The services this counter serves, in its order of preference. */
  @Column({ type: 'simple-json', name: 'service_ids' }) serviceIds: string[];
  /** Lists and boards are ordered by this, then by name in natural order. */
  @Column({ type: 'int', name: 'sort_order', default: 0 }) sortOrder: number;
  @Column({ type: 'varchar', length: 10, default: 'closed' }) status: 'closed' | 'open' | 'paused';
  @Column({ ...uuidColumn, name: 'officer_id', nullable: true }) officerId: string | null;
  @Column({ ...uuidColumn, name: 'current_ticket_id', nullable: true }) currentTicketId: string | null;
}
