import type { OfficeDetail, OfficeSummary, ServiceView } from '@giliran/contracts';
import { ApiError, errorCode } from '../../../ui-shared/api';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { calendarLink, codeBlock, factsList, manageLinkBox, officeInfo, qrBlock } from './card';
import { addDays, formatDay, formatRange, todayIn } from './dates';
import { availableDays, isTransient, randomId, request, sleep } from './http';
import { errorText, i18n, t, type Key } from './i18n';
import { createFrame, focusTitle, notice, renderHeader, stepBar, stepTitle, type Text } from './layout';
import { dayList, slotGrid } from './pickers';
import type { AppointmentView, DayView, NewAppointment, SlotView } from './types';

type Step = 'office' | 'service' | 'day' | 'slot' | 'details' | 'done';
type FieldName = 'name' | 'nik' | 'phone' | 'email';

/** The API allows 62 days per availability query; longer windows are asked in parts. */
/** Days older than this are asked again when the citizen comes back to the day list. */
const DAYS_FRESH_MS = 30_000;
/** Retries of one submission after no answer, with the same Idempotency-Key. */
const RETRY_DELAYS_MS = [1500, 4000];

const NAME_MIN = 2;
const NAME_MAX = 100;
const PHONE = /^\+?[0-9 -]{8,20}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

interface State {
  step: Step;
  /** The office came with the link (`?office=`) or is the only one: no office step. */
  officeFixed: boolean;
  officeId: string | null;
  offices: OfficeSummary[] | null;
  office: OfficeDetail | null;
  service: ServiceView | null;
  days: DayView[] | null;
  daysAt: number;
  date: string | null;
  slot: SlotView | null;
  failed: boolean;
  form: { name: string; nik: string; phone: string; email: string; locale: 'id' | 'en' };
  fieldErrors: Partial<Record<FieldName, Key>>;
  notice: Text | null;
  busy: boolean;
  resending: boolean;
  /** The submission in flight or last failed, with its key: the same body is retried with the same key. */
  attempt: { json: string; body: NewAppointment; key: string; unresolved: boolean } | null;
  booking: AppointmentView | null;
}

