import type { OfficeSummary, ServiceView } from '@giliran/contracts';
import type { DayView, SlotView } from '../types';
import type { FieldName, Locale } from './state';

/** What the wizard's buttons and fields do (see actions.ts). */
export interface BookHandlers {
  retryOffices(): void;
  retryOffice(): void;
  retryDays(): void;
  pickOffice(office: OfficeSummary): void;
  pickService(service: ServiceView): void;
  pickDay(day: DayView): void;
  pickSlot(slot: SlotView): void;
  /** A full day: wait for a place on it (the waitlist). */
  waitForDay(day: DayView): void;
  /** A field typed in; true when it had an error message, which the view then clears. */
  type(key: FieldName, value: string): boolean;
  chooseLocale(locale: Locale): void;
  submit(): void;
}
