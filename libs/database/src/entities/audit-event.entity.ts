import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/**
 * The office audit trail: appointments and every staff change to set-up and staff, failed logins.
 * Append-only. `before`/`after` are JSON with personal data masked (see AuditEntry).
 */
@Entity('audit_event')
@Index('ix_audit_office_at', ['officeId', 'at'])
export class AuditEvent {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id', nullable: true }) officeId: string | null;
  @Column({ ...timestamp, transformer: dateTransformer }) at: Date;
  @Column({ type: 'varchar', length: 40 }) type: string;
  @Column({ type: 'varchar', length: 100 }) actor: string;
  @Column({ type: 'varchar', length: 120 }) subject: string;
  @Column({ type: 'text', nullable: true }) before: string | null;
  @Column({ type: 'text', nullable: true }) after: string | null;
}
