import type { ServiceView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { t } from '../i18n';
import type { KioskHandlers } from './handlers';

/** The optional phone number for the near-turn message, with what it is used for. */
export function renderPhone(main: HTMLElement, service: ServiceView, invalid: boolean, on: KioskHandlers): void {
  const input = h('input', {
    id: 'phone',
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
    class: 'phone-input num',
    'data-testid': 'phone',
    'aria-describedby': invalid ? 'phone-consent phone-error' : 'phone-consent',
    'aria-invalid': invalid ? 'true' : 'false',
    maxlength: '20',
  }) as HTMLInputElement;
  const submit = (e: Event) => {
    e.preventDefault();
    on.submitPhone(service, input.value);
  };
  mount(
    main,
    h(
      'form',
      { class: 'phone-form', 'data-testid': 'phone-form', onsubmit: submit, novalidate: true },
      h('h1', { class: 'title' }, t('phoneTitle')),
      h('p', { class: 'muted' }, `${service.prefix} — ${service.name}`),
      h('label', { for: 'phone' }, t('phoneLabel')),
      input,
      invalid ? h('p', { class: 'error', id: 'phone-error', role: 'alert' }, t('phoneInvalid')) : null,
      h('p', { class: 'muted small', id: 'phone-consent', 'data-testid': 'phone-consent' }, t('phoneConsent')),
      h('button', { type: 'submit', class: 'btn', 'data-testid': 'phone-submit' }, t('phoneSubmit')),
      h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'phone-skip', onclick: () => on.skipPhone(service) }, t('phoneSkip')),
      h('button', { type: 'button', class: 'link-button', onclick: on.backToStart }, t('cancel')),
    ),
  );
  input.focus();
}
