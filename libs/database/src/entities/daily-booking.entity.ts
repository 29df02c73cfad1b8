import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

/** Online bookings per service and business day, for the optional daily online quota. */
@Entity('daily_booking')
export class DailyBooking {
  @PrimaryColumn({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'int' }) booked: number;
}
