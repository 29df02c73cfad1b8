import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

export type WaitlistStatus = 'waiting' | 'booked' | 'cancelled' | 'expired';

/**
 * A citizen waiting for a place on a full day of a service (API.md v1.1 "Waitlist"). Personal data
 * is sealed like an appointment's; `activeNikKey` holds the NIK's hash only while the entry waits,
 * so a unique index allows one waiting entry per NIK and service. `joinOrder` numbers a day's
 * entries 1, 2, 3… as they joined; the earliest waiting one is booked into a place the moment it
 * frees up.
 */
@Entity('waitlist_entry')
@Index('uq_waitlist_active_nik', ['serviceId', 'activeNikKey'], { unique: true })
@Index('uq_waitlist_join_order', ['serviceId', 'businessDate', 'joinOrder'], { unique: true })
export class WaitlistEntry {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Column({ type: 'varchar', length: 12 }) status: WaitlistStatus;
  @Column({ type: 'int', name: 'join_order' }) joinOrder: number;
  @Index('uq_waitlist_manage_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'manage_token_hash' })
  manageTokenHash: string;
  @Column({ type: 'varchar', length: 64, name: 'nik_hash' }) nikHash: string;
  @Column({ type: 'varchar', length: 64, name: 'active_nik_key', nullable: true }) activeNikKey: string | null;
  @Column({ type: 'text', name: 'nik_sealed', nullable: true }) nikSealed: string | null;
  @Column({ type: 'text', name: 'name_sealed', nullable: true }) nameSealed: string | null;
  @Column({ type: 'text', name: 'phone_sealed', nullable: true }) phoneSealed: string | null;
  @Column({ type: 'text', name: 'email_sealed', nullable: true }) emailSealed: string | null;
  @Column({ type: 'varchar', length: 2 }) locale: 'id' | 'en';
  /** The booking it became. */
  @Column({ ...uuidColumn, name: 'appointment_id', nullable: true }) appointmentId: string | null;
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
  @Column({ ...timestamp, name: 'updated_at', transformer: dateTransformer }) updatedAt: Date;
}
