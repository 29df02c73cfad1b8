import { h, mount } from '../../../ui-shared/dom';
import { CODE_ALPHABET, CODE_LENGTH, groupCode, isCompleteCode, normaliseCode } from '../booking-code';
import type { CheckInState } from './state';
import { errorText, t } from './text';

/** What the screen's keys, fields and buttons do (see actions.ts). */
export interface CheckInHandlers {
  /** Any touch: the idle timer starts again. */
  touch(): void;
  typed(raw: string): void;
  key(value: string): void;
  submit(): void;
  startScan(): void;
  stopScan(): void;
  close(): void;
}

/** The elements updated in place while typing (no re-render, so nothing flickers). */
export interface CheckInParts {
  codeInput: HTMLInputElement;
  submitButton: HTMLButtonElement;
  messageLine: HTMLElement;
  keys: HTMLButtonElement[];
}

export function renderCheckIn(el: HTMLElement, state: CheckInState, canScan: boolean, on: CheckInHandlers): CheckInParts {
  const codeInput = h('input', {
    class: 'code-input num',
    id: 'checkin-code',
    name: 'code',
    'data-testid': 'code-input',
    value: groupCode(state.code),
    maxlength: CODE_LENGTH + 1,
    inputmode: 'none',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    enterkeyhint: 'go',
    placeholder: '____ ____',
    'aria-describedby': 'checkin-message',
  });
  codeInput.addEventListener('input', () => on.typed(codeInput.value));
  const submitButton = h(
    'button',
    { type: 'button', class: 'btn btn-big checkin-submit', 'data-testid': 'check-in-submit', onclick: () => on.submit() },
    t('submit'),
  );
  const messageLine = h('p', { class: 'checkin-message', id: 'checkin-message', role: 'alert', 'data-testid': 'check-in-error' });

  const form = h(
    'form',
    { class: 'checkin-form', novalidate: true, autocomplete: 'off' },
    h('label', { class: 'code-label', for: 'checkin-code' }, t('codeLabel')),
    codeInput,
    messageLine,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    on.submit();
  });

  const keys = state.scanning ? [] : keyboardKeys(on);
  const scanArea = state.scanning
    ? h(
        'div',
        { class: 'scan-area' },
        h('video', { class: 'scan-video', muted: true, playsinline: true, autoplay: true, 'aria-hidden': 'true' }),
        h('p', { class: 'scan-hint' }, t('scanHint')),
        h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'scan-stop', onclick: () => on.stopScan() }, t('scanStop')),
      )
    : h('div', { class: 'keyboard', role: 'group', 'aria-label': t('codeLabel') }, ...keys);

  mount(
    el,
    h(
      'section',
      { class: 'checkin', 'data-testid': 'check-in-screen', onpointerdown: () => on.touch() },
      h('h1', { class: 'title' }, t('title')),
      h('p', { class: 'muted subtitle' }, canScan ? t('hintScan') : t('hint')),
      form,
      scanArea,
      h(
        'div',
        { class: 'checkin-actions' },
        h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'check-in-back', onclick: () => on.close() }, t('back')),
        canScan && !state.scanning
          ? h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'scan', onclick: () => on.startScan() }, t('scan'))
          : null,
        submitButton,
      ),
    ),
  );
  return { codeInput, submitButton, messageLine, keys };
}

/** The code's alphabet and a backspace, as big keys. */
function keyboardKeys(on: CheckInHandlers): HTMLButtonElement[] {
  const key = (label: string, value: string, attrs: Record<string, string> = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: `key${value.length > 1 ? ' key-action' : ''}`,
        'data-key': value,
        'data-testid': `key-${value}`,
        ...attrs,
        onclick: () => on.key(value),
      },
      label,
    );
  const keys = [...CODE_ALPHABET].map((c) => key(c, c));
  keys.push(key('⌫', 'back', { 'aria-label': t('backspace') }));
  return keys;
}

/** Brings the parts in line with the state: the code, the button, the message and the keys. */
export function paint(parts: CheckInParts | null, state: CheckInState, timeZone: string): void {
  if (!parts) return;
  const { codeInput, submitButton, messageLine, keys } = parts;
  const { code, busy, message, lastError } = state;
  if (normaliseCode(codeInput.value) !== code) codeInput.value = groupCode(code);
  submitButton.disabled = busy || !isCompleteCode(code);
  submitButton.textContent = busy ? t('checking') : t('submit');
  const text = lastError ? errorText(lastError, timeZone) : message ? t(message.key) : '';
  messageLine.textContent = text;
  messageLine.className = `checkin-message ${lastError || message?.kind === 'error' ? 'is-error' : 'is-info'}`;
  const full = code.length >= CODE_LENGTH;
  for (const key of keys) {
    const kind = key.dataset.key;
    key.disabled = busy || (kind === 'back' || kind === 'clear' ? code.length === 0 : full);
  }
}
