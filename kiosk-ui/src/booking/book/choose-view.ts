import { h, zoneLabel } from '../../../../ui-shared/dom';
import { opensText } from '../countdown';
import { officeInfo } from '../card';
import { formatDay, todayIn } from '../dates';
import { i18n, t } from '../i18n';
import { notice, stepTitle } from '../layout';
import { dayList, slotGrid } from '../pickers';
import { chosenDay, type BookState } from './state';
import type { BookHandlers } from './handlers';

// The choosing steps: office, service, day and slot.

type Nodes = (HTMLElement | null)[];

const failedBlock = (retry: () => void) => [
  h('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed')),
  h('button', { type: 'button', class: 'btn btn-block', onclick: retry }, t('retry')),
];

function skeletonList(rows: number): HTMLElement {
  return h(
    'ul',
    { class: 'choice-list', 'aria-busy': 'true' },
    ...Array.from({ length: rows }, () => h('li', {}, h('div', { class: 'choice skeleton', 'aria-hidden': 'true' }))),
  );
}

export function officesStep(state: BookState, on: BookHandlers): Nodes {
  const head = [...stepTitle(t('pickOffice'), t('pickOfficeHint')), notice(state.notice)];
  if (state.failed && !state.offices) return [...head, ...failedBlock(on.retryOffices)];
  if (!state.offices) return [...head, skeletonList(4)];
  if (state.offices.length === 0) return [...head, h('p', { class: 'empty' }, t('noOffices'))];
  return [
    ...head,
    h(
      'ul',
      { class: 'choice-list' },
      ...state.offices.map((office) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'choice', 'data-testid': `office-${office.id}`, onclick: () => on.pickOffice(office) },
            h('span', { class: 'choice-text' }, h('strong', {}, office.name), h('small', { class: 'muted' }, `${office.code} · ${zoneLabel(office.timezone)}`)),
            h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
          ),
        ),
      ),
    ),
  ];
}

export function servicesStep(state: BookState, on: BookHandlers): Nodes {
  const office = state.office;
  const services = office?.services.filter((s) => s.active) ?? [];
  const minutes = [...new Set(services.map((s) => s.slotMinutes))];
  const head = [...stepTitle(t('pickService'), minutes.length === 1 ? t('pickServiceHint', { n: minutes[0]! }) : null), notice(state.notice)];
  if (state.failed && !office) return [...head, ...failedBlock(on.retryOffice)];
  if (!office) return [...head, skeletonList(3)];
  if (services.length === 0) return [...head, officeInfo(office), h('p', { class: 'empty' }, t('noServices'))];
  return [
    ...head,
    officeInfo(office),
    h(
      'ul',
      { class: 'choice-list' },
      ...services.map((service) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `choice${state.service?.id === service.id ? ' selected' : ''}`,
              'data-testid': `service-${service.id}`,
              onclick: () => on.pickService(service),
            },
            h('span', { class: 'choice-prefix', 'aria-hidden': 'true' }, service.prefix),
            h(
              'span',
              { class: 'choice-text' },
              h('strong', {}, service.name),
              h('small', { class: 'muted' }, t('slotLength', { n: service.slotMinutes })),
              service.requirements?.length ? h('small', { class: 'muted choice-reqs' }, t('bringShort', { list: service.requirements.join(', ') })) : null,
            ),
            h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
          ),
        ),
      ),
    ),
  ];
}

export function daysStep(state: BookState, on: BookHandlers): Nodes {
  const office = state.office!;
  const service = state.service!;
  const head = [...stepTitle(t('pickDay'), `${service.name} · ${office.name}`), notice(state.notice), h('p', { class: 'hint muted' }, t('pickDayHint'))];
  if (state.failed && !state.days) return [...head, ...failedBlock(on.retryDays)];
  const open = state.days?.some((d) => d.slots.some((s) => s.remaining > 0));
  const soon = state.days?.find((d) => d.opensAt)?.opensAt;
  return [
    ...head,
    state.days && !open && !soon ? h('p', { class: 'empty' }, t('noDays')) : null,
    state.days && !open && soon
      ? h('p', { class: 'notice notice-info', 'data-testid': 'opens-soon' }, t('opensSoon', { when: opensText(soon, office.timezone) }))
      : null,
    dayList({
      days: state.days,
      today: todayIn(office.timezone),
      timeZone: office.timezone,
      selected: state.date,
      onPick: on.pickDay,
      onWait: on.waitForDay,
    }),
  ];
}

export function slotsStep(state: BookState, on: BookHandlers): Nodes {
  const office = state.office!;
  const d = chosenDay(state);
  const free = d?.slots.some((s) => s.remaining > 0);
  return [
    ...stepTitle(t('pickSlot'), d ? formatDay(d.date, i18n.locale()) : null),
    notice(state.notice),
    h('p', { class: 'hint muted' }, t('pickSlotHint', { zone: zoneLabel(office.timezone) })),
    d && free ? slotGrid({ day: d, timeZone: office.timezone, onPick: on.pickSlot }) : null,
    !d || !free
      ? h(
          'div',
          { class: 'empty' },
          h('p', {}, t('noSlots')),
          h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => history.back() }, t('pickDay')),
        )
      : null,
  ];
}
