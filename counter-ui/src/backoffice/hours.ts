import { h, mount } from '../../../ui-shared/dom';
import { t, type Key } from '../admin-i18n';
import { enc, type DayHours } from '../session';
import { failedBlock, loadingBlock, sectionHead, submitForm, type Problem, type Tab } from './common';

interface Day {
  open: boolean;
  from: string;
  to: string;
  breaks: { start: string; end: string }[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A day that closes at midnight: the API's close time 24:00, which a time input cannot hold. */
const MIDNIGHT = '24:00';
const MAX_BREAKS = 4;

function toDays(week: DayHours[]): Map<number, Day> {
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

/** The weekly opening hours with breaks; a day that is not open is sent as absent (closed). */
export const hoursTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let days: Map<number, Day> | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    mount(el, loadingBlock());
    try {
      const res = await ctx.staff.json<{ week: DayHours[] }>(`/offices/${enc(officeId)}/opening-hours`);
      days = toDays(res.week ?? []);
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  function timeInput(value: string, label: string, testId: string, onChange: (v: string) => void, disabled: boolean): HTMLInputElement {
    const el = h('input', { class: 'input input-time', type: 'time', value, 'aria-label': label, 'data-testid': testId, disabled, step: 300 });
    el.addEventListener('input', () => onChange(el.value));
    return el;
  }

  /** "until midnight": the office stays open to the end of the day (close 24:00). */
  function midnightToggle(d: Day, wd: number, dayName: string): HTMLElement {
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

  function render() {
    if (failed)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!days) return mount(el, loadingBlock());
    const state = days;
    const status = h('p', { class: 'form-status', role: 'status' });
    const rows = WEEKDAYS.map((wd) => {
      const d = state.get(wd)!;
      const dayName = t(`weekday.${wd}` as Key);
      const toggle = h('input', { type: 'checkbox', checked: d.open, 'data-testid': `hours-${wd}-open`, id: `hours-${wd}-open` });
      toggle.addEventListener('change', () => {
        d.open = toggle.checked;
        render();
      });
      const breaks = d.breaks.map((b, i) =>
        h(
          'span',
          { class: 'break' },
          timeInput(b.start, `${dayName} ${t('breakStart')}`, `hours-${wd}-break-${i}-start`, (v) => (b.start = v), !d.open),
          '–',
          timeInput(b.end, `${dayName} ${t('breakEnd')}`, `hours-${wd}-break-${i}-end`, (v) => (b.end = v), !d.open),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'aria-label': t('removeBreak'),
              title: t('removeBreak'),
              disabled: !d.open,
              onclick: () => {
                d.breaks.splice(i, 1);
                render();
              },
            },
            '×',
          ),
        ),
      );
      return h(
        'div',
        { class: `hours-row field${d.open ? '' : ' is-closed'}`, 'data-testid': `hours-${wd}`, 'data-weekday': wd },
        h('label', { class: 'hours-day', for: `hours-${wd}-open` }, toggle, h('span', {}, dayName)),
        h(
          'span',
          { class: 'hours-times' },
          ...(d.open
            ? [
                timeInput(d.from, `${dayName} ${t('opens')}`, `hours-${wd}-from`, (v) => (d.from = v), false),
                '–',
                d.to === MIDNIGHT
                  ? h('span', { class: 'hours-midnight-time', 'data-testid': `hours-${wd}-to` }, MIDNIGHT)
                  : timeInput(d.to, `${dayName} ${t('closes')}`, `hours-${wd}-to`, (v) => (d.to = v), false),
                midnightToggle(d, wd, dayName),
              ]
            : [h('span', { class: 'muted' }, t('closedDay'))]),
        ),
        h(
          'span',
          { class: 'hours-breaks' },
          ...(d.open ? breaks : []),
          d.open && d.breaks.length < MAX_BREAKS
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  'data-testid': `hours-${wd}-add-break`,
                  onclick: () => {
                    d.breaks.push({ start: '12:00', end: '13:00' });
                    render();
                  },
                },
                t('addBreak'),
              )
            : null,
        ),
        h('p', { class: 'field-error', 'data-error-for': `day-${wd}`, 'aria-live': 'polite' }),
      );
    });

    const copy = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-secondary btn-small',
        'data-testid': 'hours-copy-monday',
        onclick: () => {
          const mon = state.get(1)!;
          for (const wd of [2, 3, 4, 5]) state.set(wd, { open: mon.open, from: mon.from, to: mon.to, breaks: mon.breaks.map((b) => ({ ...b })) });
          render();
        },
      },
      t('copyMonday'),
    );
    const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'hours-save' }, t('save'));
    const form = h(
      'form',
      { class: 'card form', novalidate: true },
      sectionHead(t('tab.hours'), copy),
      h('p', { class: 'muted' }, t('hoursIntro')),
      h('div', { class: 'hours' }, ...rows),
      h('div', { class: 'form-actions' }, status, save),
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const week: DayHours[] = [];
      const problems: Problem[] = [];
      for (const wd of WEEKDAYS) {
        const d = state.get(wd)!;
        const slot = form.querySelector<HTMLElement>(`[data-weekday="${wd}"] .field-error`);
        if (!d.open) {
          if (slot) slot.dataset.errorFor = `day-${wd}`;
          continue;
        }
        // The server names problems by position in the array we send (week.3.close).
        const name = `week.${week.length}`;
        if (slot) slot.dataset.errorFor = name;
        const times = [d.from, ...(d.to === MIDNIGHT ? [] : [d.to]), ...d.breaks.flatMap((b) => [b.start, b.end])];
        // "24:00" sorts after every HH:MM, so the comparisons below hold for a day open to midnight.
        if (!times.every((x) => HHMM.test(x))) problems.push({ field: name, message: t('v.time') });
        else if (d.from >= d.to) problems.push({ field: name, message: t('v.openBeforeClose') });
        else if (d.breaks.some((b) => b.start >= b.end || b.start < d.from || b.end > d.to)) problems.push({ field: name, message: t('v.breakInside') });
        week.push({ weekday: wd, open: d.from, close: d.to, breaks: d.breaks.map((b) => ({ start: b.start, end: b.end })) });
      }
      save.disabled = true;
      void submitForm(form, status, problems, async () => {
        const res = await ctx.staff.json<{ week: DayHours[] }>(`/offices/${enc(officeId)}/opening-hours`, { method: 'PUT', body: { week } });
        days = toDays(res?.week ?? week);
      }).then((ok) => {
        save.disabled = false;
        if (ok && !disposed) {
          render();
          ctx.flash(t('saved'));
        }
      });
    });
    mount(el, form);
  }

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
