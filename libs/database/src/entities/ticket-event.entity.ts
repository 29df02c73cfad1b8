import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/** The append-only audit trail: one row per state change, written in the same transaction. */
@Entity('ticket_event')
@Index('ix_ticket_event_ticket', ['ticketId', 'id'])
@Index('ix_ticket_event_office_at', ['officeId', 'at'])
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ ...uuidColumn, name: 'ticket_id' }) ticketId: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...timestamp, transformer: dateTransformer }) at: Date;
  @Column({ type: 'varchar', length: 20 }) type: string;
  /** `staff:<userId>`, `kiosk`, `system`. */
  @Column({ type: 'varchar', length: 60 }) actor: string;
  @Column({ type: 'varchar', length: 10, name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column({ type: 'varchar', length: 10, name: 'to_status', nullable: true }) toStatus: string | null;
  @Column({ ...uuidColumn, name: 'counter_id', nullable: true }) counterId: string | null;
  @Column({ ...uuidColumn, name: 'service_id', nullable: true }) serviceId: string | null;
  /** Why: the reason given for calling out of order or for a transfer. Staff-only. */
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
}
