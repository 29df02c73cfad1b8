import type { ServiceView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input, numberInput } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc } from '../session';
import { checker, confirmDialog, formDialog, intIn, sectionHead, table, type Problem, type Tab } from './common';
import { loadedTab } from './loaded-tab';
import { openReleaseLive } from './release-live';

const PREFIX = /^[A-Z]{1,4}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** The service form's controls, filled from the service being edited (or the defaults for a new one). */
function serviceControls(existing: ServiceView | null) {
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
  const description = h('textarea', { class: 'input', name: 'description', rows: 2, maxlength: 500, 'data-testid': 'service-description' });
  description.value = existing?.description ?? '';
  const requirements = h('textarea', { class: 'input', name: 'requirements', rows: 4, 'data-testid': 'service-requirements' });
  requirements.value = (existing?.requirements ?? []).join('\n');
  const numeric = (testId: string) => ({ inputmode: 'numeric', 'data-testid': testId });
  return {
    code,
    prefix,
    name,
    slotMinutes: numberInput('slotMinutes', existing?.slotMinutes ?? 15, 5, 240, { 'data-testid': 'service-slot-minutes' }),
    slotCapacity: numberInput('slotCapacity', existing?.slotCapacity ?? 1, 1, 1000, { 'data-testid': 'service-slot-capacity' }),
    window: numberInput('bookingWindowDays', existing?.bookingWindowDays ?? 14, 0, 365, { 'data-testid': 'service-window' }),
    quota: numberInput('dailyTicketQuota', existing?.dailyTicketQuota ?? '', 0, 99999, { placeholder: t('unlimited'), 'data-testid': 'service-quota' }),
    onlineQuota: numberInput('quota.online', existing?.quota.online ?? '', 0, 99999, { placeholder: t('unlimited'), 'data-testid': 'service-online-quota' }),
    priorityQuota: numberInput('quota.priority', existing?.quota.priority ?? '', 0, 99999, {
      placeholder: t('unlimited'),
      'data-testid': 'service-priority-quota',
    }),
    rollover: input({ name: 'onlineRolloverAt', type: 'time', value: existing?.onlineRolloverAt ?? '', 'data-testid': 'service-rollover' }),
    releaseDays: numberInput('release.daysAhead', existing?.release?.daysAhead ?? '', 0, 365, numeric('service-release-days')),
    releaseAt: input({ name: 'release.at', type: 'time', value: existing?.release?.at ?? '', 'data-testid': 'service-release-at' }),
    roomPerMinute: numberInput('waitingRoom.admitPerMinute', existing?.waitingRoom?.admitPerMinute ?? '', 1, 100000, numeric('service-room-per-minute')),
    roomAdmission: numberInput('waitingRoom.admissionMinutes', existing?.waitingRoom?.admissionMinutes ?? '', 1, 120, numeric('service-room-admission')),
    roomOpen: numberInput('waitingRoom.openMinutes', existing?.waitingRoom?.openMinutes ?? '', 1, 1440, numeric('service-room-open')),
    description,
    requirements,
    expected: numberInput('expectedServiceMinutes', existing?.expectedServiceMinutes ?? 5, 1, 240, numeric('service-expected')),
    before: numberInput('checkInBeforeMinutes', existing?.checkInBeforeMinutes ?? 30, 0, 10080, numeric('service-check-in-before')),
    after: numberInput('checkInAfterMinutes', existing?.checkInAfterMinutes ?? 15, 0, 10080, numeric('service-check-in-after')),
    order: numberInput('sortOrder', existing?.sortOrder ?? 0, -1000, 1000, numeric('service-sort-order')),
  };
}

type ServiceControls = ReturnType<typeof serviceControls>;

