// The statistics page: the range controls and the figures, painted from the state.
import { API_BASE } from '../../../ui-shared/api';
import { h, mount } from '../../../ui-shared/dom';
import { formatCalendarDate } from '../format';
import { t, type Key } from '../admin-i18n';
import { addDays } from '../session';
import { byCounterTable, byOfficerTable, byServiceTable, hourChart, kpis } from './figures';
import { statsPath, type StatsState } from './state';

export interface StatsHandlers {
  setRange(from: string, to: string): void;
  download(): void;
  retry(): void;
}

export interface StatsElements {
  fromInput: HTMLInputElement;
  toInput: HTMLInputElement;
  rangeError: HTMLElement;
  download: HTMLAnchorElement;
  controls: HTMLFormElement;
  body: HTMLElement;
  /** Arrival patterns and counter planning (stats/insight.ts), below the figures. */
  insight: HTMLElement;
}

/** Builds the page into `main`, once. */
export function buildStats(main: HTMLElement, handlers: StatsHandlers): StatsElements {
  const els: StatsElements = {
    fromInput: h('input', { type: 'date', class: 'input', id: 'stats-from', 'data-testid': 'stats-from' }),
    toInput: h('input', { type: 'date', class: 'input', id: 'stats-to', 'data-testid': 'stats-to' }),
    rangeError: h('p', { class: 'field-error', role: 'alert' }),
    download: h('a', { class: 'btn btn-secondary', 'data-testid': 'download-csv', download: '' }),
    controls: h('form', { class: 'stats-controls', novalidate: true }),
    body: h('div', { class: 'stats-body', 'aria-live': 'polite' }),
    insight: h('div', { class: 'stats-insight', 'data-testid': 'insight' }),
  };
  mount(main, h('div', { class: 'stats' }, els.controls, els.body, els.insight));
  els.controls.addEventListener('submit', (event) => {
    event.preventDefault();
    handlers.setRange(els.fromInput.value, els.toInput.value);
  });
  els.download.addEventListener('click', (event) => {
    event.preventDefault();
    handlers.download();
  });
  return els;
}

function quickRange(state: StatsState, handlers: StatsHandlers, key: Key, days: number, id: string): HTMLElement {
  const { today } = state;
  const start = addDays(today, -(days - 1));
  const selected = state.from === start && state.to === today;
  return h(
    'button',
    {
      type: 'button',
      class: `chip${selected ? ' is-selected' : ''}`,
      'data-testid': `stats-range-${id}`,
      'aria-pressed': selected ? 'true' : 'false',
      onclick: () => handlers.setRange(start, today),
    },
    t(key),
  );
}

export function paintControls(els: StatsElements, state: StatsState, officeId: string, handlers: StatsHandlers): void {
  const { fromInput, toInput, download } = els;
  fromInput.value = state.from;
  toInput.value = state.to;
  fromInput.max = state.today;
  toInput.max = state.today;
  download.href = `${API_BASE}${statsPath(officeId, state)}&format=csv`;
  download.replaceChildren(t('downloadCsv'));
  const quick = (key: Key, days: number, id: string) => quickRange(state, handlers, key, days, id);
  mount(
    els.controls,
    h('h2', { class: 'stats-title' }, t('statsTitle')),
    h('div', { class: 'chips' }, quick('range.today', 1, 'today'), quick('range.7', 7, '7'), quick('range.30', 30, '30')),
    h('label', { for: 'stats-from' }, t('from')),
    fromInput,
    h('label', { for: 'stats-to' }, t('to')),
    toInput,
    h('button', { type: 'submit', class: 'btn', 'data-testid': 'stats-apply' }, t('show')),
    download,
    els.rangeError,
  );
}

export function paintStats(body: HTMLElement, state: StatsState, retry: () => void): void {
  const { stats: s, failed } = state;
  if (failed && !s) {
    mount(
      body,
      h(
        'div',
        { class: 'page-loading' },
        h('p', { class: 'error', role: 'alert' }, failed),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => retry() }, t('retry')),
      ),
    );
    return;
  }
  if (!s) {
    mount(body, h('p', { class: 'muted page-loading' }, t('loading')));
    return;
  }
  body.classList.toggle('is-loading', state.loading);
  const range = s.from === s.to ? formatCalendarDate(s.from) : `${formatCalendarDate(s.from)} – ${formatCalendarDate(s.to)}`;
  mount(
    body,
    failed ? h('p', { class: 'error', role: 'alert' }, failed) : null,
    h('p', { class: 'stats-range muted' }, range),
    kpis(s),
    hourChart(s),
    byServiceTable(s),
    h('div', { class: 'two-col' }, byOfficerTable(s), byCounterTable(s)),
  );
}
