import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/**
 * A waiting-room admission that booked (API.md v1.1: one admission books at most one
 * appointment). Written in the booking's transaction, so a booking that fails leaves the
 * admission unused; the primary key refuses a second booking with it on every replica.
 */
@Entity('admission_use')
export class AdmissionUse {
  @PrimaryColumn({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  /** The day of the release the admission was for. */
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'release_date' }) releaseDate: string;
  /** The pass: its line's epoch (a line rebuilt after Redis lost it has a new one) and its number in the order of joining. */
  @PrimaryColumn({ type: 'varchar', length: 24, name: 'pass' }) pass: string;
  @Column({ ...uuidColumn, name: 'appointment_id' }) appointmentId: string;
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
}
