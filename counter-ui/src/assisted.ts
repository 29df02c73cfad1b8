import { ApiError, apiJson, errorCode, randomId } from '../../ui-shared/api';
import { openDialog, type DialogHandle } from '../../ui-shared/dialog';
import { formatDate, formatTime, h, mount, zoneLabel } from '../../ui-shared/dom';
import { clearErrors, field, input, select, serverProblems, showErrors } from '../../ui-shared/form';
import { errorMessage, i18n, t } from './i18n';
import { addDays, enc, todayIn, type OfficeFull } from './session';
import type { ShellContext } from './navigation';

/** `GET /offices/:id/services/:sid/availability`. */
interface Availability {
  timezone: string;
  days: { date: string; slots: { start: string; end: string; capacity: number; remaining: number }[] }[];
}

/** `POST /appointments` → 201. */
interface Booked {
  id: string;
  code: string;
  manageToken: string;
  status: string;
  start: string;
  end: string;
}

const DAYS_SHOWN = 14;
const NIK = /^\d{16}$/;
const PHONE = /^\+?[0-9 -]{8,20}$/;

/** `POST /appointments` with the officer's token and an `Idempotency-Key`. */
function book(token: string, key: string, body: unknown): Promise<Booked> {
  return apiJson<Booked>('/appointments', { method: 'POST', body, token, headers: { 'Idempotency-Key': key } });
}

/**
 * "Booking untuk warga": the officer books a slot for a citizen without a phone and
 * writes the 8-character code on paper for them (or prints it).
 */
