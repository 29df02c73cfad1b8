import { openDialog } from '../../ui-shared/dialog';
import { t } from './i18n';
import type { ShellContext } from './navigation';
import type { OfficeFull } from './session';
import { dispatch, loadSlots, showSlots, submit, type AssistedRuntime } from './assisted/actions';
import { initialState } from './assisted/state';
import { assistedElements, formContent } from './assisted/view';

/**
 * "Booking untuk warga": the officer books a slot for a citizen without a phone and
 * writes the 8-character code on paper for them (or prints it).
 */
export function openAssistedBooking(ctx: ShellContext & { officeId: string }, office: OfficeFull | null): void {
  const services = (office?.services ?? []).filter((s) => s.active !== false);
  const rt: AssistedRuntime = {
    ctx,
    office,
    services,
    els: assistedElements(services),
    state: initialState(office?.timezone ?? 'Asia/Jakarta'),
  };
  const { els } = rt;
  els.service.addEventListener('change', () => void loadSlots(rt));
  els.daySelect.addEventListener('change', () => {
    dispatch(rt, { type: 'day', day: els.daySelect.value });
    showSlots(rt);
  });

  openDialog({
    title: t('assistedTitle'),
    testId: 'assisted-dialog',
    submitTestId: 'assisted-submit',
    submitLabel: t('assistedSubmit'),
    cancelLabel: t('cancel'),
    wide: true,
    content: formContent(els),
    onSubmit: (dlg) => submit(rt, dlg),
  });

  showSlots(rt);
  void loadSlots(rt);
}
