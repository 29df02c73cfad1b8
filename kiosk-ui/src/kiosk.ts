import { h, mount } from '../../ui-shared/dom';
import { officeFromUrl } from '../../ui-shared/office';
import { i18n } from './i18n';
import { kioskHandlers, loadOffice, loadPlaces, OFFICE_KEY, REFRESH_OFFICE_MS, REFRESH_PLACES_MS, type KioskContext } from './kiosk/actions';
import { countdownAt, initialState } from './kiosk/state';
import { clockText, renderKiosk } from './kiosk/view';

/** `/kiosk`: the walk-in kiosk on a fixed device: take a number, or check in a booking. */
export function startKiosk(root: HTMLElement): void {
  const header = h('header', { class: 'bar no-print' });
  const main = h('main', { class: 'kiosk-main' });
  mount(root, header, main);

  const ctx: KioskContext = {
    state: initialState(officeFromUrl(OFFICE_KEY)),
    main,
    render: () => renderKiosk({ header, main }, ctx.state, ctx.qr, handlers),
    // Load the QR renderer and the check-in screen while the citizen is still choosing, so they show at once.
    qr: import('./qr'),
    checkin: import('./checkin'),
    timers: {},
  };
  ctx.qr.catch(() => undefined);
  ctx.checkin.catch(() => undefined);
  const handlers = kioskHandlers(ctx);

  i18n.onChange(() => ctx.render());
  ctx.render();
  void loadOffice(ctx);
  window.setInterval(() => {
    const clock = header.querySelector('[data-clock]');
    if (clock && ctx.state.office) clock.textContent = clockText(ctx.state.office.timezone);
  }, 1000);
  // Pick up services switched on or off by a supervisor without restarting the kiosk.
  window.setInterval(() => ctx.state.officeId && ctx.state.screen.kind === 'start' && void loadOffice(ctx), REFRESH_OFFICE_MS);
  window.setInterval(() => ctx.state.screen.kind === 'start' && void loadPlaces(ctx), REFRESH_PLACES_MS);
  // Also offer a clean start after printing: the next citizen should not see the last ticket.
  window.addEventListener('afterprint', () => {
    if (ctx.state.screen.kind === 'ticket' && ctx.state.screen.secondsLeft > 5) ctx.state = countdownAt(ctx.state, 5);
  });
}
