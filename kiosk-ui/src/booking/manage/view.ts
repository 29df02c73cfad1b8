import { h, mount } from '../../../../ui-shared/dom';
import { calendarLink, checkInOpen, codeBlock, factsList, qrBlock } from '../card';
import { t, type Key } from '../i18n';
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
    case 'ready':
      if (state.mode === 'view' || state.appointment!.status !== 'booked') return renderView(frame.main, state, token, on);
      return renderReschedule(frame.main, state, on);
  }
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
