import type { DayView, SlotView } from '../types';

/** What the page's buttons do (see actions.ts). */
export interface ManageHandlers {
  retry(): void;
  retryDays(): void;
  startReschedule(): void;
  pickDay(day: DayView): void;
  pickSlot(slot: SlotView): void;
  reschedule(): void;
  cancel(): void;
  /** Leaves the waitlist (a waitlist entry's link). */
  leaveWaitlist(): void;
}
