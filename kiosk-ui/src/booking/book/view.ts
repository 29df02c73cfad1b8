import { h, mount } from '../../../../ui-shared/dom';
import { calendarLink, codeBlock, factsList, manageLinkBox, qrBlock } from '../card';
import { formatDay } from '../dates';
import { i18n, t } from '../i18n';
import { focusTitle, notice, renderHeader, stepBar, type Frame } from '../layout';
import type { AppointmentView } from '../types';
import { daysStep, officesStep, servicesStep, slotsStep } from './choose-view';
import { detailsStep } from './details-view';
import type { BookHandlers } from './handlers';
import { reachable, stepsOf, type BookState } from './state';

/** The whole page for the state: header, step bar and the step's own content. */
export function renderBooking(frame: Frame, painted: BookState, on: BookHandlers): void {
  // A choice taken back (a service switched off meanwhile) before the history has stepped back to
  // it: paint the step where it is made again, never a step whose data is gone.
  const state = { ...painted, step: reachable(painted, painted.step) };
  renderHeader(frame, state.office?.name ?? null);
  document.title = `${t('brandSub')} — Giliran`;
  frame.main.className = `book-main step-${state.step}`;
  if (state.step === 'done' && state.booking) return renderDone(frame.main, state, state.booking);
  if (state.step === 'done' && state.joined) return renderJoined(frame.main, state);
  const list = stepsOf(state);
  const index = list.indexOf(state.step);
  const bar = stepBar({ n: index + 1, total: list.length, onBack: index > 0 ? () => history.back() : null });
  const body = stepBody(frame.main, state, on);
  // A step painted again (its data arrived) must not drop the focus to the page: it goes back
  // to the step's title, where the screen reader was.
  const hadFocus = frame.main.contains(document.activeElement);
  mount(frame.main, bar, ...body);
  if (hadFocus && !frame.main.contains(document.activeElement)) focusTitle(frame.main);
}

function stepBody(main: HTMLElement, state: BookState, on: BookHandlers): (HTMLElement | null)[] {
  switch (state.step) {
    case 'office':
      return officesStep(state, on);
    case 'service':
      return servicesStep(state, on);
    case 'day':
      return daysStep(state, on);
    case 'slot':
      return slotsStep(state, on);
    case 'details':
      return detailsStep(main, state, on);
    default:
      return [];
  }
}

/** The last step of a waitlist: the citizen's place, what happens next, and their link. */
function renderJoined(main: HTMLElement, state: BookState): void {
  const joined = state.joined!;
  mount(
    main,
    h('section', { class: 'done-head' }, h('h1', { class: 'step-title', tabindex: '-1' }, t('waitlistJoined'))),
    h(
      'section',
      { class: 'card booking-card' },
      h(
        'p',
        { class: 'waitlist-place', 'data-testid': 'waitlist-position' },
        t('waitlistPlace', { n: joined.position, day: formatDay(state.date!, i18n.locale(), 'medium') }),
      ),
      h('p', {}, t('waitlistJoinedHint')),
      h('p', { class: 'muted small' }, t('waitlistExpires')),
    ),
    manageLinkBox(joined.manageToken, 'waitlistLinkHint'),
  );
}

function renderDone(main: HTMLElement, state: BookState, booking: AppointmentView): void {
  const office = state.office!;
  const service = office.services.find((s) => s.id === booking.serviceId) ?? state.service ?? undefined;
  mount(
    main,
    h(
      'section',
      { class: 'done-head' },
      h('span', { class: 'done-icon', 'aria-hidden': 'true' }, '✓'),
      h('h1', { class: 'step-title', tabindex: '-1' }, t('booked')),
    ),
    notice(state.notice, 'info'),
    h(
      'section',
      { class: 'card booking-card' },
      codeBlock(booking.code),
      qrBlock(booking.code),
      h('p', { class: 'muted center small' }, t('bookedHint')),
      factsList(booking, office, service),
    ),
    booking.manageToken ? calendarLink(booking.manageToken, booking.code) : null,
    booking.manageToken ? manageLinkBox(booking.manageToken) : null,
    h('a', { class: 'btn btn-secondary btn-block', href: `/book?office=${encodeURIComponent(office.id)}` }, t('bookAnother')),
  );
}
