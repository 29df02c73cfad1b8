import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

/** The last number given per office, service and business day; bumped inside the issuing transaction. */
@Entity('daily_sequence')
export class DailySequence {
  @PrimaryColumn({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @PrimaryColumn({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @PrimaryColumn({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Column({ type: 'int', name: 'last_number' }) lastNumber: number;
  /** Of those numbers, the walk-ins: the daily ticket quota counts these, never check-ins. */
  @Column({ type: 'int', name: 'walk_ins', default: 0 }) walkIns: number;
  /** Of the walk-ins, the priority ones: the priority quota counts these when there is one. */
  @Column({ type: 'int', name: 'priority_walk_ins', default: 0 }) priorityWalkIns: number;
}
