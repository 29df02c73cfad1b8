import type { OfficeDetail, TicketView } from '@giliran/contracts';
import { dispose, render, type CheckInSession } from './checkin/actions';
import { scanSupport } from './checkin/scan';
import { initialState } from './checkin/state';
import './checkin.css';

export interface CheckInContext {
  office: OfficeDetail;
  onTicket(ticket: TicketView): void;
  onClose(): void;
}

export interface CheckInScreen {
  /** Builds the screen into `el` (again after a language switch; what was typed stays). */
  render(el: HTMLElement): void;
  dispose(): void;
}

/** The kiosk's check-in of a booking: its code typed on big keys, or its QR scanned. */
export function createCheckIn(ctx: CheckInContext): CheckInScreen {
  const session: CheckInSession = {
    state: initialState(),
    office: ctx.office,
    onTicket: (ticket) => ctx.onTicket(ticket),
    onClose: () => ctx.onClose(),
    container: null,
    parts: null,
    disposed: false,
    renderedWithScan: false,
    camera: { stream: null, deadline: 0 },
  };

  // Support known later than the first paint (rare): show the button then.
  void scanSupport.then((ok) => {
    if (ok && !session.renderedWithScan && session.container && !session.disposed && !session.state.busy) render(session, session.container);
  });

  return { render: (el) => render(session, el), dispose: () => dispose(session) };
}
