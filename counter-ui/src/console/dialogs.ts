// The console's two dialogs as forms: calling one ticket out of turn (with a reason) and
// transferring the ticket in hand to another service. What happens on submit is the caller's.
import type { ServiceView, StaffTicketView } from '@giliran/contracts';
import { openDialog, type DialogHandle } from '../../../ui-shared/dialog';
import { h } from '../../../ui-shared/dom';
import { clearErrors, field, input, select, showErrors } from '../../../ui-shared/form';
import { t, type Key } from '../i18n';
import type { Current } from './state';

function reasonInput(testId: string, required: boolean): HTMLInputElement {
  return input({ name: 'reason', maxlength: 200, minlength: required ? 3 : null, required, 'data-testid': testId });
}

/** Asks why this ticket goes before the others; `submit` gets the reason (3–200 characters). */
export function openCallSpecificDialog(tk: StaffTicketView, submit: (dlg: DialogHandle, reason: string) => Promise<boolean>): void {
  const reason = reasonInput('reason-input', true);
  const quick = (['quick.priority', 'quick.returning', 'quick.appointment'] as Key[]).map((key) =>
    h(
      'button',
      {
        type: 'button',
        class: 'chip',
        onclick: () => {
          reason.value = t(key);
          reason.focus();
        },
      },
      t(key),
    ),
  );
  openDialog({
    title: t('callSpecificTitle', { number: tk.number }),
    testId: 'call-specific-dialog',
    submitTestId: 'reason-submit',
    submitLabel: t('callThisConfirm', { number: tk.number }),
    cancelLabel: t('cancel'),
    content: [
      h('p', { class: 'muted' }, t('callSpecificText')),
      field({ name: 'reason', label: t('reason'), control: reason, hint: t('reasonHint') }),
      h('div', { class: 'chips', 'aria-label': t('quickReasons') }, ...quick),
    ],
    onSubmit: async (dlg) => {
      clearErrors(dlg.form);
      const text = reason.value.trim();
      if (text.length < 3 || text.length > 200) {
        showErrors(dlg.form, [{ field: 'reason', message: t('reasonLength') }]);
        return false;
      }
      return submit(dlg, text);
    },
  });
}

/** The transfer form as the submit sees it: the chosen service is read when needed. */
export interface TransferChoice {
  service: HTMLSelectElement;
  reason: string;
}

/** Asks which of `services` the ticket in hand goes to, and why (optional). */
export function openTransferDialog(c: Current, services: ServiceView[], submit: (dlg: DialogHandle, choice: TransferChoice) => Promise<boolean>): void {
  const choice = select(
    services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}` })),
    services[0]!.id,
    { name: 'serviceId', 'data-testid': 'transfer-service' },
  );
  const reason = reasonInput('transfer-reason', false);
  openDialog({
    title: t('transferTitle', { number: c.number }),
    testId: 'transfer-dialog',
    submitTestId: 'transfer-submit',
    submitLabel: t('transferConfirm'),
    cancelLabel: t('cancel'),
    content: [
      h('p', { class: 'muted' }, t('transferText')),
      field({ name: 'serviceId', label: t('transferTo'), control: choice }),
      field({ name: 'reason', label: t('reasonOptional'), control: reason }),
    ],
    onSubmit: async (dlg) => {
      clearErrors(dlg.form);
      return submit(dlg, { service: choice, reason: reason.value.trim() });
    },
  });
}
