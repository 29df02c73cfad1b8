import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

@Entity('ticket')
// The backstop of gapless numbering: one number per office, service and business day.
@Index('uq_ticket_number', ['officeId', 'originServiceId', 'businessDate', 'sequence'], { unique: true })
// call-next and the board read waiting tickets of an office in serving order.
@Index('ix_ticket_queue', ['officeId', 'status', 'sortClass', 'sortAt'])
@Index('ix_ticket_office_date', ['officeId', 'businessDate'])
// A ticket's position in its service, and the day's service times (migrations QueueIndexes, ServingOrder).
@Index('ix_ticket_service_queue', ['officeId', 'serviceId', 'status', 'businessDate', 'sortClass', 'sortAt', 'sequence'])
@Index('ix_ticket_finished', ['officeId', 'businessDate', 'status', 'finishedAt'])
// Also ix_ticket_phone (migration BoundedJobs): the tickets still holding a kiosk phone, an index
// TypeORM cannot describe (a column prefix in MariaDB, a partial index in SQLite).
export class Ticket {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  /** The service whose numbering gave the number; a transfer changes serviceId, never this. */
  @Column({ ...uuidColumn, name: 'origin_service_id' }) originServiceId: string;
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 12 }) number: string;
  @Column({ type: 'varchar', length: 10 }) priority: 'regular' | 'priority';
  @Column({ type: 'varchar', length: 10 }) channel: 'kiosk' | 'remote' | 'staff';
  @Column({ type: 'varchar', length: 10 }) status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
  @Column({ type: 'int', name: 'sort_class' }) sortClass: number;
  @Column({ ...timestamp, name: 'sort_at', transformer: dateTransformer }) sortAt: Date;
  @Column({ ...timestamp, name: 'issued_at', transformer: dateTransformer }) issuedAt: Date;
  @Column({ ...timestamp, name: 'called_at', nullable: true, transformer: dateTransformer }) calledAt: Date | null;
  @Column({ ...timestamp, name: 'started_at', nullable: true, transformer: dateTransformer }) startedAt: Date | null;
  @Column({ ...timestamp, name: 'finished_at', nullable: true, transformer: dateTransformer }) finishedAt: Date | null;
  @Column({ ...uuidColumn, name: 'counter_id', nullable: true }) counterId: string | null;
  @Column({ type: 'int', name: 'recall_count', default: 0 }) recallCount: number;
  @Column({ type: 'varchar', length: 43, name: 'tracking_token', unique: true }) trackingToken: string;
  /** Set when the ticket comes from an appointment's check-in. */
  @Column({ ...uuidColumn, name: 'appointment_id', nullable: true }) appointmentId: string | null;
  /** A phone given at the kiosk for "your turn is near", sealed; purged with the day. */
  @Column({ type: 'text', name: 'phone_sealed', nullable: true }) phoneSealed: string | null;
}
