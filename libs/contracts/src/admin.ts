import type { TicketStatus } from './ticket-status';

/** Office settings beyond API.md's `{code, name, timezone}` (issue #3). */
export interface OfficeSettings {
  /** A regular ticket waiting longer than this is served before priority tickets that came after it. */
  starvationGuardMinutes: number;
  /** After this many recalls the console suggests a no-show. */
  maxRecalls: number;
  /** Running text on the hall display, set by the supervisor. */
  announcements: string[];
  /** Language of the spoken call on the hall display. */
  voiceLocale: 'id' | 'en';
  address: string | null;
  /** Minutes before a slot at which citizens are reminded; null = the deployment's default. */
  reminderOffsets: number[] | null;
  /** The office's SMS/WhatsApp gateway; null = none. */
  webhookUrl: string | null;
  turnNearPosition: number;
  phone: string | null;
  /** A link to the office on a map. */
  mapUrl: string | null;
  /** Staff only: the wait the office means to keep under (absent from the public answer). */
  targetWaitMinutes?: number;
  /** The kiosk's ticket paper: 58 or 80 mm. */
  ticketPaperMm: 58 | 80;
  /** The kiosk prints each ticket by itself (a kiosk PC set up for silent printing). */
  autoPrint: boolean;
  /** The language every citizen's screen starts in. */
  defaultLocale: 'id' | 'en';
}

export interface NationalHolidayList {
  year: number;
  source: string;
  /** `source` in Indonesian. */
  sourceId?: string;
  holidays: { date: string; name: string; kind: 'national' | 'collective_leave' }[];
}

export interface StatsSummary {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
}

export interface OfficeStats extends StatsSummary {
  officeId: string;
  from: string;
  to: string;
  timezone: string;
  byService: (StatsSummary & { serviceId: string; prefix: string; name: string })[];
  /** Local hour of the office (0–23) at which tickets were issued. */
  byHour: (StatsSummary & { hour: number })[];
  byOfficer: { officerId: string; username: string; called: number; served: number; noShow: number; avgServiceSeconds: number | null }[];
  byCounter: { counterId: string; name: string; openSeconds: number; busySeconds: number; idleSeconds: number; served: number }[];
  /** Appointments whose slot falls in the period, by what became of them. */
  appointments: { booked: number; checkedIn: number; noShow: number; cancelled: number };
}

export interface MyDay {
  businessDate: string;
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  avgServiceSeconds: number | null;
}

export interface WaitingTicket {
  id: string;
  number: string;
  serviceId: string;
  priority: 'regular' | 'priority';
  status: TicketStatus;
  issuedAt: string;
  waitingSeconds: number;
}

/** An office's own closed day (`/offices/:id/holidays`). */
export interface HolidayView {
  date: string;
  name: string;
}

/** One row of `GET /offices/:id/notifications`: ids and kinds only, no personal data. */
export interface DeliveryView {
  id: string;
  kind: string;
  channel: string;
  status: 'sending' | 'sent' | 'failed' | 'dead';
  attempts: number;
  lastError: string | null;
  appointmentId: string | null;
  ticketId: string | null;
  updatedAt: string;
}

/** What the tracking page's service worker shows (kiosk-ui/src/sw.ts) of a Web Push. */
export interface PushPayload {
  type: 'ticket.near' | 'ticket.called';
  number: string;
  /** ticket.near: the place in line. */
  position?: number;
  /** ticket.called: where to go. */
  counterName?: string;
  /** The tracking page, as a path on this site: the notification opens or focuses it. */
  url: string;
  title: string;
  body: string;
  lang: 'id' | 'en';
}
