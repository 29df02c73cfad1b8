import type { OpeningDay } from '@giliran/contracts';
import { h, mount, type Child } from '../../../ui-shared/dom';
import { t, type Key } from '../admin-i18n';
import { enc } from '../session';
import { sectionHead, type Problem, type Tab } from './common';
import { loadedTab, saveForm } from './loaded-tab';

interface Day {
  open: boolean;
  from: string;
  to: string;
  breaks: { start: string; end: string }[];
}

type Days = Map<number, Day>;

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A day that closes at midnight: the API's close time 24:00, which a time input cannot hold. */
const MIDNIGHT = '24:00';
const MAX_BREAKS = 4;

function toDays(week: OpeningDay[]): Days {
  const days = new Map<number, Day>();
  for (const wd of WEEKDAYS) {
    const d = week.find((x) => x.weekday === wd);
    days.set(
      wd,
      d ? { open: true, from: d.open, to: d.close, breaks: (d.breaks ?? []).map((b) => ({ ...b })) } : { open: false, from: '08:00', to: '15:00', breaks: [] },
    );
  }
  return days;
}

/** Tuesday to Friday as Monday is. */
function copyMonday(days: Days): void {
  const mon = days.get(1)!;
  for (const wd of [2, 3, 4, 5]) days.set(wd, { open: mon.open, from: mon.from, to: mon.to, breaks: mon.breaks.map((b) => ({ ...b })) });
}

/**
 * The week to send: the open days, each under the name the server will give its problems
 * (`week.<position in the array>`), and what is wrong with them here already.
 */
function toWeek(days: Days): { week: OpeningDay[]; names: Map<number, string>; problems: Problem[] } {
  const week: OpeningDay[] = [];
  const names = new Map<number, string>();
  const problems: Problem[] = [];
  for (const wd of WEEKDAYS) {
    const d = days.get(wd)!;
    if (!d.open) continue;
    const name = `week.${week.length}`;
    names.set(wd, name);
    const times = [d.from, ...(d.to === MIDNIGHT ? [] : [d.to]), ...d.breaks.flatMap((b) => [b.start, b.end])];
    // "24:00" sorts after every HH:MM, so the comparisons below hold for a day open to midnight.
    if (!times.every((x) => HHMM.test(x))) problems.push({ field: name, message: t('v.time') });
    else if (d.from >= d.to) problems.push({ field: name, message: t('v.openBeforeClose') });
    else if (d.breaks.some((b) => b.start >= b.end || b.start < d.from || b.end > d.to)) problems.push({ field: name, message: t('v.breakInside') });
    week.push({ weekday: wd, open: d.from, close: d.to, breaks: d.breaks.map((b) => ({ start: b.start, end: b.end })) });
  }
  return { week, names, problems };
}

function timeInput(value: string, label: string, testId: string, onChange: (v: string) => void, disabled: boolean): HTMLInputElement {
  const el = h('input', { class: 'input input-time', type: 'time', value, 'aria-label': label, 'data-testid': testId, disabled, step: 300 });
  el.addEventListener('input', () => onChange(el.value));
  return el;
}

/** "until midnight": the office stays open to the end of the day (close 24:00). */
function midnightToggle(d: Day, wd: number, dayName: string, render: () => void): HTMLElement {
  const box = h('input', {
    type: 'checkbox',
    checked: d.to === MIDNIGHT,
    id: `hours-${wd}-midnight`,
    'data-testid': `hours-${wd}-midnight`,
    'aria-label': `${dayName} ${t('untilMidnight')}`,
  });
  box.addEventListener('change', () => {
    d.to = box.checked ? MIDNIGHT : '23:00';
    render();
    document.getElementById(`hours-${wd}-midnight`)?.focus();
  });
  return h('label', { class: 'hours-midnight', for: `hours-${wd}-midnight` }, box, h('span', {}, t('untilMidnight')));
}

/** The open day's times: opens – closes (or midnight), and the midnight toggle. */
function dayTimes(d: Day, wd: number, dayName: string, render: () => void): Child[] {
  if (!d.open) return [h('span', { class: 'muted' }, t('closedDay'))];
  return [
    timeInput(d.from, `${dayName} ${t('opens')}`, `hours-${wd}-from`, (v) => (d.from = v), false),
    '–',
    d.to === MIDNIGHT
      ? h('span', { class: 'hours-midnight-time', 'data-testid': `hours-${wd}-to` }, MIDNIGHT)
      : timeInput(d.to, `${dayName} ${t('closes')}`, `hours-${wd}-to`, (v) => (d.to = v), false),
    midnightToggle(d, wd, dayName, render),
  ];
}

