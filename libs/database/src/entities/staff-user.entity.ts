import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { timestamp, uuidColumn } from './columns';

@Entity('staff_user')
export class StaffUser {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ type: 'varchar', length: 64, unique: true }) username: string;
  @Column({ type: 'varchar', length: 100, name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'varchar', length: 12 }) role: 'admin' | 'supervisor' | 'officer';
  @Column({ ...uuidColumn, name: 'office_id', nullable: true }) officeId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Tokens carry the version they were issued under; bumping it ends them all. */
  @Column({ type: 'int', name: 'session_version', default: 0 }) sessionVersion: number;
  @CreateDateColumn({ ...timestamp, name: 'created_at' }) createdAt: Date;
}
