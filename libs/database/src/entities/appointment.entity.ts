import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

/**
 * A booked slot. Personal data is sealed (AES-256-GCM, see PiiCipher); the NIK is found by its
 * keyed hash. `activeNikKey` holds that hash only while the booking is active, so a unique index on
 * (service, activeNikKey) allows one active booking per NIK and service.
 */
@Entity('appointment')
@Index('uq_appointment_active_nik', ['serviceId', 'activeNikKey'], { unique: true })
@Index('ix_appointment_slot', ['serviceId', 'slotStart'])
@Index('ix_appointment_office_date', ['officeId', 'businessDate'])
@Index('ix_appointment_office_status', ['officeId', 'status', 'businessDate'])
@Index('ix_appointment_purge', ['purgedAt', 'businessDate'])
export class Appointment {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @Column({ ...timestamp, name: 'slot_start', transformer: dateTransformer }) slotStart: Date;
  @Column({ ...timestamp, name: 'slot_end', transformer: dateTransformer }) slotEnd: Date;
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Index('uq_appointment_code', { unique: true })
  @Column({ type: 'varchar', length: 8 })
  code: string;
  /** SHA-256 of the citizen's manage token (hex): found by it, never kept in clear. */
  @Index('uq_appointment_manage_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'manage_token_hash' })
  manageTokenHash: string;
  /** The token sealed with PII_KEY, for the link in reminders; null for bookings from before, and once purged. */
  @Column({ type: 'text', name: 'manage_token_sealed', nullable: true }) manageTokenSealed: string | null;
  @Column({ type: 'varchar', length: 12 }) status: AppointmentStatus;
  @Column({ type: 'varchar', length: 64, name: 'nik_hash' }) nikHash: string;
  @Column({ type: 'varchar', length: 64, name: 'active_nik_key', nullable: true }) activeNikKey: string | null;
  @Column({ type: 'text', name: 'nik_sealed', nullable: true }) nikSealed: string | null;
  @Column({ type: 'text', name: 'name_sealed', nullable: true }) nameSealed: string | null;
  @Column({ type: 'text', name: 'phone_sealed', nullable: true }) phoneSealed: string | null;
  @Column({ type: 'text', name: 'email_sealed', nullable: true }) emailSealed: string | null;
  @Column({ type: 'varchar', length: 2 }) locale: 'id' | 'en';
  @Column({ type: 'varchar', length: 10 }) channel: 'online' | 'staff';
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
  @Column({ ...timestamp, name: 'updated_at', transformer: dateTransformer }) updatedAt: Date;
  @Column({ ...uuidColumn, name: 'ticket_id', nullable: true }) ticketId: string | null;
  /** When the personal data was purged after the retention period. */
  @Column({ ...timestamp, name: 'purged_at', nullable: true, transformer: dateTransformer }) purgedAt: Date | null;
}