function dayBreaks(d: Day, wd: number, dayName: string, render: () => void): HTMLElement {
  const remove = (i: number) => () => {
    d.breaks.splice(i, 1);
    render();
  };
  const add = () => {
    d.breaks.push({ start: '12:00', end: '13:00' });
    render();
  };
  const breaks = d.breaks.map((b, i) =>
    h(
      'span',
      { class: 'break' },
      timeInput(b.start, `${dayName} ${t('breakStart')}`, `hours-${wd}-break-${i}-start`, (v) => (b.start = v), !d.open),
      '–',
      timeInput(b.end, `${dayName} ${t('breakEnd')}`, `hours-${wd}-break-${i}-end`, (v) => (b.end = v), !d.open),
      h(
        'button',
        { type: 'button', class: 'icon-button', 'aria-label': t('removeBreak'), title: t('removeBreak'), disabled: !d.open, onclick: remove(i) },
        '×',
      ),
    ),
  );
  return h(
    'span',
    { class: 'hours-breaks' },
    ...(d.open ? breaks : []),
    d.open && d.breaks.length < MAX_BREAKS
      ? h('button', { type: 'button', class: 'link-button', 'data-testid': `hours-${wd}-add-break`, onclick: add }, t('addBreak'))
      : null,
  );
}

function dayRow(d: Day, wd: number, render: () => void): HTMLElement {
  const dayName = t(`weekday.${wd}` as Key);
  const toggle = h('input', { type: 'checkbox', checked: d.open, 'data-testid': `hours-${wd}-open`, id: `hours-${wd}-open` });
  toggle.addEventListener('change', () => {
    d.open = toggle.checked;
    render();
  });
  return h(
    'div',
    { class: `hours-row field${d.open ? '' : ' is-closed'}`, 'data-testid': `hours-${wd}`, 'data-weekday': wd },
    h('label', { class: 'hours-day', for: `hours-${wd}-open` }, toggle, h('span', {}, dayName)),
    h('span', { class: 'hours-times' }, ...dayTimes(d, wd, dayName, render)),
    dayBreaks(d, wd, dayName, render),
    h('p', { class: 'field-error', 'data-error-for': `day-${wd}`, 'aria-live': 'polite' }),
  );
}

/** The weekly opening hours with breaks; a day that is not open is sent as absent (closed). */
export const hoursTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const tab = loadedTab<Days>(el, {
    fetch: async () => toDays((await ctx.staff.json<{ week: OpeningDay[] }>(`/offices/${enc(officeId)}/opening-hours`)).week ?? []),
    paint,
  });
  const render = () => tab.render();

  function paint(days: Days) {
    let week: OpeningDay[] = [];
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-secondary btn-small',
        'data-testid': 'hours-copy-monday',
        onclick: () => {
          copyMonday(days);
          render();
        },
      },
      t('copyMonday'),
    );
    const form = saveForm(tab, ctx, {
      content: [
        sectionHead(t('tab.hours'), copy),
        h('p', { class: 'muted' }, t('hoursIntro')),
        h('div', { class: 'hours' }, ...WEEKDAYS.map((wd) => dayRow(days.get(wd)!, wd, render))),
      ],
      submitTestId: 'hours-save',
      validate() {
        const next = toWeek(days);
        week = next.week;
        // Each open day's error line takes the name the server will use for it.
        for (const wd of WEEKDAYS) {
          const slot = form.querySelector<HTMLElement>(`[data-weekday="${wd}"] .field-error`);
          if (slot) slot.dataset.errorFor = next.names.get(wd) ?? `day-${wd}`;
        }
        return next.problems;
      },
      async save() {
        const res = await ctx.staff.json<{ week: OpeningDay[] }>(`/offices/${enc(officeId)}/opening-hours`, { method: 'PUT', body: { week } });
        tab.data = toDays(res?.week ?? week);
      },
    });
    mount(el, form);
  }

  void tab.load();
  return tab.view;
};
