import type { HolidayView, NationalHolidayList } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { cardForm, field, input, submitForm } from '../../../ui-shared/form';
import { formatCalendarDate } from '../format';
import { i18n, t } from '../admin-i18n';
import { enc, todayIn } from '../session';
import { FORM_WORDS, checker, confirmDialog, sectionHead, type Tab } from './common';
import { loadedTab } from './loaded-tab';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the tab holds beside the office's holidays: the national lists and what is chosen from them. */
interface NationalState {
  /** Sorted by year. */
  national: NationalHolidayList[];
  year: number | null;
  includeLeave: boolean;
  /** The office's today (YYYY-MM-DD): earlier holidays are shown as past. */
  today: string;
}

/** This year's list if there is one, else the next year's, else the latest. */
function defaultYear(national: NationalHolidayList[], today: string): number | null {
  const thisYear = Number(today.slice(0, 4));
  return national.find((n) => n.year === thisYear)?.year ?? national.find((n) => n.year > thisYear)?.year ?? national[national.length - 1]?.year ?? null;
}

interface NationalActions {
  chooseYear(year: number): void;
  includeLeave(include: boolean): void;
  /** Adds the list's holidays the office does not have yet; rejects with the API's error. */
  apply(list: NationalHolidayList): Promise<void>;
}

function nationalPanel(state: NationalState, holidays: HolidayView[], actions: NationalActions): HTMLElement {
  const { national, includeLeave } = state;
  if (national.length === 0) return h('section', { class: 'card' }, h('h2', {}, t('nationalTitle')), h('p', { class: 'muted' }, t('nationalNone')));
  const list = national.find((n) => n.year === state.year) ?? national[0]!;
  const yearSelect = h(
    'select',
    { class: 'input', id: 'national-year', 'data-testid': 'national-year' },
    ...national.map((n) => h('option', { value: String(n.year) }, String(n.year))),
  );
  yearSelect.value = String(list.year);
  yearSelect.addEventListener('change', () => actions.chooseYear(Number(yearSelect.value)));
  const leave = h('input', { type: 'checkbox', id: 'include-leave', checked: includeLeave, 'data-testid': 'include-collective-leave' });
  leave.addEventListener('change', () => actions.includeLeave(leave.checked));
  const chosen = list.holidays.filter((x) => includeLeave || x.kind === 'national');
  const existing = new Set(holidays.map((x) => x.date));
  const fresh = chosen.filter((x) => !existing.has(x.date)).length;
  const nationalCount = list.holidays.filter((x) => x.kind === 'national').length;
  const leaveCount = list.holidays.length - nationalCount;
  const status = h('p', { class: 'form-status', role: 'status' });
  const apply = h(
    'button',
    { type: 'button', class: 'btn', 'data-testid': 'apply-national-holidays', disabled: fresh === 0 },
    t('applyNational', { year: list.year }),
  );
  apply.addEventListener('click', () => {
    apply.disabled = true;
    void submitForm(apply.parentElement!, status, [], () => actions.apply(list), FORM_WORDS).then(() => {
      apply.disabled = false;
    });
  });
  return h(
    'section',
    { class: 'card national' },
    h('h2', {}, t('nationalTitle')),
    h('p', { class: 'muted' }, t('nationalIntro')),
    h(
      'div',
      { class: 'national-controls' },
      h('label', { for: 'national-year' }, t('year')),
      yearSelect,
      h('label', { class: 'check', for: 'include-leave' }, leave, h('span', {}, t('includeLeave'))),
    ),
    h(
      'p',
      { class: 'national-summary' },
      t('nationalSummary', { national: nationalCount, leave: leaveCount }),
      ' ',
      h('span', { class: 'muted' }, fresh === 0 ? t('nationalAllThere') : t('nationalNew', { n: fresh })),
    ),
    list.source
      ? h('p', { class: 'muted small', 'data-testid': 'holiday-source' }, t('source', { source: (i18n.lang === 'id' && list.sourceId) || list.source }))
      : null,
    h('div', { class: 'form-actions' }, status, apply),
  );
}

/** One closed day of the office; `add` sends it and rejects with the API's error. */
function addForm(today: string, add: (date: string, name: string) => Promise<void>): HTMLElement {
  const date = input({ type: 'date', name: 'date', required: true, 'data-testid': 'holiday-date', min: `${today.slice(0, 4)}-01-01` });
  const name = input({ name: 'name', maxlength: 120, required: true, 'data-testid': 'holiday-name', placeholder: t('holidayNamePlaceholder') });
  return cardForm({
    content: [
      h('h2', {}, t('holidayAddTitle')),
      h(
        'div',
        { class: 'form-grid form-grid-inline' },
        field({ name: 'date', label: t('date'), control: date }),
        field({ name: 'name', label: t('holidayName'), control: name, class: 'grow' }),
      ),
    ],
    submitLabel: t('add'),
    submitTestId: 'holiday-add',
    words: FORM_WORDS,
    validate() {
      const { problems, check } = checker();
      check(DATE.test(date.value), 'date', t('v.date'));
      check(name.value.trim().length > 0, 'name', t('v.required'));
      return problems;
    },
    save: () => add(date.value, name.value.trim()),
  });
}

