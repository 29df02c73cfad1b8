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
