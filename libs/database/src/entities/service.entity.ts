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
  /** Booking window: from this many days ahead (0 = today) to bookingWindowDays. */
  @Column({ type: 'int', name: 'booking_min_days_ahead', default: 0 }) bookingMinDaysAhead: number;
  /** Online bookings per day, on top of the slot capacity; null = no daily limit. */
  @Column({ type: 'int', name: 'daily_online_quota', nullable: true }) dailyOnlineQuota: number | null;
  @Column({ type: 'int', name: 'check_in_early_minutes', default: 30 }) checkInEarlyMinutes: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) description: string | null;
  /** The documents to bring, in order (public). */
  @Column({ type: 'simple-json', nullable: true }) requirements: string[] | null;
  /** What one citizen usually takes: the wait estimate's starting point until the day measures its own. */
  @Column({ type: 'int', name: 'expected_service_minutes', default: 5 }) expectedServiceMinutes: number;
  /** Lists and boards are ordered by this, then by name in natural order. */
  @Column({ type: 'int', name: 'sort_order', default: 0 }) sortOrder: number;
  @Column({ type: 'int', name: 'check_in_late_minutes', default: 15 }) checkInLateMinutes: number;
  /** Priority walk-ins per day; null = they count against the walk-in quota (dailyTicketQuota). */
  @Column({ type: 'int', name: 'daily_priority_quota', nullable: true }) dailyPriorityQuota: number | null;
  /** "HH:MM" office time from which today's unbooked online places become walk-in places; null = never. */
  @Column({ type: 'varchar', length: 5, name: 'online_rollover_at', nullable: true }) onlineRolloverAt: string | null;
  /** Scheduled release: day D opens at releaseAt (office time) on D − releaseDaysAhead; both null = always open. */
  @Column({ type: 'int', name: 'release_days_ahead', nullable: true }) releaseDaysAhead: number | null;
  @Column({ type: 'varchar', length: 5, name: 'release_at', nullable: true }) releaseAt: string | null;
  /** Waiting room of each release: all three set, or none (no admission needed). */
  @Column({ type: 'int', name: 'waiting_room_admit_per_minute', nullable: true }) waitingRoomAdmitPerMinute: number | null;
  @Column({ type: 'int', name: 'waiting_room_admission_minutes', nullable: true }) waitingRoomAdmissionMinutes: number | null;
  @Column({ type: 'int', name: 'waiting_room_open_minutes', nullable: true }) waitingRoomOpenMinutes: number | null;
}
