import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

/** One row per open weekday of an office; a weekday without a row is closed. */
@Entity('opening_hours')
export class OpeningHours {
  @PrimaryColumn({ ...uuidColumn, name: 'office_id' }) officeId: string;
  /** ISO weekday, 1 = Monday. */
  @PrimaryColumn({ type: 'int' }) weekday: number;
  @Column({ type: 'varchar', length: 5, name: 'open_time' }) open: string;
  @Column({ type: 'varchar', length: 5, name: 'close_time' }) close: string;
  @Column({ type: 'simple-json' }) breaks: { start: string; end: string }[];
}
