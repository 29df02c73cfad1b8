/** Bodies of the booking API (API.md "Booking"), shared by the server and the booking pages. */

export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

export interface DayView {
  date: string;
  slots: SlotView[];
  /** A day not released yet: when its slots open for booking (ISO UTC); it lists none until then. */
  opensAt?: string;
}

export interface Availability {
  timezone: string;
  days: DayView[];
}

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

export interface AppointmentView {
  id: string;
  code: string;
  /** Only in the answer to the booking itself. */
  manageToken?: string;
  status: AppointmentStatus;
  start: string;
  end: string;
  officeId: string;
  serviceId: string;
  businessDate: string;
  locale: 'id' | 'en';
  checkIn: { opens: string; closes: string };
  ticketId: string | null;
  /** Only on the manage page: the citizen's own data, NIK masked. */
  citizen?: { name: string | null; nik: string; phone: string | null; email: string | null };
}

export interface NewAppointment {
  officeId: string;
  serviceId: string;
  start: string;
  citizen: { name: string; nik: string; phone?: string; email?: string };
  locale: 'id' | 'en';
}

export type WaitlistStatus = 'waiting' | 'booked' | 'cancelled' | 'expired';

/** `POST /waitlist` → 201: the citizen's key to the entry (given once) and their place. */
export interface WaitlistJoined {
  id: string;
  manageToken: string;
  status: 'waiting';
  position: number;
}

/** `GET /waitlist/:manageToken`: the entry, and the booking it became. */
export interface WaitlistView {
  status: WaitlistStatus;
  /** Place among the day's waiting entries (1 = next); 0 once it no longer waits. */
  position: number;
  appointment?: { code: string; manageToken: string; start: string };
  /** Extension: the day and service waited for. */
  date: string;
  officeId: string;
  serviceId: string;
}

/** `GET /challenge`: an ALTCHA proof of work; find `number` with sha256(salt + number) in hex = challenge. */
export interface WaitingRoomChallenge {
  algorithm: 'SHA-256';
  challenge: string;
  salt: string;
  maxnumber: number;
  signature: string;
}

/** `POST .../waiting-room` → 201: the citizen's pass and place in the line. */
export interface WaitingRoomPass {
  passToken: string;
  /** Place in the line when joining (1 = the first not yet admitted). */
  position: number;
  estimatedAdmitAt: string;
  /** Extension: the pass's number in the order of joining (1 = the first to join this release). */
  number: number;
  /** Extension: the release waited for: its day, when admissions start, when bookings need none again. */
  date: string;
  opensAt: string;
  closesAt: string;
}

export type WaitingRoomStatusName = 'waiting' | 'admitted' | 'expired';

/** `GET /waiting-room/:passToken`. */
export interface WaitingRoomStatus {
  status: WaitingRoomStatusName;
  /** Passes before this one not yet admitted, plus one; 0 once admitted or expired. */
  position: number;
  estimatedAdmitAt: string;
  admissionToken?: string;
  admissionExpiresAt?: string;
  /** Extension: expired because every place of the day is taken (the page offers the waitlist). */
  full?: boolean;
  /** Extension: as in the pass. */
  number: number;
  officeId: string;
  serviceId: string;
  date: string;
  opensAt: string;
  closesAt: string;
}

/** Extension, staff: a release as it happens (the back office's live view). */
export interface ReleaseLiveView {
  date: string;
  opensAt: string;
  closesAt: string;
  /** Passes given out, admitted so far, and bookings made with an admission. */
  joined: number;
  admitted: number;
  booked: number;
  /** Places of the released day nobody has booked yet. */
  placesLeft: number;
  capacity: number;
}

/** `GET /survey/questions`: the nine IKM elements in order. */
export interface SurveyQuestion {
  element: number;
  key: string;
  question: string;
  options: { value: number; label: string }[];
}

export type IkmGradeName = 'A' | 'B' | 'C' | 'D';

/** `GET /counters/:counterId/survey` (staff): the visit the counter's tablet offers the survey for. */
export interface CounterSurveyPending {
  pending: { ticketId: string; number: string; finishedAt: string } | null;
}

/** `GET /offices/:id/survey` (staff). */
export interface SurveyResults {
  responses: number;
  elements: { element: number; key: string; average: number | null }[];
  ikm: number | null;
  grade: IkmGradeName | null;
  label: string | null;
  byService: { serviceId: string; responses: number; ikm: number | null }[];
  byCounter: { counterId: string; responses: number; ikm: number | null }[];
  /** Extension: the period read. */
  from: string;
  to: string;
}

/** `GET /offices/:id/survey/comments` (staff). */
export interface SurveyComment {
  date: string;
  serviceId: string;
  counterId: string | null;
  comment: string;
  createdAt: string;
}
