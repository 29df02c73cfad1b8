import type { OfficeDetail } from '@giliran/contracts';
import { errorCode } from '../../../ui-shared/api';
import { openDialog } from '../../../ui-shared/dialog';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { calendarLink, checkInOpen, codeBlock, factsList, qrBlock } from './card';
import { addDays, formatDay, formatRange, todayIn } from './dates';
import { availableDays, request } from './http';
import { errorText, i18n, t, type Key } from './i18n';
import { createFrame, focusTitle, notice, renderHeader, stepBar, stepTitle, type Text } from './layout';
import { dayList, slotGrid } from './pickers';
import type { AppointmentView, DayView, SlotView } from './types';

type Mode = 'view' | 'day' | 'slot' | 'confirm';
const MODES: Mode[] = ['view', 'day', 'slot', 'confirm'];

interface State {
  view: 'loading' | 'notFound' | 'failed' | 'ready';
  appointment: AppointmentView | null;
  office: OfficeDetail | null;
  mode: Mode;
  days: DayView[] | null;
  daysFailed: boolean;
  date: string | null;
  slot: SlotView | null;
  notice: { text: Text; kind: 'error' | 'ok' | 'info' } | null;
  busy: boolean;
}

/**
 * `/manage/<manageToken>`: the citizen's own booking. Opening it only reads (GET); changes
 * happen on a button and, for cancelling, after a confirmation.
 */