export function openAssistedBooking(ctx: ShellContext & { officeId: string }, office: OfficeFull | null): void {
  const { staff, officeId } = ctx;
  const services = (office?.services ?? []).filter((s) => s.active !== false);
  let zone = office?.timezone ?? 'Asia/Jakarta';
  let availability: Availability | null = null;
  let loadError: string | null = null;
  let day = '';
  let chosen: string | null = null;
  let generation = 0;
  /** Kept for a retry of the very same request after the network failed; new otherwise. */
  let pending: { key: string; body: string } | null = null;

  const service = select(
    services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}` })),
    services[0]?.id ?? '',
    { name: 'serviceId', 'data-testid': 'assisted-service' },
  );
  const daySelect = select([], '', { name: 'day', 'data-testid': 'assisted-day' });
  const slots = h('div', { class: 'slot-grid', role: 'group', 'data-testid': 'assisted-slots' });
  const chosenLine = h('p', { class: 'muted small', 'aria-live': 'polite', 'data-testid': 'assisted-chosen' });
  const name = input({ name: 'citizen.name', maxlength: 100, required: true, autocomplete: 'off', 'data-testid': 'assisted-name' });
  const nik = input({ name: 'citizen.nik', maxlength: 16, inputmode: 'numeric', required: true, 'data-testid': 'assisted-nik' });
  const phone = input({ name: 'citizen.phone', type: 'tel', maxlength: 20, inputmode: 'tel', 'data-testid': 'assisted-phone' });

  const slotField = h(
    'div',
    { class: 'field', 'data-field': 'start' },
    h('span', { class: 'field-label' }, t('assistedSlot')),
    slots,
    chosenLine,
    h('p', { class: 'field-error', 'data-error-for': 'start', 'aria-live': 'polite' }),
  );

  function paintSlots() {
    if (services.length === 0) return mount(slots, h('p', { class: 'muted' }, t('assistedNoServices')));
    if (loadError) return mount(slots, h('p', { class: 'error' }, loadError));
    if (!availability) return mount(slots, h('p', { class: 'muted' }, t('assistedSlotsLoading')));
    const list = availability.days.find((d) => d.date === day)?.slots ?? [];
    if (list.length === 0) return mount(slots, h('p', { class: 'muted' }, availability.days.length ? t('assistedNoSlots') : t('assistedNoDays')));
    mount(
      slots,
      ...list.map((s) =>
        h(
          'button',
          {
            type: 'button',
            class: `slot${chosen === s.start ? ' is-chosen' : ''}`,
            'data-testid': 'assisted-slot',
            'data-start': s.start,
            'aria-pressed': chosen === s.start ? 'true' : 'false',
            disabled: s.remaining <= 0,
            onclick: () => {
              chosen = s.start;
              const err = slotField.querySelector('.field-error');
              if (err) err.textContent = '';
              const formError = slotField.closest('form')?.querySelector('.dialog-error');
              if (formError) formError.textContent = '';
              paintSlots();
            },
          },
          h('span', { class: 'slot-time num' }, formatTime(s.start, zone, i18n.locale())),
          h('span', { class: 'slot-left small' }, s.remaining > 0 ? t('assistedLeft', { n: s.remaining }) : t('assistedFull')),
        ),
      ),
    );
    chosenLine.textContent = chosen
      ? t('assistedChosen', { when: `${formatDate(chosen, zone, i18n.locale())}, ${formatTime(chosen, zone, i18n.locale())} ${zoneLabel(zone)}` })
      : '';
  }

  function paintDays() {
    const days = availability?.days ?? [];
    const options = days.map((d) => {
      const free = d.slots.reduce((n, s) => n + (s.remaining > 0 ? 1 : 0), 0);
      return { value: d.date, label: `${formatDate(`${d.date}T12:00:00Z`, 'UTC', i18n.locale())}${free ? '' : ` (${t('assistedFull')})`}` };
    });
    daySelect.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
    if (!days.some((d) => d.date === day)) day = days.find((d) => d.slots.some((s) => s.remaining > 0))?.date ?? days[0]?.date ?? '';
    daySelect.value = day;
    daySelect.disabled = days.length === 0;
  }

  async function loadSlots() {
    const mine = ++generation;
    availability = null;
    loadError = null;
    chosen = null;
    paintSlots();
    if (!service.value) return;
    const from = todayIn(zone);
    const to = addDays(from, DAYS_SHOWN - 1);
    try {
      const res = await staff.json<Availability>(`/offices/${enc(officeId)}/services/${enc(service.value)}/availability?from=${from}&to=${to}`);
      if (mine !== generation) return;
      availability = res;
      zone = res.timezone || zone;
    } catch (err) {
      if (mine !== generation) return;
      loadError = errorMessage(errorCode(err));
    }
    paintDays();
    paintSlots();
  }

  service.addEventListener('change', () => void loadSlots());
  daySelect.addEventListener('change', () => {
    day = daySelect.value;
    chosen = null;
    paintSlots();
  });

  openDialog({
    title: t('assistedTitle'),
    testId: 'assisted-dialog',
    submitTestId: 'assisted-submit',
    submitLabel: t('assistedSubmit'),
    cancelLabel: t('cancel'),
    wide: true,
    content: [
      h('p', { class: 'muted' }, t('assistedIntro')),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'serviceId', label: t('assistedService'), control: service }),
        field({ name: 'day', label: t('assistedDay'), control: daySelect }),
      ),
      slotField,
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'citizen.name', label: t('assistedName'), control: name, class: 'span-2' }),
        field({ name: 'citizen.nik', label: t('assistedNik'), control: nik }),
        field({ name: 'citizen.phone', label: t('assistedPhone'), control: phone, hint: t('assistedPhoneHint') }),
      ),
    ],
    onSubmit: async (dlg) => {
      clearErrors(dlg.form);
      const citizen = { name: name.value.trim(), nik: nik.value.replace(/\s+/g, ''), phone: phone.value.trim() };
      const problems: { field: string; message: string }[] = [];
      if (!chosen) problems.push({ field: 'start', message: t('assistedPickSlot') });
      if (citizen.name.length < 2 || citizen.name.length > 100) problems.push({ field: 'citizen.name', message: t('v.name') });
      if (!NIK.test(citizen.nik)) problems.push({ field: 'citizen.nik', message: t('v.nik') });
      if (citizen.phone && !PHONE.test(citizen.phone)) problems.push({ field: 'citizen.phone', message: t('v.phone') });
      if (problems.length) {
        const unplaced = showErrors(dlg.form, problems);
        dlg.setError([t('err.VALIDATION_FAILED'), ...unplaced].join(' '));
        return false;
      }
      const body = JSON.stringify({
        officeId,
        serviceId: service.value,
        start: chosen,
        citizen: { name: citizen.name, nik: citizen.nik, ...(citizen.phone ? { phone: citizen.phone } : {}) },
        locale: 'id',
      });
      const key = pending && pending.body === body ? pending.key : randomId();
      pending = { key, body };
      try {
        const res = await book(staff.session.token, key, JSON.parse(body));
        pending = null;
        showCode(res);
        return true;
      } catch (err) {
        if (errorCode(err) !== 'NETWORK_ERROR') pending = null;
        if (err instanceof ApiError && err.status === 401) {
          ctx.logout(t('sessionExpired'));
          return true;
        }
        return keepOpen(dlg, err);
      }
    },
  });

  function keepOpen(dlg: DialogHandle, err: unknown): false {
    const code = errorCode(err);
    const unplaced = err instanceof ApiError ? showErrors(dlg.form, serverProblems(err.fields)) : [];
    if (code === 'INVALID_NIK' || code === 'DUPLICATE_BOOKING') showErrors(dlg.form, [{ field: 'citizen.nik', message: errorMessage(code) }]);
    if (code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE' || code === 'DAILY_QUOTA_REACHED') {
      // The picture of the day is stale: fetch it again so the officer picks another time.
      void loadSlots();
    }
    dlg.setError([errorMessage(code), ...unplaced].join(' '));
    return false;
  }

  function showCode(res: Booked) {
    const svc = services.find((s) => s.id === service.value);
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
          h('p', { class: 'slip-office' }, office?.name ?? ''),
          h('p', { class: 'slip-label' }, t('assistedCodeLabel')),
          h('p', { class: 'slip-code num', 'data-testid': 'assisted-code' }, res.code),
          h('p', { class: 'slip-when' }, svc ? `${svc.prefix} · ${svc.name}` : '', h('br'), `${date}, ${time}`),
          h('p', { class: 'muted small' }, t('assistedCodeHint', { date, time })),
        ),
      ],
      onSubmit: () => {
        window.print();
        return false;
      },
    });
  }

  paintSlots();
  void loadSlots();
}