/** The documents to bring, one a line. */
function documents(c: ServiceControls): string[] {
  return c.requirements.value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function serviceFields(c: ServiceControls, existing: ServiceView | null): HTMLElement {
  return h(
    'div',
    { class: 'form-grid' },
    field({ name: 'prefix', label: t('prefix'), control: c.prefix, hint: existing ? t('fixedAfterCreate') : t('prefixHint') }),
    field({ name: 'code', label: t('code'), control: c.code, hint: existing ? t('fixedAfterCreate') : t('codeHint') }),
    field({ name: 'name', label: t('serviceName'), control: c.name, class: 'span-2' }),
    field({ name: 'slotMinutes', label: t('slotMinutes'), control: c.slotMinutes, hint: t('slotMinutesHint') }),
    field({ name: 'slotCapacity', label: t('slotCapacity'), control: c.slotCapacity, hint: t('slotCapacityHint') }),
    field({ name: 'bookingWindowDays', label: t('bookingWindow'), control: c.window, hint: t('bookingWindowHint') }),
    field({ name: 'dailyTicketQuota', label: t('dailyQuota'), control: c.quota, hint: t('dailyQuotaHint') }),
    field({ name: 'quota.priority', label: t('priorityQuota'), control: c.priorityQuota, hint: t('priorityQuotaHint') }),
    field({ name: 'quota.online', label: t('onlineQuota'), control: c.onlineQuota, hint: t('onlineQuotaHint') }),
    field({ name: 'onlineRolloverAt', label: t('rolloverAt'), control: c.rollover, hint: t('rolloverAtHint') }),
    field({ name: 'release.daysAhead', label: t('releaseDays'), control: c.releaseDays, hint: t('releaseDaysHint') }),
    field({ name: 'release.at', label: t('releaseAt'), control: c.releaseAt, hint: t('releaseAtHint') }),
    field({ name: 'waitingRoom.admitPerMinute', label: t('roomPerMinute'), control: c.roomPerMinute, hint: t('roomPerMinuteHint') }),
    field({ name: 'waitingRoom.admissionMinutes', label: t('roomAdmissionMinutes'), control: c.roomAdmission, hint: t('roomAdmissionMinutesHint') }),
    field({ name: 'waitingRoom.openMinutes', label: t('roomOpenMinutes'), control: c.roomOpen, hint: t('roomOpenMinutesHint') }),
    field({ name: 'expectedServiceMinutes', label: t('expectedService'), control: c.expected, hint: t('expectedServiceHint') }),
    field({ name: 'sortOrder', label: t('sortOrder'), control: c.order, hint: t('sortOrderHint') }),
    field({ name: 'checkInBeforeMinutes', label: t('checkInBefore'), control: c.before, hint: t('checkInBeforeHint') }),
    field({ name: 'checkInAfterMinutes', label: t('checkInAfter'), control: c.after, hint: t('checkInAfterHint') }),
    field({ name: 'description', label: t('description'), control: c.description, class: 'span-2' }),
    field({ name: 'requirements', label: t('requirements'), control: c.requirements, hint: t('requirementsHint'), class: 'span-2' }),
  );
}

function validateService(c: ServiceControls, existing: ServiceView | null): Problem[] {
  const { problems, check } = checker();
  const inRange = (control: HTMLInputElement, min: number, max: number) => check(intIn(control.value, min, max), control.name, t('v.range', { min, max }));
  if (!existing) {
    check(PREFIX.test(c.prefix.value), 'prefix', t('v.prefix'));
    check(CODE.test(c.code.value), 'code', t('v.code'));
  }
  check(c.name.value.trim().length > 0, 'name', t('v.required'));
  inRange(c.slotMinutes, 5, 240);
  inRange(c.slotCapacity, 1, 1000);
  inRange(c.window, 0, 365);
  for (const control of [c.quota, c.onlineQuota, c.priorityQuota])
    check(control.value.trim() === '' || intIn(control.value, 0, 99999), control.name, t('v.range', { min: 0, max: 99999 }));
  check(c.rollover.value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(c.rollover.value), 'onlineRolloverAt', t('v.time'));
  // A release is both a number of days and a time, or neither.
  const releaseDays = c.releaseDays.value.trim();
  check(releaseDays === '' || intIn(releaseDays, 0, 365), 'release.daysAhead', t('v.range', { min: 0, max: 365 }));
  check((releaseDays === '') === (c.releaseAt.value === ''), releaseDays === '' ? 'release.daysAhead' : 'release.at', t('v.releaseBoth'));
  // A waiting room is all three figures, or none.
  const room = [c.roomPerMinute, c.roomAdmission, c.roomOpen];
  const roomLimits: [number, number][] = [
    [1, 100000],
    [1, 120],
    [1, 1440],
  ];
  const roomSet = room.filter((control) => control.value.trim() !== '');
  room.forEach((control, i) =>
    check(
      control.value.trim() === '' || intIn(control.value, ...roomLimits[i]!),
      control.name,
      t('v.range', { min: roomLimits[i]![0], max: roomLimits[i]![1] }),
    ),
  );
  check(roomSet.length === 0 || roomSet.length === 3, (room.find((control) => control.value.trim() === '') ?? c.roomPerMinute).name, t('v.roomAll'));
  inRange(c.expected, 1, 240);
  inRange(c.before, 0, 10080);
  inRange(c.after, 0, 10080);
  inRange(c.order, -1000, 1000);
  check(documents(c).length <= 20 && documents(c).every((d) => d.length <= 200), 'requirements', t('v.range', { min: 0, max: 20 }));
  return problems;
}

/** An empty number field: no limit. */
const orNull = (value: string) => (value.trim() === '' ? null : Number(value));

/** What both a new and an edited service send. */
function serviceBody(c: ServiceControls) {
  return {
    name: c.name.value.trim(),
    slotMinutes: Number(c.slotMinutes.value),
    slotCapacity: Number(c.slotCapacity.value),
    bookingWindowDays: Number(c.window.value),
    dailyTicketQuota: c.quota.value.trim() === '' ? null : Number(c.quota.value),
    quota: { online: orNull(c.onlineQuota.value), priority: orNull(c.priorityQuota.value) },
    onlineRolloverAt: c.rollover.value || null,
    release: c.releaseDays.value.trim() === '' ? null : { daysAhead: Number(c.releaseDays.value), at: c.releaseAt.value },
    waitingRoom:
      c.roomPerMinute.value.trim() === ''
        ? null
        : { admitPerMinute: Number(c.roomPerMinute.value), admissionMinutes: Number(c.roomAdmission.value), openMinutes: Number(c.roomOpen.value) },
    expectedServiceMinutes: Number(c.expected.value),
    checkInBeforeMinutes: Number(c.before.value),
    checkInAfterMinutes: Number(c.after.value),
    sortOrder: Number(c.order.value),
    description: c.description.value.trim() || null,
    requirements: documents(c),
  };
}

function servicesView(
  services: ServiceView[],
  openForm: (existing: ServiceView | null) => void,
  toggle: (s: ServiceView) => void,
  live: (s: ServiceView) => void,
): HTMLElement {
  const button = (testId: string, onclick: () => void, label: string) =>
    h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': testId, onclick }, label);
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
        s.waitingRoom ? button(`service-live-${s.prefix}`, () => live(s), t('liveOpen')) : null,
        button(`service-edit-${s.prefix}`, () => openForm(s), t('edit')),
        button(`service-toggle-${s.prefix}`, () => toggle(s), s.active ? t('deactivate') : t('activate')),
      ),
    ),
  );
  return h(
    'section',
    { class: 'card' },
    sectionHead(t('tab.services'), h('button', { type: 'button', class: 'btn', 'data-testid': 'service-add', onclick: () => openForm(null) }, t('serviceAdd'))),
    services.length
      ? table('services', [t('prefix'), t('serviceName'), t('slot'), t('bookingWindowShort'), t('dailyQuotaShort'), t('status'), ''], rows, t('tab.services'))
      : h('p', { class: 'muted' }, t('servicesEmpty')),
  );
}

