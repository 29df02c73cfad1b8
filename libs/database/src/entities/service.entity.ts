import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

@Entity('service')
@Index('uq_service_office_code', ['officeId', 'code'], { unique: true })
@Index('uq_service_office_prefix', ['officeId', 'prefix'], { unique: true })
export class ServiceEntity {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 4 }) prefix: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'int', name: 'slot_minutes' }) slotMinutes: number;
  @Column({ type: 'int', name: 'slot_capacity' }) slotCapacity: number;
  @Column({ type: 'int', name: 'booking_window_days' }) bookingWindowDays: number;
  @Column({ type: 'int', name: 'daily_ticket_quota', nullable: true }) dailyTicketQuota: number | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
}