export function startManage(root: HTMLElement, token: string | null): void {
  const frame = createFrame(root);
  const state: State = {
    view: token ? 'loading' : 'notFound',
    appointment: null,
    office: null,
    mode: 'view',
    days: null,
    daysFailed: false,
    date: null,
    slot: null,
    notice: null,
    busy: false,
  };
  const path = `/appointments/${encodeURIComponent(token ?? '')}`;

  async function load() {
    state.view = state.appointment ? 'ready' : 'loading';
    render();
    try {
      const appointment = await request<AppointmentView>(path);
      const office =
        state.office?.id === appointment.officeId ? state.office : await request<OfficeDetail>(`/offices/${encodeURIComponent(appointment.officeId)}`);
      state.appointment = appointment;
      state.office = office;
      state.view = 'ready';
    } catch (err) {
      const code = errorCode(err);
      if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') state.view = 'notFound';
      else if (!state.appointment) state.view = 'failed';
    }
    render();
  }

  // ---- moving between the page and the reschedule steps, one history entry each ----

  const go = (mode: Mode) => {
    state.mode = mode;
    history.pushState({ manage: mode }, '');
    render();
    focusTitle(frame.main);
  };
  let pendingNotice: State['notice'] = null;
  const backTo = (mode: Mode, message: State['notice']) => {
    const delta = MODES.indexOf(mode) - MODES.indexOf(state.mode);
    if (delta < 0) {
      pendingNotice = message;
      history.go(delta);
    } else {
      state.mode = mode;
      state.notice = message;
      render();
    }
  };
  window.addEventListener('popstate', (event) => {
    let mode = (event.state as { manage?: Mode } | null)?.manage ?? 'view';
    if (state.appointment?.status !== 'booked') mode = 'view';
    if (mode === 'slot' && !state.date) mode = 'day';
    if (mode === 'confirm' && !state.slot) mode = state.date ? 'slot' : 'day';
    state.mode = mode;
    state.notice = pendingNotice;
    pendingNotice = null;
    if (mode === 'day' && !state.days) void loadDays();
    render();
    focusTitle(frame.main);
  });

  async function fetchDays(from: string, to: string): Promise<DayView[]> {
    const a = state.appointment!;
    return availableDays(a.officeId, a.serviceId, from, to);
  }

  async function loadDays() {
    const office = state.office!;
    const service = office.services.find((s) => s.id === state.appointment!.serviceId);
    const today = todayIn(office.timezone);
    state.daysFailed = false;
    try {
      state.days = await fetchDays(today, addDays(today, Math.max(0, service?.bookingWindowDays ?? 14)));
    } catch {
      state.daysFailed = true;
    }
    render();
  }

  async function refreshDay(date: string) {
    try {
      const [fresh] = await fetchDays(date, date);
      if (fresh && state.days) state.days = state.days.map((d) => (d.date === date ? fresh : d));
    } catch {
      // Keep the list; the server refuses a full slot anyway.
    }
  }

  function startReschedule() {
    state.notice = null;
    state.days = null;
    state.date = null;
    state.slot = null;
    void loadDays();
    go('day');
  }

  async function reschedule() {
    const slot = state.slot;
    if (!slot || state.busy) return;
    state.busy = true;
    render();
    try {
      state.appointment = await request<AppointmentView>(`${path}/reschedule`, { method: 'POST', body: { start: slot.start } });
      state.busy = false;
      state.days = null;
      backTo('view', { text: () => t('rescheduled'), kind: 'ok' });
      return;
    } catch (err) {
      state.busy = false;
      const code = errorCode(err);
      if (code === 'NETWORK_ERROR') {
        // The answer may have been lost after the move was made: look before saying it failed.
        await load();
        if (state.appointment?.start === slot.start) return backTo('view', { text: () => t('rescheduled'), kind: 'ok' });
      }
      switch (code) {
        case 'SLOT_FULL':
        case 'SLOT_UNAVAILABLE':
        case 'VALIDATION_FAILED':
          if (state.date) await refreshDay(state.date);
          state.slot = null;
          return backTo('slot', { text: () => errorText(code, 'reschedule'), kind: 'error' });
        case 'DAILY_QUOTA_REACHED':
          state.slot = null;
          void loadDays();
          return backTo('day', { text: () => errorText(code), kind: 'error' });
        case 'INVALID_TRANSITION':
        case 'NOT_FOUND':
          await load();
          return backTo('view', { text: () => errorText(code), kind: 'error' });
        default:
          state.notice = { text: () => errorText(code), kind: 'error' };
          render();
      }
    }
  }

  function confirmCancel() {
    const a = state.appointment!;
    const office = state.office!;
    const when = `${formatDay(a.businessDate, i18n.locale())}, ${formatRange(a.start, a.end, office.timezone, i18n.locale())}`;
    openDialog({
      title: t('cancelTitle'),
      content: [h('p', {}, t('cancelText', { when }))],
      submitLabel: t('cancelYes'),
      cancelLabel: t('cancelNo'),
      danger: true,
      testId: 'cancel-dialog',
      submitTestId: 'confirm-cancel',
      onSubmit: async (dialog) => {
        try {
          state.appointment = await request<AppointmentView>(`${path}/cancel`, { method: 'POST' });
          // The page's own line for a cancelled booking says what happened.
          state.notice = null;
          render();
          return true;
        } catch (err) {
          const code = errorCode(err);
          if (code === 'NETWORK_ERROR' || code === 'INVALID_TRANSITION') {
            await load();
            if (state.appointment?.status === 'cancelled') {
              state.notice = null;
              render();
              return true;
            }
          }
          dialog.setError(errorText(code));
          return false;
        }
      },
    });
  }

  // ---- rendering ----

  function render() {
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
          h('button', { type: 'button', class: 'btn btn-block', onclick: () => void load() }, t('retry')),
        );
      case 'ready':
        if (state.mode === 'view' || state.appointment!.status !== 'booked') return renderView();
        return renderReschedule();
    }
  }

  function renderView() {
    const a = state.appointment!;
    const office = state.office!;
    const service = office.services.find((s) => s.id === a.serviceId);
    const citizen = a.citizen;
    const statusText: Partial<Record<AppointmentView['status'], Key>> = { cancelled: 'cancelledText', checked_in: 'checkedInText', no_show: 'noShowText' };
    const booked = a.status === 'booked';
    const row = (label: string, value: string | null | undefined, testId?: string) =>
      value ? h('div', { class: 'fact' }, h('dt', {}, label), h('dd', { 'data-testid': testId ?? null }, value)) : null;
    mount(
      frame.main,
      h(
        'div',
        { class: 'manage-head' },
        ...stepTitle(t('yourBooking')),
        h('p', { class: `status-pill status-${a.status}`, 'data-testid': 'manage-status', 'data-status': a.status }, t(`status.${a.status}` as Key)),
      ),
      state.notice ? notice(state.notice.text, state.notice.kind) : null,
      statusText[a.status] ? h('p', { class: 'notice notice-info' }, t(statusText[a.status]!)) : null,
      booked && checkInOpen(a) ? h('p', { class: 'notice notice-ok' }, t('checkInOpenNow')) : null,
      h(
        'section',
        { class: `card booking-card${booked ? '' : ' inactive'}` },
        booked ? codeBlock(a.code) : null,
        booked ? qrBlock(a.code) : null,
        factsList(a, office, service, booked),
        citizen
          ? h(
              'dl',
              { class: 'facts citizen' },
              row(t('citizen'), citizen.name, 'citizen-name'),
              row(t('nikMasked'), citizen.nik, 'citizen-nik'),
              row(t('phoneShort'), citizen.phone),
              row(t('emailShort'), citizen.email),
            )
          : null,
      ),
      booked
        ? h(
            'div',
            { class: 'manage-actions-main' },
            h('button', { type: 'button', class: 'btn btn-block', 'data-testid': 'reschedule', onclick: startReschedule }, t('reschedule')),
            token ? calendarLink(token, a.code) : null,
            h('button', { type: 'button', class: 'btn btn-block btn-danger-outline', 'data-testid': 'cancel', onclick: confirmCancel }, t('cancel')),
          )
        : h('a', { class: 'btn btn-block', href: `/book?office=${encodeURIComponent(office.id)}`, 'data-testid': 'book-again' }, t('bookAgain')),
    );
  }

  function renderReschedule() {
    const a = state.appointment!;
    const office = state.office!;
    const locale = i18n.locale();
    const index = MODES.indexOf(state.mode);
    const bar = stepBar({ n: index, total: 3, onBack: () => history.back() });
    const current = h(
      'p',
      { class: 'current-slot' },
      h('span', { class: 'muted' }, `${t('rescheduleFrom')}: `),
      `${formatDay(a.businessDate, locale)}, ${formatRange(a.start, a.end, office.timezone, locale)}`,
    );
    const message = state.notice ? notice(state.notice.text, state.notice.kind) : null;
    if (state.mode === 'day') {
      return mount(
        frame.main,
        bar,
        ...stepTitle(t('rescheduleTitle'), t('rescheduleKeep')),
        current,
        message,
        state.daysFailed && !state.days
          ? h('button', { type: 'button', class: 'btn btn-block', onclick: () => void loadDays() }, t('retry'))
          : dayList({
              days: state.days,
              today: todayIn(office.timezone),
              selected: state.date,
              onPick: (d) => {
                state.date = d.date;
                state.slot = null;
                state.notice = null;
                go('slot');
              },
            }),
      );
    }
    if (state.mode === 'slot') {
      const d = state.days?.find((x) => x.date === state.date);
      const free = d?.slots.some((s) => s.remaining > 0 && s.start !== a.start);
      return mount(
        frame.main,
        bar,
        ...stepTitle(t('pickSlot'), d ? formatDay(d.date, locale) : null),
        current,
        message,
        h('p', { class: 'hint muted' }, t('pickSlotHint', { zone: zoneLabel(office.timezone) })),
        d && free
          ? slotGrid({
              day: d,
              timeZone: office.timezone,
              current: a.start,
              onPick: (slot) => {
                state.slot = slot;
                state.notice = null;
                go('confirm');
              },
            })
          : h('p', { class: 'empty' }, t('noSlots')),
      );
    }
    const slot = state.slot!;
    return mount(
      frame.main,
      bar,
      ...stepTitle(t('rescheduleConfirm')),
      h(
        'dl',
        { class: 'card facts move' },
        h(
          'div',
          { class: 'fact' },
          h('dt', {}, t('rescheduleFrom')),
          h('dd', { class: 'old' }, `${formatDay(a.businessDate, locale)}, ${formatRange(a.start, a.end, office.timezone, locale)}`),
        ),
        h(
          'div',
          { class: 'fact' },
          h('dt', {}, t('rescheduleTo')),
          h('dd', { class: 'new' }, `${formatDay(state.date!, locale)}, ${formatRange(slot.start, slot.end, office.timezone, locale)}`),
        ),
      ),
      message,
      h(
        'button',
        { type: 'button', class: 'btn btn-block btn-primary-big', 'data-testid': 'confirm-reschedule', disabled: state.busy, onclick: () => void reschedule() },
        state.busy ? t('submitting') : t('rescheduleYes'),
      ),
      h('p', { class: 'muted small center' }, t('rescheduleKeep')),
    );
  }

  // Each step starts at its top; the browser's own restoring would land mid-list after a back.
  history.scrollRestoration = 'manual';
  history.replaceState({ manage: 'view' }, '');
  i18n.onChange(render);
  render();
  if (token) void load();
}