/** `/book` and `/book?office=<id>`: office → service → day → slot → details → confirmation. */
export function startBooking(root: HTMLElement): void {
  const frame = createFrame(root);
  const officeParam = new URLSearchParams(location.search).get('office');
  const state: State = {
    step: officeParam ? 'service' : 'office',
    officeFixed: Boolean(officeParam),
    officeId: officeParam,
    offices: null,
    office: null,
    service: null,
    days: null,
    daysAt: 0,
    date: null,
    slot: null,
    failed: false,
    form: { name: '', nik: '', phone: '', email: '', locale: i18n.lang },
    fieldErrors: {},
    notice: null,
    busy: false,
    resending: false,
    attempt: null,
    booking: null,
  };

  const steps = (): Step[] => (state.officeFixed ? ['service', 'day', 'slot', 'details'] : ['office', 'service', 'day', 'slot', 'details']);
  const day = (): DayView | null => state.days?.find((d) => d.date === state.date) ?? null;

  /** The furthest step at or before `wanted` whose data is there (after a stray back/forward). */
  const reachable = (wanted: Step): Step => {
    if (wanted === 'done') return state.booking ? 'done' : reachable('details');
    const ok: Record<Step, boolean> = {
      office: true,
      service: state.officeFixed || Boolean(state.office),
      day: Boolean(state.office && state.service),
      slot: Boolean(state.office && state.service && state.date),
      details: Boolean(state.office && state.service && state.slot),
      done: Boolean(state.booking),
    };
    const order = steps();
    let i = Math.max(0, order.indexOf(wanted));
    while (i > 0 && !ok[order[i]!]) i--;
    return order[i]!;
  };

  /** Forward: one history entry per step, so the phone's back button goes back one step. */
  const go = (step: Step) => {
    state.step = step;
    state.notice = null;
    history.pushState({ book: step }, '');
    enter(step);
    render();
    focusTitle(frame.main);
  };

  /** Back to an earlier step through history (entries are one per step), with a message to show there. */
  const backTo = (step: Step, message: Text | null = null) => {
    const delta = steps().indexOf(step) - steps().indexOf(state.step);
    if (delta < 0 && steps().includes(state.step)) {
      pendingNotice = message;
      history.go(delta);
    } else {
      state.step = step;
      state.notice = message;
      render();
      focusTitle(frame.main);
    }
  };
  let pendingNotice: Text | null = null;

  window.addEventListener('popstate', (event) => {
    const wanted = (event.state as { book?: Step } | null)?.book ?? steps()[0]!;
    state.step = reachable(wanted);
    state.notice = pendingNotice;
    pendingNotice = null;
    enter(state.step);
    render();
    focusTitle(frame.main);
  });

  /** What a step needs loaded when one arrives at it. */
  function enter(step: Step) {
    if (step === 'office' && !state.offices) void loadOffices();
    if (step === 'day' && (!state.days || Date.now() - state.daysAt > DAYS_FRESH_MS)) void loadDays();
  }

  async function loadOffices() {
    state.failed = false;
    try {
      state.offices = await request<OfficeSummary[]>('/offices');
      if (state.offices.length === 1 && state.step === 'office') {
        // One office only: it is the office; skip the step.
        state.officeFixed = true;
        history.replaceState({ book: 'service' }, '');
        state.step = 'service';
        await loadOffice(state.offices[0]!.id);
        return;
      }
    } catch {
      state.failed = true;
    }
    render();
  }

  async function loadOffice(officeId: string) {
    state.officeId = officeId;
    state.failed = false;
    render();
    try {
      state.office = await request<OfficeDetail>(`/offices/${encodeURIComponent(officeId)}`);
      const only = state.office.services.filter((s) => s.active);
      if (state.service && !only.some((s) => s.id === state.service!.id)) state.service = null;
    } catch (err) {
      if (errorCode(err) === 'NOT_FOUND' || errorCode(err) === 'VALIDATION_FAILED') {
        // A stale or mistyped link: offer the list instead.
        state.officeFixed = false;
        state.office = null;
        state.step = 'office';
        history.replaceState({ book: 'office' }, '', '/book');
        state.notice = () => t('err.NOT_FOUND');
        void loadOffices();
        return;
      }
      state.failed = true;
    }
    render();
  }

  async function fetchDays(from: string, to: string): Promise<DayView[]> {
    const { office, service } = state;
    if (!office || !service) return [];
    return availableDays(office.id, service.id, from, to);
  }

  async function loadDays() {
    const { office, service } = state;
    if (!office || !service) return;
    state.failed = false;
    const today = todayIn(office.timezone);
    try {
      const days = await fetchDays(today, addDays(today, Math.max(0, service.bookingWindowDays)));
      if (state.service !== service) return;
      state.days = days;
      state.daysAt = Date.now();
    } catch {
      if (!state.days) state.failed = true;
    }
    render();
  }

  /** One day asked again (after SLOT_FULL): the list shows what is really left. */
  async function refreshDay(date: string) {
    try {
      const [fresh] = await fetchDays(date, date);
      if (fresh && state.days) state.days = state.days.map((d) => (d.date === date ? fresh : d));
    } catch {
      // The old list stays; the server refuses a full slot anyway.
    }
  }

  function pickOffice(office: OfficeSummary) {
    if (state.office?.id !== office.id) {
      state.office = null;
      state.service = null;
      state.days = null;
      state.date = null;
      state.slot = null;
    }
    history.replaceState({ book: 'office' }, '', `/book?office=${encodeURIComponent(office.id)}`);
    go('service');
    if (!state.office) void loadOffice(office.id);
  }

  function pickService(service: ServiceView) {
    if (state.service?.id !== service.id) {
      state.service = service;
      state.days = null;
      state.date = null;
      state.slot = null;
    }
    go('day');
  }

  function pickDay(d: DayView) {
    if (state.date !== d.date) state.slot = null;
    state.date = d.date;
    go('slot');
  }

  function pickSlot(slot: SlotView) {
    state.slot = slot;
    go('details');
  }

  // ---- submission ----------------------------------------------------------------------------

  function validate(): Partial<Record<FieldName, Key>> {
    const f = state.form;
    const errors: Partial<Record<FieldName, Key>> = {};
    const name = f.name.trim();
    if (name.length < NAME_MIN || name.length > NAME_MAX) errors.name = 'v.name';
    if (!/^\d{16}$/.test(f.nik)) errors.nik = 'v.nik';
    if (f.phone.trim() && !PHONE.test(f.phone.trim())) errors.phone = 'v.phone';
    if (f.email.trim() && (!EMAIL.test(f.email.trim()) || f.email.trim().length > 120)) errors.email = 'v.email';
    return errors;
  }

  async function send(body: NewAppointment, key: string): Promise<AppointmentView> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request<AppointmentView>('/appointments', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
      } catch (err) {
        if (!isTransient(err) || attempt >= RETRY_DELAYS_MS.length) throw err;
        state.resending = true;
        paintSubmit();
        await sleep(RETRY_DELAYS_MS[attempt]!);
      }
    }
  }

  async function submit() {
    if (state.busy || !state.office || !state.service || !state.slot) return;
    const problems = validate();
    state.fieldErrors = problems;
    state.notice = null;
    if (Object.keys(problems).length) {
      render();
      frame.main.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const f = state.form;
    const body: NewAppointment = {
      officeId: state.office.id,
      serviceId: state.service.id,
      start: state.slot.start,
      citizen: {
        name: f.name.trim().replace(/\s+/g, ' '),
        nik: f.nik,
        ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
        ...(f.email.trim() ? { email: f.email.trim() } : {}),
      },
      locale: f.locale,
    };
    // One key per submission: a double tap or a retry of the very same booking books once.
    const json = JSON.stringify(body);
    state.busy = true;
    state.resending = false;
    render();
    const pending = state.attempt;
    if (pending?.unresolved && pending.json !== json) {
      // An earlier submission got no answer and may have booked; changing a field must not book
      // twice (the second would only meet DUPLICATE_BOOKING, with no link). Learn its fate first.
      try {
        return succeed(await send(pending.body, pending.key), true);
      } catch (err) {
        if (isTransient(err)) return failed(err);
        // Refused, so it never booked: go on with what the citizen sends now.
      }
    }
    if (!state.attempt || state.attempt.json !== json) state.attempt = { json, body, key: randomId(), unresolved: false };
    const attempt = state.attempt;
    try {
      succeed(await send(body, attempt.key), false);
    } catch (err) {
      attempt.unresolved = isTransient(err);
      await failed(err);
    }
  }

  function succeed(booking: AppointmentView, fromEarlier: boolean) {
    state.booking = booking;
    state.attempt = null;
    state.step = 'done';
    state.busy = false;
    state.notice = fromEarlier ? () => t('earlierBooked') : null;
    // The address becomes the citizen's own link: a reload or a bookmark keeps the booking at hand.
    if (booking.manageToken) history.replaceState({ book: 'done' }, '', `/manage/${encodeURIComponent(booking.manageToken)}`);
    render();
    focusTitle(frame.main);
  }

  /** After a refused or unanswered submission; the button stays busy until the right step is shown. */
  async function failed(err: unknown) {
    const code = errorCode(err);
    if ((code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE') && state.date) await refreshDay(state.date);
    state.busy = false;
    switch (code) {
      case 'SLOT_FULL':
      case 'SLOT_UNAVAILABLE':
        state.slot = null;
        return backTo('slot', () => errorText(code));
      case 'DAILY_QUOTA_REACHED':
        state.slot = null;
        state.daysAt = 0;
        return backTo('day', () => errorText(code));
      case 'SERVICE_INACTIVE':
        state.service = null;
        if (state.office) void loadOffice(state.office.id);
        return backTo('service', () => errorText(code));
      case 'INVALID_NIK':
        state.fieldErrors = { nik: 'err.INVALID_NIK' };
        break;
      case 'VALIDATION_FAILED': {
        const fields = err instanceof ApiError ? err.fields : [];
        const errors: State['fieldErrors'] = {};
        for (const f of fields) {
          const name = f.field.replace(/^citizen\./, '');
          if (name === 'name' || name === 'nik' || name === 'phone' || name === 'email') errors[name] = `v.${name}`;
          else if (name === 'start') {
            state.slot = null;
            return backTo('slot', () => t('v.start'));
          }
        }
        state.fieldErrors = errors;
        state.notice = () => errorText(code);
        break;
      }
      case 'NOT_FOUND':
        // The service (or office) was removed meanwhile: choose again from a fresh list.
        state.service = null;
        if (state.office) void loadOffice(state.office.id);
        return backTo('service', () => errorText(code));
      default:
        // DUPLICATE_BOOKING, RATE_LIMITED, NETWORK_ERROR, 5xx: stay, keep what was typed.
        state.notice = () => errorText(code);
    }
    render();
    (frame.main.querySelector<HTMLElement>('[aria-invalid="true"]') ?? frame.main.querySelector<HTMLElement>('.notice'))?.focus();
  }

  /** Updates only the submit button while retrying, so the form does not flicker. */
  function paintSubmit() {
    const button = frame.main.querySelector<HTMLButtonElement>('[data-testid="submit"]');
    if (!button) return;
    button.disabled = state.busy;
    button.textContent = state.busy ? (state.resending ? t('resending') : t('submitting')) : t('submit');
  }

  // ---- rendering -----------------------------------------------------------------------------

  function render() {
    renderHeader(frame, state.office?.name ?? null);
    document.title = `${t('brandSub')} — Giliran`;
    frame.main.className = `book-main step-${state.step}`;
    if (state.step === 'done' && state.booking) return renderDone(state.booking);
    const list = steps();
    const index = list.indexOf(state.step);
    const bar = stepBar({ n: index + 1, total: list.length, onBack: index > 0 ? () => history.back() : null });
    const body = (() => {
      switch (state.step) {
        case 'office':
          return renderOffices();
        case 'service':
          return renderServices();
        case 'day':
          return renderDays();
        case 'slot':
          return renderSlots();
        case 'details':
          return renderDetails();
        default:
          return [];
      }
    })();
    // A step painted again (its data arrived) must not drop the focus to the page: it goes back
    // to the step's title, where the screen reader was.
    const hadFocus = frame.main.contains(document.activeElement);
    mount(frame.main, bar, ...body);
    if (hadFocus && !frame.main.contains(document.activeElement)) focusTitle(frame.main);
  }

  const failedBlock = (retry: () => void) => [
    h('p', { class: 'notice notice-error', role: 'alert' }, t('loadFailed')),
    h('button', { type: 'button', class: 'btn btn-block', onclick: retry }, t('retry')),
  ];

  function renderOffices(): (HTMLElement | null)[] {
    const head = [...stepTitle(t('pickOffice'), t('pickOfficeHint')), notice(state.notice)];
    if (state.failed && !state.offices) return [...head, ...failedBlock(() => void loadOffices())];
    if (!state.offices) return [...head, skeletonList(4)];
    if (state.offices.length === 0) return [...head, h('p', { class: 'empty' }, t('noOffices'))];
    return [
      ...head,
      h(
        'ul',
        { class: 'choice-list' },
        ...state.offices.map((office) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'choice', 'data-testid': `office-${office.id}`, onclick: () => pickOffice(office) },
              h(
                'span',
                { class: 'choice-text' },
                h('strong', {}, office.name),
                h('small', { class: 'muted' }, `${office.code} · ${zoneLabel(office.timezone)}`),
              ),
              h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
            ),
          ),
        ),
      ),
    ];
  }

  function renderServices(): (HTMLElement | null)[] {
    const office = state.office;
    const services = office?.services.filter((s) => s.active) ?? [];
    const minutes = [...new Set(services.map((s) => s.slotMinutes))];
    const head = [...stepTitle(t('pickService'), minutes.length === 1 ? t('pickServiceHint', { n: minutes[0]! }) : null), notice(state.notice)];
    if (state.failed && !office) return [...head, ...failedBlock(() => void loadOffice(state.officeId ?? ''))];
    if (!office) return [...head, skeletonList(3)];
    if (services.length === 0) return [...head, officeInfo(office), h('p', { class: 'empty' }, t('noServices'))];
    return [
      ...head,
      officeInfo(office),
      h(
        'ul',
        { class: 'choice-list' },
        ...services.map((service) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: `choice${state.service?.id === service.id ? ' selected' : ''}`,
                'data-testid': `service-${service.id}`,
                onclick: () => pickService(service),
              },
              h('span', { class: 'choice-prefix', 'aria-hidden': 'true' }, service.prefix),
              h(
                'span',
                { class: 'choice-text' },
                h('strong', {}, service.name),
                h('small', { class: 'muted' }, t('slotLength', { n: service.slotMinutes })),
                service.requirements?.length ? h('small', { class: 'muted choice-reqs' }, t('bringShort', { list: service.requirements.join(', ') })) : null,
              ),
              h('span', { class: 'chevron', 'aria-hidden': 'true' }, '›'),
            ),
          ),
        ),
      ),
    ];
  }

  function renderDays(): (HTMLElement | null)[] {
    const office = state.office!;
    const service = state.service!;
    const head = [...stepTitle(t('pickDay'), `${service.name} · ${office.name}`), notice(state.notice), h('p', { class: 'hint muted' }, t('pickDayHint'))];
    if (state.failed && !state.days) return [...head, ...failedBlock(() => void loadDays())];
    const open = state.days?.some((d) => d.slots.some((s) => s.remaining > 0));
    return [
      ...head,
      state.days && !open ? h('p', { class: 'empty' }, t('noDays')) : null,
      dayList({ days: state.days, today: todayIn(office.timezone), selected: state.date, onPick: pickDay }),
    ];
  }

  function renderSlots(): (HTMLElement | null)[] {
    const office = state.office!;
    const d = day();
    const free = d?.slots.some((s) => s.remaining > 0);
    return [
      ...stepTitle(t('pickSlot'), d ? formatDay(d.date, i18n.locale()) : null),
      notice(state.notice),
      h('p', { class: 'hint muted' }, t('pickSlotHint', { zone: zoneLabel(office.timezone) })),
      d && free ? slotGrid({ day: d, timeZone: office.timezone, onPick: pickSlot }) : null,
      !d || !free
        ? h(
            'div',
            { class: 'empty' },
            h('p', {}, t('noSlots')),
            h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => history.back() }, t('pickDay')),
          )
        : null,
    ];
  }

  function renderDetails(): (HTMLElement | null)[] {
    const office = state.office!;
    const service = state.service!;
    const slot = state.slot!;
    const locale = i18n.locale();
    const f = state.form;

    const control = (name: FieldName, attrs: Record<string, string | number | boolean>) => {
      const el = input({ name, value: f[name], 'data-testid': name, ...attrs });
      if (state.fieldErrors[name]) el.setAttribute('aria-invalid', 'true');
      return el;
    };
    const name = control('name', { autocomplete: 'name', autocapitalize: 'words', maxlength: NAME_MAX, enterkeyhint: 'next' });
    const nik = control('nik', { inputmode: 'numeric', maxlength: 24, pattern: '[0-9]*', enterkeyhint: 'next', class: 'input num' });
    const phone = control('phone', { type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20, enterkeyhint: 'next' });
    const email = control('email', {
      type: 'email',
      inputmode: 'email',
      autocomplete: 'email',
      maxlength: 120,
      autocapitalize: 'off',
      spellcheck: 'false',
      enterkeyhint: 'done',
    });
    const nikCount = h('span', { class: 'nik-count num', 'aria-hidden': 'true' }, t('nikCount', { n: f.nik.length }));

    const bind = (el: HTMLInputElement, key: FieldName, clean?: (v: string) => string) => {
      el.addEventListener('input', () => {
        if (clean) {
          const cleaned = clean(el.value);
          if (cleaned !== el.value) el.value = cleaned;
        }
        f[key] = el.value;
        if (key === 'nik') nikCount.textContent = t('nikCount', { n: el.value.length });
        if (state.fieldErrors[key]) {
          // The message goes once the citizen fixes the field; its line keeps its place until then.
          delete state.fieldErrors[key];
          el.removeAttribute('aria-invalid');
          const slotEl = frame.main.querySelector(`[data-error-for="${key}"]`);
          if (slotEl) slotEl.textContent = '';
        }
      });
    };
    bind(name, 'name');
    bind(nik, 'nik', (v) => v.replace(/\D/g, '').slice(0, 16));
    bind(phone, 'phone');
    bind(email, 'email');

    const languages = h(
      'div',
      { class: 'segmented', role: 'radiogroup', 'aria-label': t('language') },
      ...(['id', 'en'] as const).map((lang) =>
        h(
          'label',
          { class: `segment${f.locale === lang ? ' checked' : ''}` },
          h('input', {
            type: 'radio',
            name: 'locale',
            value: lang,
            checked: f.locale === lang,
            'data-testid': `locale-${lang}`,
            onchange: (event: Event) => {
              f.locale = lang;
              localeChosen = true;
              // A class rather than :has(), which older phone browsers lack.
              const label = (event.target as HTMLElement).closest('.segment');
              label?.parentElement?.querySelectorAll('.segment').forEach((el) => el.classList.toggle('checked', el === label));
            },
          }),
          h('span', {}, lang === 'id' ? 'Bahasa Indonesia' : 'English'),
        ),
      ),
    );

    const errorOf = (key: FieldName) => {
      const e = state.fieldErrors[key];
      return e ? t(e as Key) : '';
    };
    const withError = (el: HTMLElement, key: FieldName) => {
      const slotEl = el.querySelector(`[data-error-for="${key}"]`);
      if (slotEl) slotEl.textContent = errorOf(key);
      return el;
    };

    const submitButton = h(
      'button',
      { type: 'submit', class: 'btn btn-block btn-primary-big', 'data-testid': 'submit', disabled: state.busy },
      state.busy ? (state.resending ? t('resending') : t('submitting')) : t('submit'),
    );

    const form = h(
      'form',
      { class: 'details-form', novalidate: true, 'aria-busy': state.busy ? 'true' : null },
      withError(field({ name: 'name', label: t('name'), control: name }), 'name'),
      withError(field({ name: 'nik', label: t('nik'), control: nik, hint: t('nikHint') }), 'nik'),
      withError(field({ name: 'phone', label: t('phone'), control: phone, hint: t('phoneHint') }), 'phone'),
      withError(field({ name: 'email', label: t('email'), control: email }), 'email'),
      h('fieldset', { class: 'field plain' }, h('legend', { class: 'label' }, t('language')), languages),
      notice(state.notice),
      submitButton,
    );
    form.querySelector('[data-field="nik"] .field-hint')?.append(nikCount);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit();
    });

    return [
      ...stepTitle(t('details'), t('detailsHint')),
      h(
        'section',
        { class: 'summary', 'aria-label': t('yourBooking') },
        h(
          'div',
          { class: 'summary-text' },
          h('strong', {}, `${service.prefix} · ${service.name}`),
          h('span', {}, formatDay(state.date ?? slot.start.slice(0, 10), locale, 'medium')),
          h('span', { class: 'num' }, formatRange(slot.start, slot.end, office.timezone, locale)),
        ),
        h('button', { type: 'button', class: 'link', 'data-testid': 'change-slot', onclick: () => history.back(), disabled: state.busy }, t('change')),
      ),
      form,
    ];
  }

  function renderDone(booking: AppointmentView) {
    const office = state.office!;
    const service = office.services.find((s) => s.id === booking.serviceId) ?? state.service ?? undefined;
    mount(
      frame.main,
      h(
        'section',
        { class: 'done-head' },
        h('span', { class: 'done-icon', 'aria-hidden': 'true' }, '✓'),
        h('h1', { class: 'step-title', tabindex: '-1' }, t('booked')),
      ),
      notice(state.notice, 'info'),
      h(
        'section',
        { class: 'card booking-card' },
        codeBlock(booking.code),
        qrBlock(booking.code),
        h('p', { class: 'muted center small' }, t('bookedHint')),
        factsList(booking, office, service),
      ),
      booking.manageToken ? calendarLink(booking.manageToken, booking.code) : null,
      booking.manageToken ? manageLinkBox(booking.manageToken) : null,
      h('a', { class: 'btn btn-secondary btn-block', href: `/book?office=${encodeURIComponent(office.id)}` }, t('bookAnother')),
    );
  }

  // Each step starts at its top; the browser's own restoring would land mid-list after a back.
  history.scrollRestoration = 'manual';
  history.replaceState({ book: state.step }, '');
  // Reminders follow the page's language until the citizen picks one for them.
  let localeChosen = false;
  i18n.onChange(() => {
    if (!localeChosen) state.form.locale = i18n.lang;
    render();
  });
  enter(state.step);
  render();
  if (officeParam) void loadOffice(officeParam);
}

function skeletonList(rows: number): HTMLElement {
  return h(
    'ul',
    { class: 'choice-list', 'aria-busy': 'true' },
    ...Array.from({ length: rows }, () => h('li', {}, h('div', { class: 'choice skeleton', 'aria-hidden': 'true' }))),
  );
}