/** All services of the office, inactive ones too: add, edit, switch on and off. */
export const servicesTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const tab = loadedTab<ServiceView[]>(el, {
    keep: true,
    fetch: () => ctx.staff.json<ServiceView[]>(`/offices/${enc(officeId)}/services`),
    paint: (services) =>
      mount(
        el,
        servicesView(services, openForm, toggle, (s) => openReleaseLive(ctx, s)),
      ),
    // The console and the kiosk read the office's active services: let them see the change.
    afterLoad: () => void ctx.office(true).catch(() => undefined),
  });

  function openForm(existing: ServiceView | null) {
    const controls = serviceControls(existing);
    formDialog({
      title: existing ? t('serviceEdit', { name: existing.name }) : t('serviceAdd'),
      testId: 'service-form',
      submitLabel: existing ? t('save') : t('add'),
      wide: true,
      content: [serviceFields(controls, existing)],
      validate: () => validateService(controls, existing),
      async save() {
        const common = serviceBody(controls);
        if (existing) {
          await ctx.staff.json(`/offices/${enc(officeId)}/services/${enc(existing.id)}`, { method: 'PATCH', body: common });
          ctx.flash(t('saved'));
        } else {
          const body = { code: controls.code.value.trim(), prefix: controls.prefix.value, ...common };
          await ctx.staff.json(`/offices/${enc(officeId)}/services`, { method: 'POST', body });
          ctx.flash(t('serviceAdded', { name: common.name }));
        }
        await tab.load();
      },
    });
  }

  function toggle(s: ServiceView) {
    const run = async () => {
      await ctx.staff.json(`/offices/${enc(officeId)}/services/${enc(s.id)}`, { method: 'PATCH', body: { active: !s.active } });
      ctx.flash(s.active ? t('serviceDeactivated', { name: s.name }) : t('serviceActivated', { name: s.name }));
      await tab.load();
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

  void tab.load();
  return tab.view;
};