function holidayItem(x: HolidayView, today: string, remove: (x: HolidayView) => void): HTMLElement {
  return h(
    'li',
    { class: `holiday${x.date < today ? ' is-past' : ''}`, 'data-testid': `holiday-${x.date}` },
    h('span', { class: 'holiday-date' }, formatCalendarDate(x.date), h('span', { class: 'muted small num' }, x.date)),
    h('span', { class: 'holiday-name' }, x.name),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-quiet',
        'data-testid': `holiday-delete-${x.date}`,
        'aria-label': `${t('delete')}: ${formatCalendarDate(x.date)}`,
        onclick: () => remove(x),
      },
      t('delete'),
    ),
  );
}

/** The office's holidays by year. */
function listBlock(holidays: HolidayView[], today: string, remove: (x: HolidayView) => void): HTMLElement {
  const list = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  if (list.length === 0)
    return h('section', { class: 'card' }, h('h2', {}, t('holidayList')), h('p', { class: 'muted', 'data-testid': 'holiday-list' }, t('holidayEmpty')));
  const years = [...new Set(list.map((x) => x.date.slice(0, 4)))];
  const yearBlock = (y: string) =>
    h(
      'div',
      { class: 'holiday-year' },
      h('h3', {}, y),
      h('ul', { class: 'holiday-list' }, ...list.filter((x) => x.date.startsWith(y)).map((x) => holidayItem(x, today, remove))),
    );
  return h('section', { class: 'card' }, h('h2', {}, t('holidayList')), h('div', { 'data-testid': 'holiday-list' }, ...years.map(yearBlock)));
}

/** The office's own closed days, and the national list (with optional collective leave) in one action. */
export const holidaysTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const state: NationalState = { national: [], year: null, includeLeave: true, today: new Date().toISOString().slice(0, 10) };
  const fetchHolidays = () => ctx.staff.json<HolidayView[]>(`/offices/${enc(officeId)}/holidays`);
  const tab = loadedTab<HolidayView[]>(el, {
    async fetch() {
      const [list, lists, office] = await Promise.all([
        fetchHolidays(),
        ctx.staff.json<NationalHolidayList[]>('/holidays/national').catch(() => [] as NationalHolidayList[]),
        ctx.office(),
      ]);
      state.national = [...lists].sort((a, b) => a.year - b.year);
      state.today = todayIn(office.timezone);
      state.year = defaultYear(state.national, state.today);
      return list;
    },
    paint: (holidays) =>
      mount(
        el,
        h(
          'div',
          { class: 'stack' },
          sectionHead(t('tab.holidays')),
          nationalPanel(state, holidays, national),
          addForm(state.today, add),
          listBlock(holidays, state.today, remove),
        ),
      ),
  });

  async function reload() {
    tab.data = await fetchHolidays();
    if (!tab.disposed) tab.render();
  }

  const national: NationalActions = {
    chooseYear(year) {
      state.year = year;
      tab.render();
    },
    includeLeave(include) {
      state.includeLeave = include;
      tab.render();
    },
    async apply(list) {
      const res = await ctx.staff.json<{ added: number; holidays: HolidayView[] }>(`/offices/${enc(officeId)}/holidays/national`, {
        method: 'POST',
        body: { year: list.year, includeCollectiveLeave: state.includeLeave },
      });
      await reload();
      ctx.flash(t('nationalApplied', { n: res.added, year: list.year }));
    },
  };

  async function add(date: string, name: string) {
    await ctx.staff.json(`/offices/${enc(officeId)}/holidays`, { method: 'POST', body: { date, name } });
    ctx.flash(t('holidayAdded', { date: formatCalendarDate(date) }));
    await reload();
  }

  function remove(x: HolidayView) {
    confirmDialog({
      title: t('holidayDeleteTitle'),
      text: t('holidayDeleteText', { date: formatCalendarDate(x.date), name: x.name }),
      confirm: t('delete'),
      testId: 'holiday-delete-dialog',
      danger: true,
      run: async () => {
        await ctx.staff.api(`/offices/${enc(officeId)}/holidays/${enc(x.date)}`, { method: 'DELETE' });
        await reload();
        ctx.flash(t('holidayDeleted', { date: formatCalendarDate(x.date) }));
      },
    });
  }

  void tab.load();
  return tab.view;
};
