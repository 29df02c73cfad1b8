import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { timestamp, uuidColumn } from './columns';

@Entity('office')
export class Office {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 64 }) timezone: string;
  @CreateDateColumn({ ...timestamp, name: 'created_at' }) createdAt: Date;
}
