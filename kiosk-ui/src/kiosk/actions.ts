import type { OfficeDetail, QueueBoard, ServiceView, TicketPriority, TicketView } from '@giliran/contracts';
import { apiJson, errorCode, isTransient, randomId } from '../../../ui-shared/api';
import { remember } from '../../../ui-shared/office';
import { i18n } from '../i18n';
import {
  countdownAt,
  fallbackService,
  officeChosen,
  hasWalkInQuota,
  officeFailed,
  officeForgotten,
  phoneNumber,
  placesRead,
  startedAfresh,
  starting,
  ticketShown,
  type KioskState,
} from './state';
import type { KioskHandlers } from './handlers';
import { paintCountdown } from './view';

export const OFFICE_KEY = 'giliran.kiosk.office';
/** Retries of one tap after no answer, with the same Idempotency-Key. */
const ISSUE_RETRY_DELAYS_MS = [1000, 3000];
const ERROR_VISIBLE_MS = 8000;
export const REFRESH_OFFICE_MS = 5 * 60_000;
/** How often the start screen asks again how many walk-in places are left (other kiosks take them too). */
export const REFRESH_PLACES_MS = 20_000;

/** The running kiosk: its current state (replaced by each update), its chunks and its timers. */
export interface KioskContext {
  state: KioskState;
  readonly main: HTMLElement;
  render(): void;
  /** The QR renderer, loading from the start so a ticket shows at once. */
  readonly qr: Promise<typeof import('../qr')>;
  /** The check-in screen's chunk, likewise; asked again after a failure. */
  checkin: Promise<typeof import('../checkin')>;
  timers: { boundary?: number; error?: number; countdown?: number };
}

export function kioskHandlers(ctx: KioskContext): KioskHandlers {
  return {
    retry: () => void loadOffice(ctx),
    pickOffice: (office) => {
      remember(OFFICE_KEY, office.id);
      ctx.state = officeChosen(ctx.state, office.id);
      void loadOffice(ctx);
    },
    changeOffice: () => {
      remember(OFFICE_KEY, null);
      ctx.state = officeForgotten(ctx.state);
      ctx.render();
    },
    togglePriority: () => {
      ctx.state = { ...ctx.state, priority: !ctx.state.priority };
      ctx.render();
    },
    toggleSms: () => {
      ctx.state = { ...ctx.state, sms: !ctx.state.sms };
      ctx.render();
    },
    chooseService: (service) => {
      if (!ctx.state.sms) return void issue(ctx, service);
      ctx.state = { ...ctx.state, screen: { kind: 'phone', service, invalid: false } };
      ctx.render();
    },
    submitPhone: (service, typed) => {
      const phone = phoneNumber(typed);
      if (!phone) {
        ctx.state = { ...ctx.state, screen: { kind: 'phone', service, invalid: true } };
        ctx.render();
        return (ctx.main.querySelector('#phone') as HTMLInputElement | null)?.focus();
      }
      ctx.state = { ...ctx.state, screen: { kind: 'start' } };
      void issue(ctx, service, phone);
    },
    skipPhone: (service) => {
      ctx.state = { ...ctx.state, screen: { kind: 'start' } };
      void issue(ctx, service);
    },
    checkIn: () => void openCheckIn(ctx),
    backToStart: () => backToStart(ctx),
  };
}

function setError(ctx: KioskContext, code: string | null): void {
  ctx.state = { ...ctx.state, error: code };
  window.clearTimeout(ctx.timers.error);
  if (code) ctx.timers.error = window.setTimeout(() => setError(ctx, null), ERROR_VISIBLE_MS);
  ctx.render();
}

export async function loadOffice(ctx: KioskContext): Promise<void> {
  const officeId = ctx.state.officeId;
  if (!officeId) {
    ctx.state = { ...ctx.state, screen: { kind: 'picker' } };
    return ctx.render();
  }
  try {
    const office = await apiJson<OfficeDetail>(`/offices/${encodeURIComponent(officeId)}`);
    const opening = starting(ctx.state);
    ctx.state = { ...ctx.state, office };
    if (opening) {
      // After a start or a reboot the kiosk speaks the office's language, whatever the last citizen chose.
      i18n.setLang(office.defaultLocale ?? 'id');
      ctx.state = { ...ctx.state, screen: { kind: 'start' } };
    }
    // The office's ticket paper (58 or 80 mm) shapes the printed ticket.
    document.documentElement.classList.toggle('paper-58', office.ticketPaperMm === 58);
    // Opening or closing: the start screen changes by itself at that minute.
    const next = office.openNow ? office.closesAt : office.opensAt;
    window.clearTimeout(ctx.timers.boundary);
    if (next)
      ctx.timers.boundary = window.setTimeout(() => void loadOffice(ctx), Math.min(Math.max(Date.parse(next) - Date.now(), 0) + 2000, REFRESH_OFFICE_MS));
  } catch (err) {
    const code = errorCode(err);
    if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') remember(OFFICE_KEY, null);
    ctx.state = officeFailed(ctx.state, code);
  }
  ctx.render();
  void loadPlaces(ctx);
}

