export type { Availability, AppointmentStatus, AppointmentView, DayView, NewAppointment, SlotView } from '@giliran/contracts';
