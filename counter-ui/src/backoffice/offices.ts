import type { OfficeSummary } from '@giliran/contracts';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { field, input, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { TIME_ZONES, checker, failedBlock, loadingBlock, sectionHead, submitForm, table, type Tab } from './common';

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

/** Admins: every office, a new one, and which one to work on. */
export const officesTab: Tab = (el, ctx) => {
  let offices: OfficeSummary[] | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    if (!offices) mount(el, loadingBlock());
    try {
      offices = await ctx.staff.json<OfficeSummary[]>('/offices');
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  function createForm(): HTMLElement {
    const code = input({ name: 'code', maxlength: 32, 'data-testid': 'office-code', placeholder: 'DKI-JKT-01', autocapitalize: 'characters' });
    const name = input({ name: 'name', maxlength: 120, 'data-testid': 'office-new-name', placeholder: t('officeNamePlaceholder') });
    const timezone = select(
      TIME_ZONES.map((z) => ({ value: z, label: `${z} (${zoneLabel(z)})` })),
      'Asia/Jakarta',
      { name: 'timezone', 'data-testid': 'office-new-timezone' },
    );
    const status = h('p', { class: 'form-status', role: 'status' });
    const add = h('button', { type: 'submit', class: 'btn', 'data-testid': 'office-create' }, t('officeCreate'));
    const form = h(
      'form',
      { class: 'card form', novalidate: true },
      h('h2', {}, t('officeCreateTitle')),
      h(
        'div',
        { class: 'form-grid form-grid-3' },
        field({ name: 'code', label: t('code'), control: code, hint: t('officeCodeHint') }),
        field({ name: 'name', label: t('officeName'), control: name }),
        field({ name: 'timezone', label: t('timezone'), control: timezone }),
      ),
      h('div', { class: 'form-actions' }, status, add),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const { problems, check } = checker();
      check(CODE.test(code.value.trim()), 'code', t('v.officeCode'));
      check(name.value.trim().length > 0, 'name', t('v.required'));
      add.disabled = true;
      void submitForm(form, status, problems, async () => {
        const created = await ctx.staff.json<OfficeSummary>('/offices', {
          method: 'POST',
          body: { code: code.value.trim(), name: name.value.trim(), timezone: timezone.value },
        });
        ctx.flash(t('officeCreated', { name: created.name }));
        await load();
      }).then(() => {
        add.disabled = false;
      });
    });
    return form;
  }

  function render() {
    if (failed && !offices)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!offices) return mount(el, loadingBlock());
    const rows = offices.map((o) =>
      h(
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
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-secondary btn-small',
                  'data-testid': `office-manage-${o.code}`,
                  onclick: () => {
                    history.replaceState(null, '', '#/office/settings');
                    ctx.switchOffice(o.id);
                  },
                },
                t('manage'),
              ),
        ),
      ),
    );
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
            ? table('offices', [t('code'), t('officeName'), t('timezone'), ''], rows, t('tab.offices'))
            : h('p', { class: 'muted' }, t('noOffices')),
        ),
        createForm(),
      ),
    );
  }

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
