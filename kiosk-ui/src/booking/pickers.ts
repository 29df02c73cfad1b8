import { formatTime, h, zoneLabel } from '../../../ui-shared/dom';
import { addDays, formatDay, localHour } from './dates';
import { opensText, timeLeft } from './countdown';
import { i18n, t, type Key } from './i18n';
import { serverNow } from '../../../ui-shared/server-clock';
import type { DayView, SlotView } from './types';

const SKELETON_ROWS = 7;

/** A day not released yet: when it opens, and a countdown the page keeps current. */
function opensLine(opensAt: string, timeZone: string, date: string): HTMLElement {
  return h(
    'span',
    { class: 'day-opens' },
    `${t('opensOn', { when: opensText(opensAt, timeZone, date) })} · `,
    h('span', { 'data-opens-at': opensAt, 'data-testid': 'opens-in' }, timeLeft(Date.parse(opensAt) - serverNow())),
  );
}

/** The days of the booking window as a list of big rows; a day without a free place is greyed. */
export function dayList(opts: {
  days: DayView[] | null;
  today: string;
  timeZone: string;
  selected?: string | null;
  onPick(day: DayView): void;
  /** Offered on a full day: wait for a place on it. */
  onWait?(day: DayView): void;
}): HTMLElement {
  if (!opts.days) {
    // Same height as the real rows, so nothing jumps when the answer arrives.
    return h(
      'ul',
      { class: 'day-list', 'aria-busy': 'true' },
      ...Array.from({ length: SKELETON_ROWS }, () => h('li', {}, h('div', { class: 'day skeleton', 'aria-hidden': 'true' }))),
    );
  }
  const locale = i18n.locale();
  const tomorrow = addDays(opts.today, 1);
  return h(
    'ul',
    { class: 'day-list' },
    ...opts.days.map((day) => {
      const free = day.slots.filter((s) => s.remaining > 0).length;
      const state = day.opensAt ? 'soon' : day.slots.length === 0 ? 'none' : free === 0 ? 'full' : 'open';
      const tag = day.date === opts.today ? t('today') : day.date === tomorrow ? t('tomorrow') : null;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `day day-${state}${opts.selected === day.date ? ' selected' : ''}`,
            'data-testid': `day-${day.date}`,
            disabled: state !== 'open',
            onclick: () => opts.onPick(day),
          },
          h(
            'span',
            { class: 'day-when' },
            h('span', { class: 'day-name' }, formatDay(day.date, locale, 'medium')),
            h(
              'span',
              { class: 'day-free' },
              tag ? h('span', { class: 'day-tag' }, tag) : null,
              day.opensAt
                ? opensLine(day.opensAt, opts.timeZone, day.date)
                : state === 'open'
                  ? t('freeSlots', { n: free })
                  : state === 'full'
                    ? t('dayFull')
                    : t('dayNone'),
            ),
          ),
          state === 'open' ? h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›') : null,
        ),
        state === 'full' && opts.onWait ? waitButton(day, opts.onWait) : null,
      );
    }),
  );
}

function waitButton(day: DayView, onWait: (day: DayView) => void): HTMLElement {
  const label = t('waitlistJoinDay', { day: formatDay(day.date, i18n.locale(), 'medium') });
  return h('button', { type: 'button', class: 'btn btn-secondary waitlist-join', 'data-testid': `waitlist-${day.date}`, onclick: () => onWait(day) }, label);
}

const PARTS: { key: Key; from: number }[] = [
  { key: 'night', from: 0 },
  { key: 'morning', from: 5 },
  { key: 'midday', from: 11 },
  { key: 'afternoon', from: 15 },
  { key: 'evening', from: 18 },
];

/** The slots of one day in the office's zone, grouped by part of the day; full ones are shown but disabled. */
export function slotGrid(opts: { day: DayView; timeZone: string; current?: string | null; onPick(slot: SlotView): void }): HTMLElement {
  const locale = i18n.locale();
  const zone = zoneLabel(opts.timeZone);
  const groups = new Map<Key, SlotView[]>();
  for (const slot of opts.day.slots) {
    const hour = localHour(slot.start, opts.timeZone);
    const part = [...PARTS].reverse().find((p) => hour >= p.from)!;
    groups.set(part.key, [...(groups.get(part.key) ?? []), slot]);
  }
  return h(
    'div',
    { class: 'slot-groups' },
    ...PARTS.filter((p) => groups.has(p.key)).map((part) =>
      h(
        'section',
        { class: 'slot-group' },
        h('h2', { class: 'slot-group-title' }, t(part.key)),
        h(
          'div',
          { class: 'slot-grid' },
          ...groups.get(part.key)!.map((slot) => {
            const time = formatTime(slot.start, opts.timeZone, locale);
            const full = slot.remaining <= 0;
            const isCurrent = opts.current === slot.start;
            return h(
              'button',
              {
                type: 'button',
                class: `slot${full ? ' full' : ''}${isCurrent ? ' current' : ''}`,
                'data-testid': `slot-${slot.start}`,
                disabled: full || isCurrent,
                onclick: () => opts.onPick(slot),
              },
              // The name is the visible text (WCAG 2.5.3), the zone added for screen readers only.
              h('span', { class: 'slot-time num' }, time, h('span', { class: 'sr-only' }, ` ${zone},`)),
              h('span', { class: 'slot-left' }, isCurrent ? t('yourSlot') : full ? t('slotFull') : t('slotLeft', { n: slot.remaining })),
            );
          }),
        ),
      ),
    ),
  );
}
