import { h, mount } from '../../../../ui-shared/dom';
import { calendarLink, checkInOpen, codeBlock, factsList, qrBlock } from '../card';
import { formatDay } from '../dates';
import { i18n, t, type Key } from '../i18n';
import { notice, renderHeader, stepTitle, type Frame } from '../layout';
import type { AppointmentView } from '../types';
import type { ManageHandlers } from './handlers';
import { renderReschedule } from './reschedule-view';
import type { ManageState } from './state';

export function renderManage(frame: Frame, state: ManageState, token: string | null, on: ManageHandlers): void {
  renderHeader(frame, state.office?.name ?? null);
  document.title = `${t('yourBooking')} — Giliran`;
  frame.main.className = `book-main manage mode-${state.mode}`;
  switch (state.view) {
    case 'loading':
      return mount(frame.main, ...stepTitle(t('yourBooking')), h('div', { class: 'card skeleton-card', 'aria-busy': 'true' }));
    case 'notFound':
      return mount(
        frame.main,
        ...stepTitle(t('yourBooking')),
        h('p', { class: 'notice notice-error', role: 'alert', 'data-testid': 'not-found' }, t('notFound')),
        h('a', { class: 'btn btn-block', href: '/book' }, t('bookAgain')),
      );
    case 'failed':
      return mount(
        frame.main,
        ...stepTitle(t('yourBooking')),
        h('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed')),
        h('button', { type: 'button', class: 'btn btn-block', onclick: on.retry }, t('retry')),
      );
    case 'waitlist':
      return renderEntry(frame.main, state, on);
    case 'ready':
      if (state.mode === 'view' || state.appointment!.status !== 'booked') return renderView(frame.main, state, token, on);
      return renderReschedule(frame.main, state, on);
  }
}

/** A waitlist entry's link: its place while it waits, its booking once it has one. */
function renderEntry(main: HTMLElement, state: ManageState, on: ManageHandlers): void {
  const entry = state.entry!;
  const day = formatDay(entry.date, i18n.locale(), 'medium');
  const status = (text: string) => h('p', { class: 'waitlist-place', 'data-testid': 'waitlist-status' }, text);
  mount(
    main,
    ...stepTitle(t('waitlistTitle')),
    notice(state.notice?.text ?? null, state.notice?.kind === 'error' ? 'error' : 'info'),
    h(
      'section',
      { class: 'card booking-card' },
      status(
        entry.status === 'waiting'
          ? t('waitlistPlace', { n: entry.position, day })
          : entry.status === 'booked'
            ? t('waitlistBooked', { day })
            : entry.status === 'cancelled'
              ? t('waitlistLeft')
              : t('waitlistEnded', { day }),
      ),
      entry.status === 'waiting' ? h('p', {}, t('waitlistJoinedHint')) : null,
      entry.status === 'waiting' ? h('p', { class: 'muted small' }, t('waitlistExpires')) : null,
    ),
    entry.appointment
      ? h(
          'a',
          { class: 'btn btn-block', 'data-testid': 'waitlist-booking', href: `/manage/${encodeURIComponent(entry.appointment.manageToken)}` },
          t('waitlistSeeBooking'),
        )
      : null,
    entry.status === 'waiting'
      ? h(
          'button',
          { type: 'button', class: 'btn btn-secondary btn-block', 'data-testid': 'waitlist-leave', disabled: state.busy, onclick: on.leaveWaitlist },
          t('waitlistLeave'),
        )
      : null,
  );
}

const STATUS_TEXT: Partial<Record<AppointmentView['status'], Key>> = { cancelled: 'cancelledText', checked_in: 'checkedInText', no_show: 'noShowText' };

function renderView(main: HTMLElement, state: ManageState, token: string | null, on: ManageHandlers): void {
  const a = state.appointment!;
  const office = state.office!;
  const service = office.services.find((s) => s.id === a.serviceId);
  const booked = a.status === 'booked';
  mount(
    main,
    h(
      'div',
      { class: 'manage-head' },
      ...stepTitle(t('yourBooking')),
      h('p', { class: `status-pill status-${a.status}`, 'data-testid': 'manage-status', 'data-status': a.status }, t(`status.${a.status}` as Key)),
    ),
    state.notice ? notice(state.notice.text, state.notice.kind) : null,
    STATUS_TEXT[a.status] ? h('p', { class: 'notice notice-info' }, t(STATUS_TEXT[a.status]!)) : null,
    booked && checkInOpen(a) ? h('p', { class: 'notice notice-ok' }, t('checkInOpenNow')) : null,
    h(
      'section',
      { class: `card booking-card${booked ? '' : ' inactive'}` },
      booked ? codeBlock(a.code) : null,
      booked ? qrBlock(a.code) : null,
      factsList(a, office, service, booked),
      citizenFacts(a.citizen),
    ),
    booked
      ? h(
          'div',
          { class: 'manage-actions-main' },
          h('button', { type: 'button', class: 'btn btn-block', 'data-testid': 'reschedule', onclick: on.startReschedule }, t('reschedule')),
          token ? calendarLink(token, a.code) : null,
          h('button', { type: 'button', class: 'btn btn-block btn-danger-outline', 'data-testid': 'cancel', onclick: on.cancel }, t('cancel')),
        )
      : h('a', { class: 'btn btn-block', href: `/book?office=${encodeURIComponent(office.id)}`, 'data-testid': 'book-again' }, t('bookAgain')),
  );
}

function citizenFacts(citizen: AppointmentView['citizen']): HTMLElement | null {
  if (!citizen) return null;
  const row = (label: string, value: string | null | undefined, testId?: string) =>
    value ? h('div', { class: 'fact' }, h('dt', {}, label), h('dd', { 'data-testid': testId ?? null }, value)) : null;
  return h(
    'dl',
    { class: 'facts citizen' },
    row(t('citizen'), citizen.name, 'citizen-name'),
    row(t('nikMasked'), citizen.nik, 'citizen-nik'),
    row(t('phoneShort'), citizen.phone),
    row(t('emailShort'), citizen.email),
  );
}
