import { formatTime, h, mount, zoneLabel } from '../../../ui-shared/dom';
import { langToggle } from '../../../ui-shared/i18n';
import { renderOfficePicker } from '../../../ui-shared/office';
import { i18n, t } from '../i18n';
import { renderTicket } from '../ticket';
import type { KioskHandlers } from './handlers';
import { renderPhone } from './phone-view';
import { renderStart } from './start-view';
import type { KioskState } from './state';

export interface KioskFrame {
  header: HTMLElement;
  main: HTMLElement;
}

export function renderKiosk(frame: KioskFrame, state: KioskState, qr: Promise<typeof import('../qr')>, on: KioskHandlers): void {
  renderHeader(frame.header, state);
  const { main } = frame;
  const screen = state.screen;
  main.className = `kiosk-main screen-${screen.kind}`;
  switch (screen.kind) {
    case 'loading':
      return mount(main, h('p', { class: 'muted center' }, t('loading')));
    case 'failed':
      return mount(
        main,
        h('p', { class: 'error center', role: 'alert' }, t('loadFailed')),
        h('button', { type: 'button', class: 'btn', onclick: on.retry }, t('retry')),
      );
    case 'picker':
      return void renderOfficePicker(
        main,
        { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
        on.pickOffice,
      );
    case 'start':
      return state.office ? renderStart(main, state, state.office, on) : undefined;
    case 'checkin':
      return screen.screen.render(main);
    case 'phone':
      return renderPhone(main, screen.service, screen.invalid, on);
    case 'ticket':
      return mount(
        main,
        renderTicket({
          ticket: screen.ticket,
          service: screen.service,
          office: state.office!,
          qr,
          secondsLeft: screen.secondsLeft,
          badge: screen.checkedIn ? t('bookingBadge') : null,
          onPrint: () => window.print(),
          onDone: on.backToStart,
        }),
      );
  }
}

function renderHeader(header: HTMLElement, state: KioskState): void {
  const office = state.office;
  mount(
    header,
    h('div', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, office?.name ?? t('appTitle'))),
    office ? h('span', { class: 'clock num', 'data-clock': true }, clockText(office.timezone)) : null,
    langToggle(i18n),
  );
}

export function clockText(timeZone: string): string {
  return `${formatTime(new Date(), timeZone, i18n.locale())} ${zoneLabel(timeZone)}`;
}

/** The ticket screen's "back in n seconds", without painting the ticket again. */
export function paintCountdown(main: HTMLElement, seconds: number): void {
  const el = main.querySelector('[data-countdown]');
  if (el) el.textContent = t('backIn', { n: seconds });
}
