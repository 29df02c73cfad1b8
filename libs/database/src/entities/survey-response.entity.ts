import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateTransformer, timestamp, uuidColumn } from './columns';

/**
 * One citizen's IKM survey (PermenPANRB 14/2017, API.md v1.1): the nine answers (1–4) of one
 * finished ticket, at most one per ticket (`uq_survey_ticket`). The comment is sealed (it may
 * name someone) and goes with the retention purge.
 */
@Entity('survey_response')
@Index('uq_survey_ticket', ['ticketId'], { unique: true })
@Index('ix_survey_office_date', ['officeId', 'businessDate'])
export class SurveyResponse {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ ...uuidColumn, name: 'office_id' }) officeId: string;
  @Column({ ...uuidColumn, name: 'service_id' }) serviceId: string;
  @Column({ ...uuidColumn, name: 'counter_id', nullable: true }) counterId: string | null;
  @Column({ ...uuidColumn, name: 'ticket_id' }) ticketId: string;
  /** The ticket's business day: results are read by it. */
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate: string;
  @Column({ type: 'smallint' }) a1: number;
  @Column({ type: 'smallint' }) a2: number;
  @Column({ type: 'smallint' }) a3: number;
  @Column({ type: 'smallint' }) a4: number;
  @Column({ type: 'smallint' }) a5: number;
  @Column({ type: 'smallint' }) a6: number;
  @Column({ type: 'smallint' }) a7: number;
  @Column({ type: 'smallint' }) a8: number;
  @Column({ type: 'smallint' }) a9: number;
  @Column({ type: 'text', name: 'comment_sealed', nullable: true }) commentSealed: string | null;
  @Column({ ...timestamp, name: 'created_at', transformer: dateTransformer }) createdAt: Date;
}