/**
 * The walk-in places left today (the board's `walkInRemaining`), for services with a quota: asked
 * when the office is read, for every new citizen and every REFRESH_PLACES_MS on the start screen.
 * Unanswered, the last count stays rather than a guess.
 */
export async function loadPlaces(ctx: KioskContext): Promise<void> {
  const office = ctx.state.office;
  if (!hasWalkInQuota(office)) {
    if (Object.keys(ctx.state.placesLeft).length) ctx.state = { ...ctx.state, placesLeft: {} };
    return;
  }
  try {
    const board = await apiJson<QueueBoard>(`/offices/${encodeURIComponent(office!.id)}/queue`);
    if (ctx.state.office?.id !== office!.id) return;
    ctx.state = placesRead(ctx.state, board);
    if (ctx.state.screen.kind === 'start') ctx.render();
  } catch {
    // Kept as it was: the next refresh asks again.
  }
}

function backToStart(ctx: KioskContext): void {
  window.clearInterval(ctx.timers.countdown);
  if (ctx.state.screen.kind === 'checkin') ctx.state.screen.screen.dispose();
  ctx.state = startedAfresh(ctx.state);
  // Every citizen starts afresh: in the office's language, with nothing left highlighted.
  if (ctx.state.office) i18n.setLang(ctx.state.office.defaultLocale ?? 'id');
  (document.activeElement as HTMLElement | null)?.blur?.();
  ctx.render();
  void loadPlaces(ctx);
}

async function issue(ctx: KioskContext, service: ServiceView, phone?: string): Promise<void> {
  const office = ctx.state.office;
  if (ctx.state.busy || !office) return;
  ctx.state = { ...ctx.state, busy: true };
  setError(ctx, null);
  const priority: TicketPriority = ctx.state.priority ? 'priority' : 'regular';
  try {
    const ticket = await postTicket(office.id, { serviceId: service.id, priority, channel: 'kiosk', ...(phone ? { phone } : {}) });
    showTicket(ctx, ticket, service, false);
  } catch (err) {
    setError(ctx, errorCode(err));
    // A service that went inactive should disappear from the buttons; a quota reached shows 0 left.
    if (errorCode(err) === 'SERVICE_INACTIVE') void loadOffice(ctx);
    if (errorCode(err) === 'QUOTA_REACHED') void loadPlaces(ctx);
  } finally {
    ctx.state = { ...ctx.state, busy: false };
    ctx.render();
  }
}

/**
 * One key per tap: an answer lost on the way (the Wi-Fi blinked) is asked again with the same
 * key, and the server answers with the same ticket instead of printing a second one.
 */
async function postTicket(officeId: string, body: Record<string, string>): Promise<TicketView> {
  const key = randomId();
  const path = `/offices/${encodeURIComponent(officeId)}/tickets`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await apiJson<TicketView>(path, { method: 'POST', body, headers: { 'Idempotency-Key': key }, timeoutMs: 10_000 });
    } catch (err) {
      if (!isTransient(err) || attempt >= ISSUE_RETRY_DELAYS_MS.length) throw err;
      await new Promise((r) => window.setTimeout(r, ISSUE_RETRY_DELAYS_MS[attempt]));
    }
  }
}

function showTicket(ctx: KioskContext, ticket: TicketView, service: ServiceView, checkedIn: boolean): void {
  ctx.state = ticketShown(ctx.state, ticket, service, checkedIn);
  // A kiosk PC set up for silent printing (README "A kiosk PC") prints every ticket by itself,
  // once its QR code is drawn.
  if (ctx.state.office?.autoPrint)
    void ctx.qr.then(() => window.setTimeout(() => ctx.state.screen.kind === 'ticket' && window.print(), 300)).catch(() => window.print());
  window.clearInterval(ctx.timers.countdown);
  ctx.timers.countdown = window.setInterval(() => {
    const screen = ctx.state.screen;
    if (screen.kind !== 'ticket') return window.clearInterval(ctx.timers.countdown);
    const left = screen.secondsLeft - 1;
    ctx.state = countdownAt(ctx.state, left);
    if (left <= 0) backToStart(ctx);
    else paintCountdown(ctx.main, left);
  }, 1000);
}

async function openCheckIn(ctx: KioskContext): Promise<void> {
  const office = ctx.state.office;
  if (ctx.state.busy || !office) return;
  setError(ctx, null);
  let module: typeof import('../checkin');
  try {
    module = await ctx.checkin;
  } catch {
    // The chunk did not arrive (network hiccup): ask again on the next press.
    ctx.checkin = import('../checkin');
    ctx.checkin.catch(() => undefined);
    return setError(ctx, 'NETWORK_ERROR');
  }
  if (ctx.state.screen.kind !== 'start') return;
  const screen = module.createCheckIn({
    office,
    onTicket: (ticket) => {
      const service = office.services.find((s) => s.id === ticket.serviceId) ?? fallbackService(ticket.serviceId, office.id);
      showTicket(ctx, ticket, service, true);
      ctx.render();
    },
    onClose: () => backToStart(ctx),
  });
  ctx.state = { ...ctx.state, screen: { kind: 'checkin', screen } };
  ctx.render();
}
