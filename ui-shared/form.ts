import type { FieldProblem } from './api';
import { h, type Child } from './dom';
import './form.css';

export interface FieldOptions {
  /** Matches the API's field name (`prefix`, `week.0.open`) so server problems land here. */
  name: string;
  label: string;
  control: HTMLElement;
  hint?: string;
  class?: string;
}

/** A labelled control with a reserved line for its error. */
export function field(opts: FieldOptions): HTMLElement {
  const id = opts.control.id || `f-${opts.name.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  opts.control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  opts.control.setAttribute('aria-describedby', [opts.hint ? hintId : '', errorId].filter(Boolean).join(' '));
  // Once the user changes the field, its old complaint no longer applies.
  const clear = () => {
    const slot = opts.control.parentElement?.querySelector('.field-error');
    if (slot) slot.textContent = '';
    opts.control.removeAttribute('aria-invalid');
  };
  opts.control.addEventListener('input', clear);
  opts.control.addEventListener('change', clear);
  return h(
    'div',
    { class: `field ${opts.class ?? ''}`, 'data-field': opts.name },
    h('label', { for: id }, opts.label),
    opts.control,
    opts.hint ? h('p', { class: 'field-hint', id: hintId }, opts.hint) : null,
    h('p', { class: 'field-error', id: errorId, 'data-error-for': opts.name, 'aria-live': 'polite' }),
  );
}

/** `<input>` with the attributes forms here always want. */
export function input(attrs: Record<string, string | number | boolean | null | undefined>): HTMLInputElement {
  return h('input', { class: 'input', autocomplete: 'off', ...attrs });
}

export function select(
  options: { value: string; label: string }[],
  value: string,
  attrs: Record<string, string | boolean | null | undefined> = {},
): HTMLSelectElement {
  const el = h('select', { class: 'input', ...attrs }, ...options.map((o) => h('option', { value: o.value }, o.label)));
  el.value = value;
  return el;
}

export function clearErrors(scope: Element): void {
  for (const el of scope.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Puts each problem next to its field: `week.0.open` is tried, then `week.0`, then
 * `week`. Returns the messages that found no field, for a form-level line.
 */
export function showErrors(scope: Element, problems: { field: string; message: string }[]): string[] {
  const unplaced: string[] = [];
  let focused = false;
  for (const p of problems) {
    const parts = p.field.split('.');
    let slot: Element | null = null;
    while (parts.length && !slot) {
      slot = scope.querySelector(`[data-error-for="${CSS.escape(parts.join('.'))}"]`);
      parts.pop();
    }
    if (!slot) {
      unplaced.push(p.message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${p.message}` : p.message;
    const control = slot.closest('.field')?.querySelector<HTMLElement>('input, select, textarea');
    control?.setAttribute('aria-invalid', 'true');
    if (control && !focused) {
      control.focus();
      focused = true;
    }
  }
  return unplaced;
}

/** The server's problems, each with its own text (class-validator's English) as the detail. */
export function serverProblems(fields: FieldProblem[]): { field: string; message: string }[] {
  return fields.map((f) => ({ field: f.field, message: f.problems.join('; ') }));
}

export function formRow(...children: Child[]): HTMLElement {
  return h('div', { class: 'form-row' }, ...children);
}
