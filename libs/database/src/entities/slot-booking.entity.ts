import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/**
 * Places taken in one slot. Booking bumps `booked` with a conditional update (booked < capacity);
 * the CHECK constraint is the backstop, so capacity holds whatever the concurrency.
 */
@Entity('slot_booking')
@Check('ck_slot_booking_capacity', '"booked" >= 0 AND "booked" <= "capacity"')
export class SlotBooking {
  @PrimaryColumn({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @PrimaryColumn({ ...timestamp, name: 'slot_start', transformer: dateTransformer }) slotStart: Date;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int' }) booked: number;
}
