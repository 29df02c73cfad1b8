import type { OfficeSettings } from './admin';
import type { StaffRole } from './staff';
import type { TicketStatus } from './ticket-status';

export type { TicketStatus } from './ticket-status';
export type TicketPriority = 'regular' | 'priority';
export type TicketChannel = 'kiosk' | 'remote' | 'staff';
export type CounterStatus = 'closed' | 'open' | 'paused';

export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  priority: TicketPriority;
  position: number;
  /** null while no counter serving the ticket's service is open (API.md v1.1). */
  estimatedWaitMinutes: number | null;
  issuedAt: string;
  businessDate: string;
  trackingToken: string;
  counterId?: string | null;
  calledAt?: string | null;
}

/** Staff view: the public ticket without the tracking token. */
export type StaffTicketView = Omit<TicketView, 'trackingToken'> & {
  channel: TicketChannel;
  recallCount: number;
  /** After the office's maximum of recalls the console offers a no-show. */
  noShowSuggested?: boolean;
  /** In a waiting list: a checked-in appointment (called before regular walk-ins). */
  appointment?: boolean;
  /** In a waiting list: waited past the starvation guard, so called before later priority tickets. */
  longWait?: boolean;
};

export interface TrackingView {
  number: string;
  status: TicketStatus;
  position: number;
  estimatedWaitMinutes: number | null;
  counterName: string | null;
  serviceName: string;
  officeName: string;
  /** With a null estimate: when the office opens later today (ISO UTC), else null. */
  nextOpening?: string | null;
}

export interface ServiceBoard {
  serviceId: string;
  prefix: string;
  name: string;
  waiting: number;
  estimatedWaitMinutes: number | null;
  /** Regular walk-in places left today (after the roll-over hour, with the unbooked online ones); null = no limit. */
  walkInRemaining: number | null;
  /** Extension: places left today for a priority walk-in (its own quota, else the walk-in places); null = no limit. */
  priorityRemaining: number | null;
}

export interface NowServing {
  ticketId: string;
  number: string;
  status: TicketStatus;
}

export interface CounterBoard {
  counterId: string;
  name: string;
  status: CounterStatus;
  nowServing: NowServing | null;
}

export interface RecentCall {
  ticketId: string;
  number: string;
  counterId: string;
  counterName: string;
  calledAt: string;
}

export interface QueueBoard {
  officeId: string;
  seq: number;
  businessDate: string;
  services: ServiceBoard[];
  counters: CounterBoard[];
  recentCalls: RecentCall[];
  /** Extensions of API.md's board for the hall display. */
  officeName: string;
  timezone: string;
  announcements: string[];
  voiceLocale: 'id' | 'en';
}

export interface OfficeSummary {
  id: string;
  code: string;
  name: string;
  timezone: string;
}

export type OfficeWithSettings = OfficeSummary & OfficeSettings;

export interface ServiceView {
  id: string;
  officeId: string;
  code: string;
  prefix: string;
  name: string;
  slotMinutes: number;
  slotCapacity: number;
  bookingWindowDays: number;
  /** Alias of `quota.walkIn`. */
  dailyTicketQuota: number | null;
  /** Daily places by channel; null = no limit. Priority walk-ins count against `priority` when set, else `walkIn`. */
  quota: { online: number | null; walkIn: number | null; priority: number | null };
  /** "HH:MM" office time from which today's unbooked online places become walk-in places; null = never. */
  onlineRolloverAt: string | null;
  /** Scheduled release: the slots of day D open at `at` (office time) on day D − `daysAhead`; null = always open. */
  release: { daysAhead: number; at: string } | null;
  /**
   * For `openMinutes` after each release, booking the day just released needs an admission from
   * the waiting room, which admits `admitPerMinute` a minute in the order of joining; an admission
   * is good for `admissionMinutes`. null: no waiting room.
   */
  waitingRoom: { admitPerMinute: number; admissionMinutes: number; openMinutes: number } | null;
  /** Check-in opens this many minutes before a booked slot and closes this many after its start (API.md: 30 and 15). */
  checkInBeforeMinutes: number;
  checkInAfterMinutes: number;
  active: boolean;
  description: string | null;
  /** The documents to bring, in order. */
  requirements: string[];
  /** What one citizen usually takes; the wait estimate starts from it. */
  expectedServiceMinutes: number;
  sortOrder: number;
}

export interface CounterView {
  id: string;
  officeId: string;
  name: string;
  serviceIds: string[];
  status: CounterStatus;
  officerId: string | null;
  currentTicketId: string | null;
  sortOrder: number;
}

/** One open weekday (1 = Monday): `PUT/GET /offices/:id/hours` and an office's `hours`. */
export interface OpeningDay {
  weekday: number;
  open: string;
  /** `24:00`: open to the end of the day. */
  close: string;
  breaks: { start: string; end: string }[];
}

export interface OfficeDetail extends OfficeWithSettings {
  services: ServiceView[];
  counters: CounterView[];
  /** The week's opening hours (1 = Monday; an absent weekday is closed). */
  hours: OpeningDay[];
  /** Whether the office takes walk-ins now; when it closes today, or when it next opens (ISO UTC). */
  openNow: boolean;
  closesAt: string | null;
  opensAt: string | null;
  /** The office sends SMS/WhatsApp messages (a kiosk may offer the near-turn message). */
  messaging: boolean;
}

export interface TicketEventView {
  at: string;
  type: string;
  actor: string;
  from: TicketStatus | null;
  to: TicketStatus | null;
  counterId: string | null;
  /** The service the ticket was in after the event. */
  serviceId: string | null;
  /** The reason given for a call out of order or a transfer. */
  reason: string | null;
}

export interface LoginResponse {
  accessToken: string;
  user: { id: string; username: string; role: StaffRole; officeId: string | null };
}
