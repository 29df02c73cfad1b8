import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'dead';

/**
 * One message to one channel. The unique key is claimed before sending, so a retry or a second
 * worker never sends the same message twice; a message that failed for good is 'dead' (the
 * dead-letter list staff can see and retry). No personal data: ids and kinds only.
 */
@Entity('notification_delivery')
@Index('ix_notification_office_status', ['officeId', 'status'])
export class NotificationDelivery {
  @PrimaryColumn(uuidColumn) id: string;
  @Index('uq_notification_key', { unique: true })
  @Column({ type: 'varchar', length: 160 })
  key: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 10 }) channel: 'email' | 'webhook' | 'push';
  @Column({ ...uuidColumn, name: 'appointment_id', nullable: true }) appointmentId: string | null;
  @Column({ ...uuidColumn, name: 'ticket_id', nullable: true }) ticketId: string | null;
  @Column({ type: 'varchar', length: 10 }) status: DeliveryStatus;
  @Column({ type: 'int' }) attempts: number;
  @Column({ type: 'varchar', length: 300, name: 'last_error', nullable: true }) lastError: string | null;
  /** The job to run again on a retry: its name and data (ids only). */
  @Column({ type: 'text' }) job: string;
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
  @Column({ ...timestamp, name: 'updated_at', transformer: dateTransformer }) updatedAt: Date;
}
