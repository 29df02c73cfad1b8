import { ApiError, type FieldProblem } from './api';
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

/** A whole-number `<input type="number">`; `attrs` add to it (`inputmode`, `data-testid`, a placeholder). */
export function numberInput(
  name: string,
  value: number | string,
  min: number,
  max: number,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
): HTMLInputElement {
  return input({ name, type: 'number', min, max, value, ...attrs });
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

/** A problem with one field: `field` is the API's name for it (`week.0.open`). */
export type Problem = { field: string; message: string };

export function clearErrors(scope: Element): void {
  for (const el of scope.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Puts each problem next to its field: `week.0.open` is tried, then `week.0`, then
 * `week`. Returns the messages that found no field, for a form-level line.
 */
export function showErrors(scope: Element, problems: Problem[]): string[] {
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
export function serverProblems(fields: FieldProblem[]): Problem[] {
  return fields.map((f) => ({ field: f.field, message: f.problems.join('; ') }));
}

export function formRow(...children: Child[]): HTMLElement {
  return h('div', { class: 'form-row' }, ...children);
}

/** What a form says about itself, in the screen's language of the moment (asked for when needed). */
export interface FormWords {
  /** Leads the line under a form whose own checks failed ("Fix the marked fields."). */
  fixFields(): string;
  /** Why a save failed, from its error. */
  failed(err: unknown): string;
}

/**
 * Runs `save` for a form: local problems first, then the server's, each next to its
 * field; the rest (and the error's own text) in `status`. Resolves whether it worked.
 */
export async function submitForm(scope: Element, status: HTMLElement, local: Problem[], save: () => Promise<void>, words: FormWords): Promise<boolean> {
  clearErrors(scope);
  status.textContent = '';
  status.className = 'form-status';
  if (local.length) {
    const unplaced = showErrors(scope, local);
    status.textContent = [words.fixFields(), ...unplaced].join(' ');
    status.classList.add('is-error');
    return false;
  }
  try {
    await save();
    return true;
  } catch (err) {
    const unplaced = err instanceof ApiError ? showErrors(scope, serverProblems(err.fields)) : [];
    status.textContent = [words.failed(err), ...unplaced].join(' ');
    status.classList.add('is-error');
    return false;
  }
}

export interface CardFormOptions {
  /** Heading and fields, above the status line and the submit button. */
  content: Child[];
  submitLabel: string;
  submitTestId: string;
  /** `data-testid` of the form itself. */
  testId?: string;
  words: FormWords;
  /** The form's own checks, run on each submit before anything is sent. */
  validate(): Problem[];
  save(): Promise<void>;
  /** After a save that worked (a fresh render, a "saved" line). */
  saved?(): void;
}

/**
 * A form on a page (`.card.form`) that goes through {@link submitForm}: its submit button is
 * disabled while the save runs, the problems land next to their fields.
 */
export function cardForm(opts: CardFormOptions): HTMLFormElement {
  const status = h('p', { class: 'form-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': opts.submitTestId }, opts.submitLabel);
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'data-testid': opts.testId },
    ...opts.content,
    h('div', { class: 'form-actions' }, status, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problems = opts.validate();
    submit.disabled = true;
    void submitForm(form, status, problems, opts.save, opts.words).then((ok) => {
      submit.disabled = false;
      if (ok) opts.saved?.();
    });
  });
  return form;
}
