import { h, mount, zoneLabel } from '../../../../ui-shared/dom';
import { formatDay, formatRange, todayIn } from '../dates';
import { i18n, t } from '../i18n';
import { notice, stepBar, stepTitle } from '../layout';
import { dayList, slotGrid } from '../pickers';
import { MODES, type ManageState } from './state';
import type { ManageHandlers } from './handlers';

// The reschedule steps: a day, a slot on it, then the move confirmed.

export function renderReschedule(main: HTMLElement, state: ManageState, on: ManageHandlers): void {
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
      main,
      bar,
      ...stepTitle(t('rescheduleTitle'), t('rescheduleKeep')),
      current,
      message,
      state.daysFailed && !state.days
        ? h('button', { type: 'button', class: 'btn btn-block', onclick: on.retryDays }, t('retry'))
        : dayList({ days: state.days, today: todayIn(office.timezone), timeZone: office.timezone, selected: state.date, onPick: on.pickDay }),
    );
  }
  if (state.mode === 'slot') {
    const d = state.days?.find((x) => x.date === state.date);
    const free = d?.slots.some((s) => s.remaining > 0 && s.start !== a.start);
    return mount(
      main,
      bar,
      ...stepTitle(t('pickSlot'), d ? formatDay(d.date, locale) : null),
      current,
      message,
      h('p', { class: 'hint muted' }, t('pickSlotHint', { zone: zoneLabel(office.timezone) })),
      d && free ? slotGrid({ day: d, timeZone: office.timezone, current: a.start, onPick: on.pickSlot }) : h('p', { class: 'empty' }, t('noSlots')),
    );
  }
  return mount(main, bar, ...stepTitle(t('rescheduleConfirm')), moveFacts(state), message, ...confirmButtons(state, on));
}

/** From the old time to the new one. */
function moveFacts(state: ManageState): HTMLElement {
  const a = state.appointment!;
  const office = state.office!;
  const slot = state.slot!;
  const locale = i18n.locale();
  return h(
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
  );
}

function confirmButtons(state: ManageState, on: ManageHandlers): HTMLElement[] {
  return [
    h(
      'button',
      { type: 'button', class: 'btn btn-block btn-primary-big', 'data-testid': 'confirm-reschedule', disabled: state.busy, onclick: on.reschedule },
      state.busy ? t('submitting') : t('rescheduleYes'),
    ),
    h('p', { class: 'muted small center' }, t('rescheduleKeep')),
  ];
}
