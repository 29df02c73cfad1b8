import type { NationalHolidayList } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { formatCalendarDate } from '../format';
import { i18n, t } from '../admin-i18n';
import { enc, todayIn, type Holiday } from '../session';
import { checker, confirmDialog, failedBlock, loadingBlock, sectionHead, submitForm, type Tab } from './common';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The office's own closed days, and the national list (with optional collective leave) in one action. */
export const holidaysTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let holidays: Holiday[] | null = null;
  let national: NationalHolidayList[] = [];
  let year: number | null = null;
  let includeLeave = true;
  let today = new Date().toISOString().slice(0, 10);
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    mount(el, loadingBlock());
    try {
      const [list, lists, office] = await Promise.all([
        ctx.staff.json<Holiday[]>(`/offices/${enc(officeId)}/holidays`),
        ctx.staff.json<NationalHolidayList[]>('/holidays/national').catch(() => [] as NationalHolidayList[]),
        ctx.office(),
      ]);
      holidays = list;
      national = [...lists].sort((a, b) => a.year - b.year);
      today = todayIn(office.timezone);
      const thisYear = Number(today.slice(0, 4));
      year = national.find((n) => n.year === thisYear)?.year ?? national.find((n) => n.year > thisYear)?.year ?? national[national.length - 1]?.year ?? null;
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  async function reload() {
    holidays = await ctx.staff.json<Holiday[]>(`/offices/${enc(officeId)}/holidays`);
    if (!disposed) render();
  }

  function nationalPanel(): HTMLElement {
    if (national.length === 0) return h('section', { class: 'card' }, h('h2', {}, t('nationalTitle')), h('p', { class: 'muted' }, t('nationalNone')));
    const list = national.find((n) => n.year === year) ?? national[0]!;
    const yearSelect = h(
      'select',
      { class: 'input', id: 'national-year', 'data-testid': 'national-year' },
      ...national.map((n) => h('option', { value: String(n.year) }, String(n.year))),
    );
    yearSelect.value = String(list.year);
    yearSelect.addEventListener('change', () => {
      year = Number(yearSelect.value);
      render();
    });
    const leave = h('input', { type: 'checkbox', id: 'include-leave', checked: includeLeave, 'data-testid': 'include-collective-leave' });
    leave.addEventListener('change', () => {
      includeLeave = leave.checked;
      render();
    });
    const chosen = list.holidays.filter((x) => includeLeave || x.kind === 'national');
    const existing = new Set((holidays ?? []).map((x) => x.date));
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
      void submitForm(apply.parentElement!, status, [], async () => {
        const res = await ctx.staff.json<{ added: number; holidays: Holiday[] }>(`/offices/${enc(officeId)}/holidays/national`, {
          method: 'POST',
          body: { year: list.year, includeCollectiveLeave: includeLeave },
        });
        await reload();
        ctx.flash(t('nationalApplied', { n: res.added, year: list.year }));
      }).then(() => {
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

  function addForm(): HTMLElement {
    const date = input({ type: 'date', name: 'date', required: true, 'data-testid': 'holiday-date', min: `${today.slice(0, 4)}-01-01` });
    const name = input({ name: 'name', maxlength: 120, required: true, 'data-testid': 'holiday-name', placeholder: t('holidayNamePlaceholder') });
    const status = h('p', { class: 'form-status', role: 'status' });
    const add = h('button', { type: 'submit', class: 'btn', 'data-testid': 'holiday-add' }, t('add'));
    const form = h(
      'form',
      { class: 'card form', novalidate: true },
      h('h2', {}, t('holidayAddTitle')),
      h(
        'div',
        { class: 'form-grid form-grid-inline' },
        field({ name: 'date', label: t('date'), control: date }),
        field({ name: 'name', label: t('holidayName'), control: name, class: 'grow' }),
      ),
      h('div', { class: 'form-actions' }, status, add),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { problems, check } = checker();
      check(DATE.test(date.value), 'date', t('v.date'));
      check(name.value.trim().length > 0, 'name', t('v.required'));
      add.disabled = true;
      void submitForm(form, status, problems, async () => {
        await ctx.staff.json(`/offices/${enc(officeId)}/holidays`, { method: 'POST', body: { date: date.value, name: name.value.trim() } });
        ctx.flash(t('holidayAdded', { date: formatCalendarDate(date.value) }));
        await reload();
      }).then(() => {
        add.disabled = false;
      });
    });
    return form;
  }

  function listBlock(): HTMLElement {
    const list = [...(holidays ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    if (list.length === 0)
      return h('section', { class: 'card' }, h('h2', {}, t('holidayList')), h('p', { class: 'muted', 'data-testid': 'holiday-list' }, t('holidayEmpty')));
    const years = [...new Set(list.map((x) => x.date.slice(0, 4)))];
    return h(
      'section',
      { class: 'card' },
      h('h2', {}, t('holidayList')),
      h(
        'div',
        { 'data-testid': 'holiday-list' },
        ...years.map((y) =>
          h(
            'div',
            { class: 'holiday-year' },
            h('h3', {}, y),
            h(
              'ul',
              { class: 'holiday-list' },
              ...list
                .filter((x) => x.date.startsWith(y))
                .map((x) =>
                  h(
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
                        onclick: () =>
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
                          }),
                      },
                      t('delete'),
                    ),
                  ),
                ),
            ),
          ),
        ),
      ),
    );
  }

  function render() {
    if (failed)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!holidays) return mount(el, loadingBlock());
    mount(el, h('div', { class: 'stack' }, sectionHead(t('tab.holidays')), nationalPanel(), addForm(), listBlock()));
  }

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
