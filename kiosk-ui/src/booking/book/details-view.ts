import { formatTime, h } from '../../../../ui-shared/dom';
import { field, input } from '../../../../ui-shared/form';
import { formatDay, formatRange } from '../dates';
import { i18n, t, type Key } from '../i18n';
import { notice, stepTitle } from '../layout';
import { NAME_MAX, type BookState, type FieldName, type Locale } from './state';
import type { BookHandlers } from './handlers';

// The details step: the citizen's name, NIK and contacts, the reminders' language, and the submit button.

type Attrs = Record<string, string | number | boolean>;

const submitText = (state: BookState) =>
  state.busy ? (state.resending ? t('resending') : t('submitting')) : state.waitFor ? t('waitlistSubmit') : t('submit');

/** Updates only the submit button while retrying, so the form does not flicker. */
export function paintSubmit(main: HTMLElement, state: BookState): void {
  const button = main.querySelector<HTMLButtonElement>('[data-testid="submit"]');
  if (!button) return;
  button.disabled = state.busy;
  button.textContent = submitText(state);
}

export function detailsStep(main: HTMLElement, state: BookState, on: BookHandlers): (HTMLElement | null)[] {
  const office = state.office!;
  const service = state.service!;
  const slot = state.slot;
  const locale = i18n.locale();
  if (state.waitFor || !slot) return waitlistDetails(main, state, on);
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
    state.room ? roomPanel(state) : null,
    detailsForm(main, state, on),
  ];
}

/** The details of a full day's waitlist: the day, how the waitlist works, and the same form. */
function waitlistDetails(main: HTMLElement, state: BookState, on: BookHandlers): (HTMLElement | null)[] {
  const service = state.service!;
  return [
    ...stepTitle(t('waitlistTitle'), t('waitlistHint')),
    notice(state.notice),
    h(
      'section',
      { class: 'summary', 'aria-label': t('waitlistTitle') },
      h(
        'div',
        { class: 'summary-text' },
        h('strong', {}, `${service.prefix} · ${service.name}`),
        h('span', {}, formatDay(state.date!, i18n.locale(), 'medium')),
      ),
      h('button', { type: 'button', class: 'link', 'data-testid': 'change-slot', onclick: () => history.back(), disabled: state.busy }, t('change')),
    ),
    detailsForm(main, state, on),
  ];
}

function detailsForm(main: HTMLElement, state: BookState, on: BookHandlers): HTMLElement {
  const f = state.form;
  const control = (name: FieldName, attrs: Attrs) => {
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
      const hadError = on.type(key, el.value);
      if (key === 'nik') nikCount.textContent = t('nikCount', { n: el.value.length });
      if (hadError) {
        // The message goes once the citizen fixes the field; its line keeps its place until then.
        el.removeAttribute('aria-invalid');
        const slotEl = main.querySelector(`[data-error-for="${key}"]`);
        if (slotEl) slotEl.textContent = '';
      }
    });
  };
  bind(name, 'name');
  bind(nik, 'nik', (v) => v.replace(/\D/g, '').slice(0, 16));
  bind(phone, 'phone');
  bind(email, 'email');

  const withError = (el: HTMLElement, key: FieldName) => {
    const slotEl = el.querySelector(`[data-error-for="${key}"]`);
    const e = state.fieldErrors[key];
    if (slotEl) slotEl.textContent = e ? t(e as Key) : '';
    return el;
  };

  const form = h(
    'form',
    { class: 'details-form', novalidate: true, 'aria-busy': state.busy ? 'true' : null },
    withError(field({ name: 'name', label: t('name'), control: name }), 'name'),
    withError(field({ name: 'nik', label: t('nik'), control: nik, hint: t('nikHint') }), 'nik'),
    withError(field({ name: 'phone', label: t('phone'), control: phone, hint: t('phoneHint') }), 'phone'),
    withError(field({ name: 'email', label: t('email'), control: email }), 'email'),
    h('fieldset', { class: 'field plain' }, h('legend', { class: 'label' }, t('language')), languages(f.locale, on)),
    notice(state.notice),
    // In the waiting room the panel above takes the button's place.
    state.room
      ? null
      : h('button', { type: 'submit', class: 'btn btn-block btn-primary-big', 'data-testid': 'submit', disabled: state.busy }, submitText(state)),
  );
  form.querySelector('[data-field="nik"] .field-hint')?.append(nikCount);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    on.submit();
  });
  return form;
}

/** The waiting room in place of the button: the citizen's place and expected turn, said politely as it changes. */
function roomPanel(state: BookState): HTMLElement {
  const room = state.room!;
  const locale = i18n.locale();
  const eta = room.estimatedAdmitAt ? Date.parse(room.estimatedAdmitAt) - Date.now() : null;
  const ahead = Math.max(0, room.position - 1);
  return h(
    'section',
    { class: 'card room', 'data-testid': 'waiting-room', role: 'status', 'aria-live': 'polite' },
    h('h2', { class: 'room-title' }, t('roomTitle')),
    h('p', {}, t('roomHint')),
    room.phase === 'preparing'
      ? h('p', { class: 'room-position', 'data-testid': 'room-preparing' }, t('roomPreparing'))
      : h('p', { class: 'room-position num', 'data-testid': 'room-position' }, ahead === 0 ? t('roomNext') : t('roomPosition', { n: ahead })),
    room.phase === 'waiting' && eta !== null
      ? h(
          'p',
          { class: 'room-eta', 'data-testid': 'room-eta' },
          eta < 60_000 ? t('roomEtaSoon') : t('roomEta', { time: formatTime(room.estimatedAdmitAt!, state.office!.timezone, locale) }),
        )
      : null,
    room.offline ? h('p', { class: 'notice notice-info' }, t('roomOffline')) : null,
  );
}

/** The reminders' language, as two segments. */
function languages(chosen: Locale, on: BookHandlers): HTMLElement {
  return h(
    'div',
    { class: 'segmented', role: 'radiogroup', 'aria-label': t('language') },
    ...(['id', 'en'] as const).map((lang) =>
      h(
        'label',
        { class: `segment${chosen === lang ? ' checked' : ''}` },
        h('input', {
          type: 'radio',
          name: 'locale',
          value: lang,
          checked: chosen === lang,
          'data-testid': `locale-${lang}`,
          onchange: (event: Event) => {
            on.chooseLocale(lang);
            // A class rather than :has(), which older phone browsers lack.
            const label = (event.target as HTMLElement).closest('.segment');
            label?.parentElement?.querySelectorAll('.segment').forEach((el) => el.classList.toggle('checked', el === label));
          },
        }),
        h('span', {}, lang === 'id' ? 'Bahasa Indonesia' : 'English'),
      ),
    ),
  );
}
