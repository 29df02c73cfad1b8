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
  @Column({ type: 'varchar', length: 40, nullable: true }) phone: string | null;
  /** A link to the office on a map, for citizens finding their way. */
  @Column({ type: 'varchar', length: 300, name: 'map_url', nullable: true }) mapUrl: string | null;
  /** The wait the office means to keep under; the share served within it is its measure. */
  @Column({ type: 'int', name: 'target_wait_minutes', default: 30 }) targetWaitMinutes: number;
  /** The kiosk's ticket paper width: 58 or 80 mm. */
  @Column({ type: 'int', name: 'ticket_paper_mm', default: 80 }) ticketPaperMm: 58 | 80;
  /** The kiosk prints every ticket by itself (a kiosk PC set up for silent printing). */
  @Column({ type: 'boolean', name: 'auto_print', default: false }) autoPrint: boolean;
  /** The language every citizen's screen starts in (and the kiosk returns to). */
  @Column({ type: 'varchar', length: 2, name: 'default_locale', default: 'id' }) defaultLocale: 'id' | 'en';
  @CreateDateColumn({ ...timestamp, name: 'created_at' }) createdAt: Date;
}
