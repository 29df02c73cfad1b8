import { h, type Child } from './dom';
import './dialog.css';

export interface DialogOptions {
  title: string;
  content: Child[];
  submitLabel: string;
  cancelLabel: string;
  /** `data-testid` of the dialog and of its submit button. */
  testId?: string;
  submitTestId?: string;
  /** A destructive action: the submit button is red. */
  danger?: boolean;
  wide?: boolean;
  /**
   * Runs on submit while the buttons are disabled. Resolve `false` to keep the dialog
   * open (after showing an error with `setError` or next to a field); anything else closes it.
   */
  onSubmit(ctx: DialogHandle): Promise<boolean | void> | boolean | void;
  onClose?(): void;
}

export interface DialogHandle {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  setError(text: string): void;
  close(): void;
}

/**
 * A modal `<dialog>`: focus stays inside, Escape cancels, the page behind is inert.
 * It removes itself from the document when closed.
 */
export function openDialog(opts: DialogOptions): DialogHandle {
  const error = h('p', { class: 'dialog-error', role: 'alert', 'data-testid': opts.testId ? `${opts.testId}-error` : null });
  const submit = h('button', { type: 'submit', class: `btn ${opts.danger ? 'btn-danger' : ''}`, 'data-testid': opts.submitTestId ?? null }, opts.submitLabel);
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', value: 'cancel' }, opts.cancelLabel);
  const titleId = `dlg-${Math.random().toString(36).slice(2, 9)}`;
  const form = h(
    'form',
    { class: 'dialog-form', novalidate: true },
    h('h2', { class: 'dialog-title', id: titleId }, opts.title),
    h('div', { class: 'dialog-body' }, ...opts.content),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: `dialog${opts.wide ? ' dialog-wide' : ''}`, 'aria-labelledby': titleId, 'data-testid': opts.testId ?? null }, form);

  let busy = false;
  const handle: DialogHandle = {
    dialog,
    form,
    setError(text) {
      error.textContent = text;
    },
    close() {
      if (dialog.open) dialog.close();
    },
  };

  cancel.addEventListener('click', () => handle.close());
  dialog.addEventListener('cancel', (event) => {
    if (busy) event.preventDefault();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opts.onClose?.();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    submit.disabled = true;
    cancel.disabled = true;
    error.textContent = '';
    void (async () => {
      let keepOpen: boolean;
      try {
        keepOpen = (await opts.onSubmit(handle)) === false;
      } catch (err) {
        // A handler that throws keeps the dialog open rather than losing what was typed.
        keepOpen = true;
        error.textContent = err instanceof Error ? err.message : String(err);
      } finally {
        busy = false;
        submit.disabled = false;
        cancel.disabled = false;
      }
      if (!keepOpen) handle.close();
    })();
  });

  document.body.append(dialog);
  dialog.showModal();
  const first = form.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea');
  first?.focus();
  return handle;
}
