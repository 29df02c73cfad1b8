import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidColumn } from './columns';

@Entity('holiday')
export class Holiday {
  @PrimaryColumn({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) date: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
}
