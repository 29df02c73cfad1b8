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
