import type { ServiceView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc } from '../session';
import { checker, confirmDialog, failedBlock, formDialog, intIn, loadingBlock, sectionHead, table, type Tab } from './common';

const PREFIX = /^[A-Z]{1,4}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** All services of the office, inactive ones too: add, edit, switch on and off. */
export const servicesTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let services: ServiceView[] | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    if (!services) mount(el, loadingBlock());
    try {
      services = await ctx.staff.json<ServiceView[]>(`/offices/${enc(officeId)}/services`);
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
    // The console and the kiosk read the office's active services: let them see the change.
    void ctx.office(true).catch(() => undefined);
  }

  function openForm(existing: ServiceView | null) {
    const code = input({ name: 'code', maxlength: 32, value: existing?.code, disabled: !!existing, 'data-testid': 'service-code', placeholder: 'ktp' });
    const prefix = input({
      name: 'prefix',
      maxlength: 4,
      value: existing?.prefix,
      disabled: !!existing,
      'data-testid': 'service-prefix',
      placeholder: 'A',
      class: 'input input-prefix',
    });
    prefix.addEventListener('input', () => (prefix.value = prefix.value.toUpperCase()));
    const name = input({ name: 'name', maxlength: 120, value: existing?.name, 'data-testid': 'service-name', placeholder: t('serviceNamePlaceholder') });
    const slotMinutes = input({
      name: 'slotMinutes',
      type: 'number',
      min: 5,
      max: 240,
      value: existing?.slotMinutes ?? 15,
      'data-testid': 'service-slot-minutes',
    });
    const slotCapacity = input({
      name: 'slotCapacity',
      type: 'number',
      min: 1,
      max: 1000,
      value: existing?.slotCapacity ?? 1,
      'data-testid': 'service-slot-capacity',
    });
    const window = input({
      name: 'bookingWindowDays',
      type: 'number',
      min: 0,
      max: 365,
      value: existing?.bookingWindowDays ?? 14,
      'data-testid': 'service-window',
    });
    const quota = input({
      name: 'dailyTicketQuota',
      type: 'number',
      min: 1,
      max: 9999,
      value: existing?.dailyTicketQuota ?? '',
      placeholder: t('unlimited'),
      'data-testid': 'service-quota',
    });
    const description = h('textarea', { class: 'input', name: 'description', rows: 2, maxlength: 500, 'data-testid': 'service-description' });
    description.value = existing?.description ?? '';
    const requirements = h('textarea', { class: 'input', name: 'requirements', rows: 4, 'data-testid': 'service-requirements' });
    requirements.value = (existing?.requirements ?? []).join('\n');
    const number = (name: string, value: number, min: number, max: number, testId: string) =>
      input({ name, type: 'number', min, max, value, inputmode: 'numeric', 'data-testid': testId });
    const expected = number('expectedServiceMinutes', existing?.expectedServiceMinutes ?? 5, 1, 240, 'service-expected');
    const before = number('checkInBeforeMinutes', existing?.checkInBeforeMinutes ?? 30, 0, 10080, 'service-check-in-before');
    const after = number('checkInAfterMinutes', existing?.checkInAfterMinutes ?? 15, 0, 10080, 'service-check-in-after');
    const order = number('sortOrder', existing?.sortOrder ?? 0, -1000, 1000, 'service-sort-order');
    const documents = () =>
      requirements.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    formDialog({
      title: existing ? t('serviceEdit', { name: existing.name }) : t('serviceAdd'),
      testId: 'service-form',
      submitLabel: existing ? t('save') : t('add'),
      wide: true,
      content: [
        h(
          'div',
          { class: 'form-grid' },
          field({ name: 'prefix', label: t('prefix'), control: prefix, hint: existing ? t('fixedAfterCreate') : t('prefixHint') }),
          field({ name: 'code', label: t('code'), control: code, hint: existing ? t('fixedAfterCreate') : t('codeHint') }),
          field({ name: 'name', label: t('serviceName'), control: name, class: 'span-2' }),
          field({ name: 'slotMinutes', label: t('slotMinutes'), control: slotMinutes, hint: t('slotMinutesHint') }),
          field({ name: 'slotCapacity', label: t('slotCapacity'), control: slotCapacity, hint: t('slotCapacityHint') }),
          field({ name: 'bookingWindowDays', label: t('bookingWindow'), control: window, hint: t('bookingWindowHint') }),
          field({ name: 'dailyTicketQuota', label: t('dailyQuota'), control: quota, hint: t('dailyQuotaHint') }),
          field({ name: 'expectedServiceMinutes', label: t('expectedService'), control: expected, hint: t('expectedServiceHint') }),
          field({ name: 'sortOrder', label: t('sortOrder'), control: order, hint: t('sortOrderHint') }),
          field({ name: 'checkInBeforeMinutes', label: t('checkInBefore'), control: before, hint: t('checkInBeforeHint') }),
          field({ name: 'checkInAfterMinutes', label: t('checkInAfter'), control: after, hint: t('checkInAfterHint') }),
          field({ name: 'description', label: t('description'), control: description, class: 'span-2' }),
          field({ name: 'requirements', label: t('requirements'), control: requirements, hint: t('requirementsHint'), class: 'span-2' }),
        ),
      ],
      validate() {
        const { problems, check } = checker();
        if (!existing) {
          check(PREFIX.test(prefix.value), 'prefix', t('v.prefix'));
          check(CODE.test(code.value), 'code', t('v.code'));
        }
        check(name.value.trim().length > 0, 'name', t('v.required'));
        check(intIn(slotMinutes.value, 5, 240), 'slotMinutes', t('v.range', { min: 5, max: 240 }));
        check(intIn(slotCapacity.value, 1, 1000), 'slotCapacity', t('v.range', { min: 1, max: 1000 }));
        check(intIn(window.value, 0, 365), 'bookingWindowDays', t('v.range', { min: 0, max: 365 }));
        check(quota.value.trim() === '' || intIn(quota.value, 1, 9999), 'dailyTicketQuota', t('v.range', { min: 1, max: 9999 }));
        check(intIn(expected.value, 1, 240), 'expectedServiceMinutes', t('v.range', { min: 1, max: 240 }));
        check(intIn(before.value, 0, 10080), 'checkInBeforeMinutes', t('v.range', { min: 0, max: 10080 }));
        check(intIn(after.value, 0, 10080), 'checkInAfterMinutes', t('v.range', { min: 0, max: 10080 }));
        check(intIn(order.value, -1000, 1000), 'sortOrder', t('v.range', { min: -1000, max: 1000 }));
        check(documents().length <= 20 && documents().every((d) => d.length <= 200), 'requirements', t('v.range', { min: 0, max: 20 }));
        return problems;
      },
      async save() {
        const common = {
          name: name.value.trim(),
          slotMinutes: Number(slotMinutes.value),
          slotCapacity: Number(slotCapacity.value),
          bookingWindowDays: Number(window.value),
          dailyTicketQuota: quota.value.trim() === '' ? null : Number(quota.value),
          expectedServiceMinutes: Number(expected.value),
          checkInBeforeMinutes: Number(before.value),
          checkInAfterMinutes: Number(after.value),
          sortOrder: Number(order.value),
          description: description.value.trim() || null,
          requirements: documents(),
        };
        if (existing) {
          await ctx.staff.json(`/offices/${enc(officeId)}/services/${enc(existing.id)}`, { method: 'PATCH', body: common });
          ctx.flash(t('saved'));
        } else {
          await ctx.staff.json(`/offices/${enc(officeId)}/services`, { method: 'POST', body: { code: code.value.trim(), prefix: prefix.value, ...common } });
          ctx.flash(t('serviceAdded', { name: common.name }));
        }
        await load();
      },
    });
  }

  function toggle(s: ServiceView) {
    const run = async () => {
      await ctx.staff.json(`/offices/${enc(officeId)}/services/${enc(s.id)}`, { method: 'PATCH', body: { active: !s.active } });
      ctx.flash(s.active ? t('serviceDeactivated', { name: s.name }) : t('serviceActivated', { name: s.name }));
      await load();
    };
    if (!s.active) return void run().catch(() => ctx.flash(t('err.generic'), 'error'));
    confirmDialog({
      title: t('serviceDeactivateTitle', { name: s.name }),
      text: t('serviceDeactivateText'),
      confirm: t('deactivate'),
      testId: 'service-deactivate',
      danger: true,
      run,
    });
  }

  function render() {
    if (failed && !services)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!services) return mount(el, loadingBlock());
    const rows = services.map((s) =>
      h(
        'tr',
        { 'data-testid': `service-${s.prefix}`, class: s.active ? '' : 'is-inactive' },
        h('td', {}, h('span', { class: 'prefix-chip' }, s.prefix)),
        h('td', {}, h('strong', {}, s.name), h('div', { class: 'muted small' }, s.code)),
        h('td', {}, t('slotSummary', { m: s.slotMinutes, n: s.slotCapacity })),
        h('td', {}, t('days', { n: s.bookingWindowDays })),
        h('td', {}, s.dailyTicketQuota === null ? t('unlimited') : String(s.dailyTicketQuota)),
        h('td', {}, h('span', { class: `pill ${s.active ? 'pill-ok' : 'pill-off'}` }, s.active ? t('active') : t('inactive'))),
        h(
          'td',
          { class: 'row-actions' },
          h(
            'button',
            { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `service-edit-${s.prefix}`, onclick: () => openForm(s) },
            t('edit'),
          ),
          h(
            'button',
            { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `service-toggle-${s.prefix}`, onclick: () => toggle(s) },
            s.active ? t('deactivate') : t('activate'),
          ),
        ),
      ),
    );
    mount(
      el,
      h(
        'section',
        { class: 'card' },
        sectionHead(
          t('tab.services'),
          h('button', { type: 'button', class: 'btn', 'data-testid': 'service-add', onclick: () => openForm(null) }, t('serviceAdd')),
        ),
        services.length
          ? table(
              'services',
              [t('prefix'), t('serviceName'), t('slot'), t('bookingWindowShort'), t('dailyQuotaShort'), t('status'), ''],
              rows,
              t('tab.services'),
            )
          : h('p', { class: 'muted' }, t('servicesEmpty')),
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
