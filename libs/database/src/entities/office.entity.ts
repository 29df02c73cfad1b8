import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { timestamp, uuidColumn } from './columns';

@Entity('office')
export class Office {
  @PrimaryColumn(uuidColumn) id: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 64 }) timezone: string;
  /** For the calendar file and the confirmation. */
  @Column({ type: 'varchar', length: 200, nullable: true }) address: string | null;
  /** A regular ticket waiting longer than this is served before priority tickets that came after it. */
  @Column({ type: 'int', name: 'starvation_guard_minutes', default: 45 }) starvationGuardMinutes: number;
  /** After this many recalls the console suggests a no-show. */
  @Column({ type: 'int', name: 'max_recalls', default: 3 }) maxRecalls: number;
  /** Running text on the hall display. */
  @Column({ type: 'simple-json', nullable: true }) announcements: string[] | null;
  @Column({ type: 'varchar', length: 2, name: 'voice_locale', default: 'id' }) voiceLocale: 'id' | 'en';
  /** Minutes before a slot at which citizens are reminded; null = the deployment's default. */
  @Column({ type: 'simple-json', name: 'reminder_offsets', nullable: true }) reminderOffsets: number[] | null;
  /** The SMS/WhatsApp gateway of this office; null = no webhook channel. */
  @Column({ type: 'varchar', length: 300, name: 'webhook_url', nullable: true }) webhookUrl: string | null;
  /** "Your turn is near" when a ticket reaches this position. */
  @Column({ type: 'int', name: 'turn_near_position', default: 3 }) turnNearPosition: number;
  @CreateDateColumn({ ...timestamp, name: 'created_at' }) createdAt: Date;
}
