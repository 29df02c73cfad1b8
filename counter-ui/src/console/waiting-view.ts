// The console's side panel: the waiting list (the counter's call order, then every service) and
// the officer's own figures for the day.
import type { MyDay, StaffTicketView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { formatDuration, formatWaited } from '../format';
import { t, type Key } from '../i18n';
import { canCall, waitingGroups, type ConsoleState, type ServiceHead } from './state';

const ROWS_PER_SERVICE = 8;
const LONG_WAIT_MINUTES = 30;

export interface WaitingHandlers {
  callSpecific(ticket: StaffTicketView): void;
  toggleService(serviceId: string): void;
}

interface WaitingPanel {
  waitingTotal: HTMLElement;
  waitingList: HTMLElement;
}

/** What one service's group needs besides its tickets. */
interface GroupContext {
  state: ConsoleState;
  now: number;
  callable: boolean;
  handlers: WaitingHandlers;
}

function nextUp(order: StaffTicketView[]): HTMLElement | null {
  if (!order.length) return null;
  return h(
    'section',
    { class: 'next-up', 'data-testid': 'next-up', 'aria-labelledby': 'next-up-title' },
    h('h3', { class: 'next-up-title', id: 'next-up-title' }, t('nextUp')),
    h(
      'ol',
      { class: 'next-up-list' },
      ...order.map((tk) =>
        h(
          'li',
          { 'data-testid': `next-${tk.number}` },
          h('span', { class: 'ticket-no num' }, tk.number),
          tk.priority === 'priority' ? h('span', { class: 'badge badge-priority' }, t('priority')) : null,
          tk.appointment ? h('span', { class: 'badge badge-appointment' }, t('appointmentMark')) : null,
          tk.longWait ? h('span', { class: 'badge badge-long' }, t('longWaitMark')) : null,
        ),
      ),
    ),
  );
}

function ticketRow(tk: StaffTicketView, isMine: boolean, group: GroupContext): HTMLElement {
  const minutes = Math.max(0, (group.now - Date.parse(tk.issuedAt)) / 60_000);
  return h(
    'li',
    { class: `ticket-row${tk.priority === 'priority' ? ' is-priority' : ''}`, 'data-testid': `waiting-${tk.number}` },
    h('span', { class: 'ticket-no num' }, tk.number),
    tk.priority === 'priority' ? h('span', { class: 'badge badge-priority', title: t('priorityHint') }, t('priority')) : null,
    tk.appointment
      ? h('span', { class: 'badge badge-appointment', 'data-testid': 'mark-appointment', title: t('appointmentHint') }, t('appointmentMark'))
      : null,
    tk.longWait ? h('span', { class: 'badge badge-long', 'data-testid': 'mark-long-wait', title: t('longWaitHint') }, t('longWaitMark')) : null,
    tk.channel && tk.channel !== 'kiosk' ? h('span', { class: 'badge' }, t(`channel.${tk.channel}` as Key)) : null,
    h(
      'span',
      { class: `ticket-wait num${minutes >= LONG_WAIT_MINUTES ? ' is-long' : ''}`, 'data-testid': 'waited', title: t('waitedTitle') },
      formatWaited(minutes),
    ),
    isMine
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary btn-row',
            'data-testid': `call-specific-${tk.number}`,
            disabled: !group.callable,
            title: t('callThisTitle'),
            onclick: () => group.handlers.callSpecific(tk),
          },
          t('callThis'),
        )
      : null,
  );
}

function serviceGroup(s: ServiceHead, tickets: StaffTicketView[], isMine: boolean, group: GroupContext): HTMLElement {
  const count = group.state.board?.services.find((x) => x.serviceId === s.serviceId);
  const n = count?.waiting ?? tickets.length;
  const showAll = group.state.expanded.has(s.serviceId);
  const shown = showAll ? tickets : tickets.slice(0, ROWS_PER_SERVICE);
  return h(
    'section',
    {
      class: `svc-group${isMine ? ' mine' : ''}`,
      'data-testid': `waiting-${s.serviceId}`,
      'aria-label': `${s.prefix} ${s.name}`,
    },
    h(
      'header',
      { class: 'svc' },
      h('span', { class: 'svc-prefix' }, s.prefix),
      h('span', { class: 'svc-name' }, s.name, isMine ? null : h('span', { class: 'svc-note muted' }, t('notMine'))),
      h('span', { class: 'svc-count num' }, t('waiting', { n })),
      h('span', { class: 'svc-eta num muted' }, n > 0 && count?.estimatedWaitMinutes != null ? t('estimate', { n: count.estimatedWaitMinutes }) : ''),
    ),
    shown.length ? h('ol', { class: 'tickets' }, ...shown.map((tk) => ticketRow(tk, isMine, group))) : null,
    tickets.length > ROWS_PER_SERVICE
      ? h(
          'button',
          { type: 'button', class: 'link-button', onclick: () => group.handlers.toggleService(s.serviceId) },
          showAll ? t('showFewer') : t('showAll', { n: tickets.length }),
        )
      : null,
  );
}

export function paintWaiting(els: WaitingPanel, state: ConsoleState, now: number, handlers: WaitingHandlers): void {
  const { board, waiting } = state;
  const { services, byService, mine, total, order } = waitingGroups(state);
  els.waitingTotal.textContent = board || waiting ? t('waiting', { n: total }) : '';
  if (services.length === 0) {
    return mount(els.waitingList, h('p', { class: 'muted empty' }, board || waiting ? t('noServices') : t('loading')));
  }
  const group: GroupContext = { state, now, callable: canCall(state), handlers };
  mount(
    els.waitingList,
    state.waitingFailed ? h('p', { class: 'error small' }, t('waitingFailed')) : null,
    nextUp(order),
    // In the server's order: the order each service's tickets are called in (appointments and
    // long waits included), not the order of arrival.
    ...services.map((s) => serviceGroup(s, byService.get(s.serviceId) ?? [], mine.includes(s.serviceId), group)),
  );
}

export function paintMyDay(els: { myDayTitle: HTMLElement; myDayBody: HTMLElement }, d: MyDay | null): void {
  els.myDayTitle.textContent = t('myDay');
  const item = (key: Key, value: string, id: string) =>
    h('div', { class: 'fig' }, h('dt', {}, t(key)), h('dd', { class: 'num', 'data-testid': `my-day-${id}` }, value));
  mount(
    els.myDayBody,
    item('fig.called', d ? String(d.called) : '—', 'called'),
    item('fig.served', d ? String(d.served) : '—', 'served'),
    item('fig.noShow', d ? String(d.noShow) : '—', 'no-show'),
    item('fig.transferred', d ? String(d.transferred) : '—', 'transferred'),
    item('fig.avgService', d ? formatDuration(d.avgServiceSeconds) : '—', 'avg-service'),
  );
}
