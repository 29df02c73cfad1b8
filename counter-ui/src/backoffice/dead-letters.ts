import type { DeliveryView } from '@giliran/contracts';
import { errorCode } from '../../../ui-shared/api';
import { h, mount } from '../../../ui-shared/dom';
import { type Key, t, i18n } from '../admin-i18n';
import { errorMessage } from '../i18n';
import { enc } from '../session';
import { failedBlock, loadingBlock, sectionHead, table, type TabContext } from './common';

function when(iso: string, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat(i18n.locale(), {
      timeZone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** A message kind or channel in the console's language; one it does not know, as the server named it. */
function known(key: string, raw: string): string {
  const label = t(key as Key);
  return label === key ? raw : label;
}

function deadRow(d: DeliveryView, timeZone: string | undefined, busy: boolean, retry: (id: string) => void): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-testid': `dead-${d.id}` },
    h('td', {}, known(`kind.${d.kind}`, d.kind)),
    h('td', {}, known(`channel.${d.channel}`, d.channel)),
    h('td', { class: 'num' }, d.attempts),
    h('td', { class: 'small' }, d.lastError ?? '—'),
    h(
      'td',
      { class: 'small' },
      d.appointmentId ? `${t('appointmentRef')} ${d.appointmentId.slice(0, 8)}` : d.ticketId ? `${t('ticketRef')} ${d.ticketId.slice(0, 8)}` : '—',
    ),
    h('td', { class: 'num small' }, when(d.updatedAt, timeZone)),
    h(
      'td',
      {},
      h(
        'button',
        { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': `retry-${d.id}`, disabled: busy, onclick: () => void retry(d.id) },
        t('retrySend'),
      ),
    ),
  );
}

/** The messages that failed for good, each with a retry; its own load, refresh and failure. */
export function deadLetters(ctx: TabContext, timeZone: () => string | undefined) {
  const officeId = ctx.officeId!;
  const host = h('section', { class: 'card' });
  const retrying = new Set<string>();
  let dead: DeliveryView[] | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load(paint = true) {
    try {
      dead = await ctx.staff.json<DeliveryView[]>(`/offices/${enc(officeId)}/notifications?status=dead`);
      failed = null;
    } catch (err) {
      failed = err;
    }
    if (paint && !disposed) render();
  }

  async function retry(id: string) {
    retrying.add(id);
    render();
    try {
      await ctx.staff.api(`/notifications/${enc(id)}/retry`, { method: 'POST' });
      ctx.flash(t('retried'));
    } catch (err) {
      ctx.flash(errorMessage(errorCode(err)), 'error');
    } finally {
      retrying.delete(id);
    }
    await load();
  }

  function render() {
    const head = sectionHead(
      t('deadTitle'),
      h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'dead-refresh', onclick: () => void load() }, t('refresh')),
    );
    if (failed && !dead)
      return mount(
        host,
        head,
        failedBlock(failed, () => void load()),
      );
    if (!dead) return mount(host, head, loadingBlock());
    if (dead.length === 0) return mount(host, head, h('p', { class: 'muted', 'data-testid': 'dead-letters' }, t('deadEmpty')));
    const rows = dead.map((d) => deadRow(d, timeZone(), retrying.has(d.id), retry));
    const columns = [t('deadKind'), t('deadChannel'), t('deadAttempts'), t('deadError'), t('deadReference'), t('deadWhen'), ''];
    mount(
      host,
      head,
      h('p', { class: 'muted small' }, t('deadIntro')),
      h('div', { class: 'table-wrap' }, table('dead-letters', columns, rows, t('deadTitle'))),
    );
  }

  return {
    host,
    load,
    render,
    dispose() {
      disposed = true;
    },
  };
}
