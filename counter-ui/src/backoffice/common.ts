import { errorCode } from '../../../ui-shared/api';
import { openDialog, type DialogHandle } from '../../../ui-shared/dialog';
import { h, type Child } from '../../../ui-shared/dom';
import { submitForm, type FormWords, type Problem } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { errorMessage } from '../i18n';
import type { ShellContext, View } from '../navigation';

export interface TabContext extends ShellContext {
  /** A short confirmation or problem line at the top of the back office. */
  flash(text: string, kind?: 'ok' | 'error'): void;
}

export type Tab = (el: HTMLElement, ctx: TabContext) => View;

export type { Problem };

/** Client-side checks: collect `{field, message}` where `ok` is false. */
export function checker() {
  const problems: Problem[] = [];
  return {
    problems,
    check(ok: boolean, field: string, message: string) {
      if (!ok) problems.push({ field, message });
    },
  };
}

export function intIn(value: string, min: number, max: number): boolean {
  if (!/^-?\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** The back office's words for ui-shared/form's `submitForm` and `cardForm`. */
export const FORM_WORDS: FormWords = {
  fixFields: () => t('fixFields'),
  failed: (err) => errorMessage(errorCode(err)),
};

/** A dialog whose form goes through {@link submitForm}: stays open until the save works. */
export function formDialog(opts: {
  title: string;
  testId: string;
  submitLabel: string;
  content: Child[];
  wide?: boolean;
  validate(): Problem[];
  save(): Promise<void>;
}): DialogHandle {
  const status = h('p', { class: 'form-status', role: 'alert' });
  return openDialog({
    title: opts.title,
    testId: opts.testId,
    submitTestId: `${opts.testId}-submit`,
    submitLabel: opts.submitLabel,
    cancelLabel: t('cancel'),
    wide: opts.wide,
    content: [...opts.content, status],
    onSubmit: async (dlg) => submitForm(dlg.form, status, opts.validate(), opts.save, FORM_WORDS),
  });
}

export function confirmDialog(opts: { title: string; text: string; confirm: string; testId: string; danger?: boolean; run(): Promise<void> }): void {
  openDialog({
    title: opts.title,
    testId: opts.testId,
    submitTestId: `${opts.testId}-submit`,
    submitLabel: opts.confirm,
    cancelLabel: t('cancel'),
    danger: opts.danger,
    content: [h('p', {}, opts.text)],
    onSubmit: async (dlg) => {
      try {
        await opts.run();
        return true;
      } catch (err) {
        dlg.setError(errorMessage(errorCode(err)));
        return false;
      }
    },
  });
}

export function sectionHead(title: string, ...actions: Child[]): HTMLElement {
  return h('div', { class: 'section-head' }, h('h2', {}, title), h('div', { class: 'section-actions' }, ...actions));
}

/** A table with a header row; `rows` are arrays of cells. */
export function table(testId: string, head: string[], rows: HTMLTableRowElement[], caption?: string): HTMLTableElement {
  return h(
    'table',
    { class: 'table', 'data-testid': testId },
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows),
  );
}

export function loadingBlock(): HTMLElement {
  return h('p', { class: 'muted page-loading' }, t('loading'));
}

export function failedBlock(err: unknown, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'page-loading' },
    h('p', { class: 'error', role: 'alert' }, errorMessage(errorCode(err))),
    h('button', { type: 'button', class: 'btn btn-secondary', onclick: retry }, t('retry')),
  );
}

export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'];
