import type { ReleaseLiveView, ServiceView } from '@giliran/contracts';
import { openDialog } from '../../../ui-shared/dialog';
import { h, mount } from '../../../ui-shared/dom';
import { t } from '../admin-i18n';
import { i18n } from '../i18n';
import { enc } from '../session';
import type { TabContext } from './common';

/** Asked again this often while the dialog is open. */
const REFRESH_MS = 2_000;

/**
 * A release as it happens, for the supervisor: how many joined the waiting room, were admitted
 * and booked, and how many places are left. Refreshed while open; a failed refresh says so and
 * keeps the last figures with their time.
 */
export function openReleaseLive(ctx: TabContext, service: ServiceView): void {
  const officeId = ctx.officeId!;
  const body = h(
    'div',
    { class: 'release-live', role: 'status', 'aria-live': 'polite', 'data-testid': 'release-live' },
    h('p', { class: 'muted' }, t('liveLoading')),
  );
  let timer = 0;
  let last: ReleaseLiveView | null = null;
  const refresh = async () => {
    const office = await ctx.office().catch(() => null);
    try {
      last = await ctx.staff.json<ReleaseLiveView>(`/offices/${enc(officeId)}/services/${enc(service.id)}/waiting-room`);
      paint(last, office?.timezone ?? 'Asia/Jakarta', null);
    } catch {
      paint(last, office?.timezone ?? 'Asia/Jakarta', t('liveFailed'));
    }
    timer = window.setTimeout(() => void refresh(), REFRESH_MS);
  };
  const paint = (v: ReleaseLiveView | null, timeZone: string, problem: string | null) => {
    const figure = (key: string, label: string, value: number) =>
      h('div', { class: 'live-figure' }, h('dt', {}, label), h('dd', { class: 'num', 'data-testid': `live-${key}` }, String(value)));
    const when = (iso: string) =>
      new Intl.DateTimeFormat(i18n.locale() === 'en' ? 'en-GB' : 'id-ID', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
    const day = (date: string) =>
      new Intl.DateTimeFormat(i18n.locale() === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
        new Date(`${date}T00:00:00Z`),
      );
    mount(
      body,
      v ? h('p', {}, t('liveWindow', { date: day(v.date), from: when(v.opensAt), to: when(v.closesAt) })) : null,
      v
        ? h(
            'dl',
            { class: 'live-figures' },
            figure('joined', t('liveJoined'), v.joined),
            figure('admitted', t('liveAdmitted'), v.admitted),
            figure('booked', t('liveBooked'), v.booked),
            figure('left', t('livePlacesLeft'), v.placesLeft),
          )
        : null,
      v ? h('p', { class: 'muted small' }, t('liveCapacity', { n: v.capacity })) : null,
      problem ? h('p', { class: 'form-status', role: 'alert' }, problem) : null,
    );
  };
  openDialog({
    title: t('liveTitle', { name: service.name }),
    testId: 'release-live-dialog',
    content: [body],
    submitLabel: t('liveRefresh'),
    cancelLabel: t('liveClose'),
    // Now rather than in two seconds; the dialog stays.
    onSubmit: async () => {
      window.clearTimeout(timer);
      await refresh();
      return false;
    },
    onClose: () => window.clearTimeout(timer),
  });
  void refresh();
}
