import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/**
 * One of an office's frequently asked questions (API.md v1.1 "Citizen assistant"): written by its
 * supervisors, public, and searched by the assistant with the office's other facts.
 */
@Entity('faq')
@Index('ix_faq_office', ['officeId', 'createdAt'])
export class Faq {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ type: 'varchar', length: 300 }) question: string;
  @Column({ type: 'text' }) answer: string;
  /** JSON array of words a citizen might use instead of the question's. */
  @Column({ type: 'text' }) keywords: string;
  @Column({ type: 'varchar', length: 2 }) locale: 'id' | 'en';
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
  @Column({ ...timestamp, name: 'updated_at', transformer: dateTransformer }) updatedAt: Date;
}
