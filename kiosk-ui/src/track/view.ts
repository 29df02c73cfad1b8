import type { TrackingView } from '@giliran/contracts';
import { formatTime, h, mount } from '../../../ui-shared/dom';
import { langToggle } from '../../../ui-shared/i18n';
import { i18n, t, type Key } from '../i18n';
import type { TrackState } from './state';

/** What the page's buttons do (see actions.ts). */
export interface TrackHandlers {
  retry(): void;
  /** Notifications are allowed: the ticket subscribes to Web Push too. */
  pushOnce(): void;
  askNotify(): void;
  /** The survey of a finished visit: one element, kept across repaints. */
  survey(): HTMLElement;
}

export interface TrackFrame {
  banner: HTMLElement;
  header: HTMLElement;
  main: HTMLElement;
}

export function renderTracking(frame: TrackFrame, state: TrackState, on: TrackHandlers): void {
  const { view, online } = state;
  frame.banner.textContent = t('offline');
  frame.banner.hidden = online;
  mount(
    frame.header,
    h(
      'div',
      { class: 'bar-title' },
      h('span', { class: 'brand' }, 'Giliran'),
      h('span', { class: 'office-name' }, view.kind === 'ticket' ? view.ticket.officeName : t('trackTitle')),
    ),
    langToggle(i18n),
  );
  switch (view.kind) {
    case 'loading':
      document.title = `Giliran — ${t('trackTitle')}`;
      return mount(frame.main, h('p', { class: 'muted center' }, t('loading')));
    case 'notFound':
      return mount(frame.main, h('p', { class: 'error center', role: 'alert' }, t('trackNotFound')));
    case 'failed':
      return mount(
        frame.main,
        h('p', { class: 'error center', role: 'alert' }, t('loadFailed')),
        h('button', { type: 'button', class: 'btn', onclick: on.retry }, t('retry')),
      );
    case 'ticket':
      return renderTicket(frame.main, state, view.ticket, on);
  }
}

function renderTicket(main: HTMLElement, state: TrackState, ticket: TrackingView, on: TrackHandlers): void {
  const counter = ticket.counterName ?? '';
  document.title = ticket.status === 'called' ? `🔔 ${ticket.number} → ${counter}` : `${ticket.number} — Giliran`;
  mount(
    main,
    h('p', { class: 'ticket-label' }, t('yourNumber')),
    h('p', { class: 'track-number num', 'data-testid': 'ticket-number', style: `--len: ${ticket.number.length}` }, ticket.number),
    h('p', { class: 'ticket-service' }, ticket.serviceName),
    h('p', { class: `status-pill status-${ticket.status}`, 'data-testid': 'status' }, t(`status.${ticket.status}` as Key)),
    detail(state, ticket, counter),
    ticket.status === 'done' ? on.survey() : null,
    ticket.status === 'waiting' ? notifyControl(on) : null,
    h('p', { class: 'muted small center' }, state.online ? t('live') : t('offline')),
  );
}

/** What the status means for the citizen: the place in the queue, or where to go. */
function detail(state: TrackState, ticket: TrackingView, counter: string): HTMLElement {
  switch (ticket.status) {
    case 'waiting':
      return h(
        'div',
        { class: 'track-card' },
        state.near
          ? h(
              'div',
              { class: 'track-near', role: 'alert', 'data-testid': 'near' },
              h('p', { class: 'track-near-title' }, t('nearTitle')),
              h('p', {}, nearText(ticket.position || state.near.position)),
            )
          : null,
        h('p', { class: 'track-position', 'data-testid': 'position' }, ticket.position <= 1 ? t('positionNext') : t('position', { n: ticket.position })),
        h('p', { class: 'track-wait', 'data-testid': 'wait' }, waitText(ticket)),
      );
    case 'called':
      return h(
        'div',
        { class: 'track-card called', role: 'alert' },
        h('p', { class: 'track-turn' }, t('yourTurnTitle')),
        h('p', { class: 'track-goto', 'data-testid': 'go-to' }, t('goTo'), ' ', h('strong', { class: 'track-counter' }, counter)),
      );
    case 'serving':
      return h('div', { class: 'track-card' }, h('p', { class: 'track-position' }, t('servingAt', { counter })));
    case 'done':
      return h('div', { class: 'track-card' }, h('p', { class: 'track-position' }, t('doneText')));
    case 'no_show':
      return h('div', { class: 'track-card warn' }, h('p', {}, t('noShowText')));
    case 'cancelled':
      return h('div', { class: 'track-card warn' }, h('p', {}, t('cancelledText')));
  }
}

/** Asks once for notifications, from a tap (browsers refuse a request without one). */
function notifyControl(on: TrackHandlers): HTMLElement | null {
  if (!('Notification' in window) || Notification.permission === 'denied') return null;
  if (Notification.permission === 'granted') {
    // Allowed before (another ticket, another day): this ticket subscribes too, without asking.
    on.pushOnce();
    return h('p', { class: 'muted small center', 'data-testid': 'notify-on' }, t('notifyOn'));
  }
  return h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'notify-me', onclick: on.askNotify }, t('notifyMe'));
}

/** What the citizen is told of the wait: nothing promised while no counter is open (API.md v1.1). */
function waitText(ticket: TrackingView): string {
  if (ticket.estimatedWaitMinutes === null) {
    if (!ticket.nextOpening) return t('waitClosed');
    return t('waitClosedUntil', { time: formatTime(ticket.nextOpening, Intl.DateTimeFormat().resolvedOptions().timeZone, i18n.locale()) });
  }
  return ticket.estimatedWaitMinutes > 0 ? t('wait', { n: ticket.estimatedWaitMinutes }) : t('waitNone');
}

export function nearText(position: number): string {
  return position <= 1 ? t('nearTextNext') : t('nearText', { n: position - 1 });
}
