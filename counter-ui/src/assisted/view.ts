// The assisted booking's form and the slip with the code, painted from the state.
import type { AppointmentView, ServiceView } from '@giliran/contracts';
import { openDialog } from '../../../ui-shared/dialog';
import { formatDate, formatTime, h, mount, zoneLabel, type Child } from '../../../ui-shared/dom';
import { field, input, select } from '../../../ui-shared/form';
import { i18n, t } from '../i18n';
import type { AssistedState } from './state';

export interface AssistedElements {
  service: HTMLSelectElement;
  daySelect: HTMLSelectElement;
  slots: HTMLElement;
  chosenLine: HTMLElement;
  slotField: HTMLElement;
  name: HTMLInputElement;
  nik: HTMLInputElement;
  phone: HTMLInputElement;
}

export function assistedElements(services: ServiceView[]): AssistedElements {
  const slots = h('div', { class: 'slot-grid', role: 'group', 'data-testid': 'assisted-slots' });
  const chosenLine = h('p', { class: 'muted small', 'aria-live': 'polite', 'data-testid': 'assisted-chosen' });
  return {
    service: select(
      services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}` })),
      services[0]?.id ?? '',
      { name: 'serviceId', 'data-testid': 'assisted-service' },
    ),
    daySelect: select([], '', { name: 'day', 'data-testid': 'assisted-day' }),
    slots,
    chosenLine,
    name: input({ name: 'citizen.name', maxlength: 100, required: true, autocomplete: 'off', 'data-testid': 'assisted-name' }),
    nik: input({ name: 'citizen.nik', maxlength: 16, inputmode: 'numeric', required: true, 'data-testid': 'assisted-nik' }),
    phone: input({ name: 'citizen.phone', type: 'tel', maxlength: 20, inputmode: 'tel', 'data-testid': 'assisted-phone' }),
    slotField: h(
      'div',
      { class: 'field', 'data-field': 'start' },
      h('span', { class: 'field-label' }, t('assistedSlot')),
      slots,
      chosenLine,
      h('p', { class: 'field-error', 'data-error-for': 'start', 'aria-live': 'polite' }),
    ),
  };
}

/** The dialog's body: service and day, the slots, the citizen. */
export function formContent(els: AssistedElements): Child[] {
  return [
    h('p', { class: 'muted' }, t('assistedIntro')),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'serviceId', label: t('assistedService'), control: els.service }),
      field({ name: 'day', label: t('assistedDay'), control: els.daySelect }),
    ),
    els.slotField,
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'citizen.name', label: t('assistedName'), control: els.name, class: 'span-2' }),
      field({ name: 'citizen.nik', label: t('assistedNik'), control: els.nik }),
      field({ name: 'citizen.phone', label: t('assistedPhone'), control: els.phone, hint: t('assistedPhoneHint') }),
    ),
  ];
}

/** A slot was picked: the "pick a slot" problems, next to the field and for the form, are gone. */
export function clearSlotErrors(els: AssistedElements): void {
  const err = els.slotField.querySelector('.field-error');
  if (err) err.textContent = '';
  const formError = els.slotField.closest('form')?.querySelector('.dialog-error');
  if (formError) formError.textContent = '';
}

function slotButton(slot: { start: string; remaining: number }, state: AssistedState, pick: (start: string) => void): HTMLElement {
  const locale = i18n.locale();
  return h(
    'button',
    {
      type: 'button',
      class: `slot${state.chosen === slot.start ? ' is-chosen' : ''}`,
      'data-testid': 'assisted-slot',
      'data-start': slot.start,
      'aria-pressed': state.chosen === slot.start ? 'true' : 'false',
      disabled: slot.remaining <= 0,
      onclick: () => pick(slot.start),
    },
    h('span', { class: 'slot-time num' }, formatTime(slot.start, state.zone, locale)),
    h('span', { class: 'slot-left small' }, slot.remaining > 0 ? t('assistedLeft', { n: slot.remaining }) : t('assistedFull')),
  );
}

export function paintSlots(els: AssistedElements, state: AssistedState, hasServices: boolean, pick: (start: string) => void): void {
  const { slots } = els;
  const { availability, chosen, zone } = state;
  if (!hasServices) return mount(slots, h('p', { class: 'muted' }, t('assistedNoServices')));
  if (state.loadError) return mount(slots, h('p', { class: 'error' }, state.loadError));
  if (!availability) return mount(slots, h('p', { class: 'muted' }, t('assistedSlotsLoading')));
  const list = availability.days.find((d) => d.date === state.day)?.slots ?? [];
  if (list.length === 0) return mount(slots, h('p', { class: 'muted' }, availability.days.length ? t('assistedNoSlots') : t('assistedNoDays')));
  mount(slots, ...list.map((s) => slotButton(s, state, pick)));
  els.chosenLine.textContent = chosen
    ? t('assistedChosen', { when: `${formatDate(chosen, zone, i18n.locale())}, ${formatTime(chosen, zone, i18n.locale())} ${zoneLabel(zone)}` })
    : '';
}

export function paintDays(els: AssistedElements, state: AssistedState): void {
  const days = state.availability?.days ?? [];
  const options = days.map((d) => {
    const free = d.slots.reduce((n, s) => n + (s.remaining > 0 ? 1 : 0), 0);
    return { value: d.date, label: `${formatDate(`${d.date}T12:00:00Z`, 'UTC', i18n.locale())}${free ? '' : ` (${t('assistedFull')})`}` };
  });
  els.daySelect.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  els.daySelect.value = state.day;
  els.daySelect.disabled = days.length === 0;
}

/** The booking is made: the code on a slip the officer prints or copies for the citizen. */
export function openCodeSlip(res: AppointmentView, officeName: string, service: ServiceView | undefined, zone: string): void {
  const date = formatDate(res.start, zone, i18n.locale());
  const time = `${formatTime(res.start, zone, i18n.locale())} ${zoneLabel(zone)}`;
  openDialog({
    title: t('assistedDoneTitle'),
    testId: 'assisted-done',
    submitTestId: 'assisted-print',
    submitLabel: t('assistedPrint'),
    cancelLabel: t('assistedClose'),
    content: [
      h(
        'div',
        { class: 'booking-slip' },
        h('p', { class: 'slip-office' }, officeName),
        h('p', { class: 'slip-label' }, t('assistedCodeLabel')),
        h('p', { class: 'slip-code num', 'data-testid': 'assisted-code' }, res.code),
        h('p', { class: 'slip-when' }, service ? `${service.prefix} · ${service.name}` : '', h('br'), `${date}, ${time}`),
        h('p', { class: 'muted small' }, t('assistedCodeHint', { date, time })),
      ),
    ],
    onSubmit: () => {
      window.print();
      return false;
    },
  });
}
