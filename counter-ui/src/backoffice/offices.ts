import type { OfficeSummary } from '@giliran/contracts';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { cardForm, field, input, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { FORM_WORDS, TIME_ZONES, checker, sectionHead, table, type Tab, type TabContext } from './common';
import { loadedTab } from './loaded-tab';

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

function createForm(ctx: TabContext, created: () => Promise<void>): HTMLElement {
  const code = input({ name: 'code', maxlength: 32, 'data-testid': 'office-code', placeholder: 'DKI-JKT-01', autocapitalize: 'characters' });
  const name = input({ name: 'name', maxlength: 120, 'data-testid': 'office-new-name', placeholder: t('officeNamePlaceholder') });
  const timezone = select(
    TIME_ZONES.map((z) => ({ value: z, label: `${z} (${zoneLabel(z)})` })),
    'Asia/Jakarta',
    { name: 'timezone', 'data-testid': 'office-new-timezone' },
  );
  return cardForm({
    content: [
      h('h2', {}, t('officeCreateTitle')),
      h(
        'div',
        { class: 'form-grid form-grid-3' },
        field({ name: 'code', label: t('code'), control: code, hint: t('officeCodeHint') }),
        field({ name: 'name', label: t('officeName'), control: name }),
        field({ name: 'timezone', label: t('timezone'), control: timezone }),
      ),
    ],
    submitLabel: t('officeCreate'),
    submitTestId: 'office-create',
    words: FORM_WORDS,
    validate() {
      const { problems, check } = checker();
      check(CODE.test(code.value.trim()), 'code', t('v.officeCode'));
      check(name.value.trim().length > 0, 'name', t('v.required'));
      return problems;
    },
    async save() {
      const office = await ctx.staff.json<OfficeSummary>('/offices', {
        method: 'POST',
        body: { code: code.value.trim(), name: name.value.trim(), timezone: timezone.value },
      });
      ctx.flash(t('officeCreated', { name: office.name }));
      await created();
    },
  });
}

function officeRow(o: OfficeSummary, ctx: TabContext): HTMLTableRowElement {
  const manage = () => {
    history.replaceState(null, '', '#/office/settings');
    ctx.switchOffice(o.id);
  };
  return h(
    'tr',
    { 'data-testid': `office-row-${o.code}`, class: o.id === ctx.officeId ? 'is-current' : '' },
    h('td', {}, h('span', { class: 'code-chip' }, o.code)),
    h('td', {}, h('strong', {}, o.name)),
    h('td', {}, `${zoneLabel(o.timezone)} · ${o.timezone}`),
    h(
      'td',
      { class: 'row-actions' },
      o.id === ctx.officeId
        ? h('span', { class: 'pill pill-ok' }, t('managing'))
        : h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `office-manage-${o.code}`, onclick: manage }, t('manage')),
    ),
  );
}

/** Admins: every office, a new one, and which one to work on. */
export const officesTab: Tab = (el, ctx) => {
  const tab = loadedTab<OfficeSummary[]>(el, {
    keep: true,
    fetch: () => ctx.staff.json<OfficeSummary[]>('/offices'),
    paint(offices) {
      mount(
        el,
        h(
          'div',
          { class: 'stack' },
          h(
            'section',
            { class: 'card' },
            sectionHead(t('tab.offices')),
            !ctx.officeId ? h('p', { class: 'muted' }, t('chooseOfficeIntro')) : null,
            offices.length
              ? table(
                  'offices',
                  [t('code'), t('officeName'), t('timezone'), ''],
                  offices.map((o) => officeRow(o, ctx)),
                  t('tab.offices'),
                )
              : h('p', { class: 'muted' }, t('noOffices')),
          ),
          createForm(ctx, () => tab.load()),
        ),
      );
    },
  });
  void tab.load();
  return tab.view;
};
