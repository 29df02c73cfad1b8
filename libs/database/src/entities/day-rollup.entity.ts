import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One settled business day of one service of an office (or of the whole office: service id `''`)
 * summed up for the analytics (libs/core `DayRollup`, kept as JSON). Written once the day has no
 * ticket left open, by the end of the office's day or by the first read that needs it; never
 * changed after, and free of personal data (it outlives the retention purge on purpose).
 */
@Entity('day_rollup')
export class DayRollupRow {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'office_id' }) officeId: string;
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'service_id' }) serviceId: string;
  @Column({ type: 'text' }) figures: string;
}
