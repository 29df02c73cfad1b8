import type { OfficeSettings } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input } from '../../../ui-shared/form';
import { errorCode } from '../../../ui-shared/api';
import { type Key, t, i18n } from '../admin-i18n';
import { errorMessage } from '../i18n';
import { enc } from '../session';
import { checker, failedBlock, intIn, loadingBlock, sectionHead, submitForm, table, type Tab } from './common';

/** One row of `GET /offices/:id/notifications?status=dead`. */
interface DeadLetter {
  id: string;
  kind: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  appointmentId: string | null;
  ticketId: string | null;
  updatedAt: string;
}

type ChannelSettings = Pick<OfficeSettings, 'webhookUrl' | 'reminderOffsets' | 'turnNearPosition'> & { timezone?: string };

const MAX_OFFSETS = 5;
const MAX_OFFSET_MINUTES = 20160;
const WEBHOOK = /^https?:\/\/\S{3,290}$/;

/** 1440 → "24 jam", 90 → "1 jam 30 menit", 45 → "45 menit". */
export function offsetLabel(minutes: number): string {
  const hrs = Math.floor(minutes / 60);
  const mins = minutes % 60;
  if (hrs === 0) return t('dur.minutes', { m: mins });
  if (mins === 0) return t('dur.hours', { h: hrs });
  return t('dur.hoursMinutes', { h: hrs, m: mins });
}

/** "1440, 60" → [1440, 60]; `null` when it is not 1–5 distinct whole minutes in range. */
export function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 1 || parts.length > MAX_OFFSETS) return null;
  if (!parts.every((p) => intIn(p, 1, MAX_OFFSET_MINUTES))) return null;
  const values = parts.map(Number);
  if (new Set(values).size !== values.length) return null;
  return values.sort((a, b) => b - a);
}

function previewText(text: string, current: number[] | null): string {
  if (!text.trim()) return current ? '' : t('reminderDefault');
  const values = parseOffsets(text);
  if (!values) return '';
  return t('reminderPreview', { list: values.map(offsetLabel).join(t('listJoin')) });
}

/** Reminder offsets, the SMS/WhatsApp gateway, "your turn is near", and the messages that failed for good. */
export const notificationsTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let settings: ChannelSettings | null = null;
  let dead: DeadLetter[] | null = null;
  let deadFailed: unknown = null;
  let failed: unknown = null;
  let disposed = false;
  const retrying = new Set<string>();

  async function load() {
    failed = null;
    mount(el, loadingBlock());
    try {
      settings = await ctx.staff.json<ChannelSettings>(`/offices/${enc(officeId)}/settings`);
    } catch (err) {
      failed = err;
    }
    await loadDead(false);
    if (!disposed) render();
  }

  async function loadDead(paint = true) {
    try {
      dead = await ctx.staff.json<DeadLetter[]>(`/offices/${enc(officeId)}/notifications?status=dead`);
      deadFailed = null;
    } catch (err) {
      deadFailed = err;
    }
    if (paint && !disposed) renderDead();
  }

  const deadHost = h('section', { class: 'card' });

  function settingsForm(s: ChannelSettings): HTMLElement {
    const webhook = input({
      name: 'webhookUrl',
      type: 'url',
      value: s.webhookUrl ?? '',
      maxlength: 300,
      placeholder: 'https://',
      'data-testid': 'webhook-url',
    });
    const offsets = input({
      name: 'reminderOffsets',
      value: (s.reminderOffsets ?? []).join(', '),
      placeholder: '1440, 120',
      inputmode: 'numeric',
      'data-testid': 'reminder-offsets',
    });
    const preview = h('p', { class: 'field-hint', 'data-testid': 'reminder-preview', 'aria-live': 'polite' });
    const paintPreview = () => (preview.textContent = previewText(offsets.value, s.reminderOffsets));
    offsets.addEventListener('input', paintPreview);
    paintPreview();
    const near = input({
      name: 'turnNearPosition',
      type: 'number',
      min: 1,
      max: 20,
      value: s.turnNearPosition,
      inputmode: 'numeric',
      'data-testid': 'turn-near',
    });
    const status = h('p', { class: 'form-status', role: 'status' });
    const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'save-notifications' }, t('save'));
    const offsetsField = field({ name: 'reminderOffsets', label: t('reminderOffsets'), control: offsets, hint: t('reminderOffsetsHint') });
    offsetsField.querySelector('.field-error')?.before(preview);

    const form = h(
      'form',
      { class: 'card form', novalidate: true, 'data-testid': 'notification-settings' },
      h('h2', {}, t('notifSettingsTitle')),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'webhookUrl', label: t('webhookUrl'), control: webhook, hint: t('webhookUrlHint'), class: 'span-2' }),
        offsetsField,
        field({ name: 'turnNearPosition', label: t('turnNear'), control: near, hint: t('turnNearHint') }),
      ),
      h('div', { class: 'form-actions' }, status, save),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const url = webhook.value.trim();
      const offsetText = offsets.value.trim();
      const parsed = offsetText ? parseOffsets(offsetText) : null;
      const { problems, check } = checker();
      check(url === '' || WEBHOOK.test(url), 'webhookUrl', t('v.webhookUrl'));
      check(offsetText === '' || parsed !== null, 'reminderOffsets', t('v.offsets'));
      check(intIn(near.value, 1, 20), 'turnNearPosition', t('v.range', { min: 1, max: 20 }));
      save.disabled = true;
      void submitForm(form, status, problems, async () => {
        const body: Record<string, unknown> = { webhookUrl: url, turnNearPosition: Number(near.value) };
        // Empty keeps what is there (the system's default when nothing was ever set).
        if (parsed) body.reminderOffsets = parsed;
        await ctx.staff.json(`/offices/${enc(officeId)}`, { method: 'PATCH', body });
        settings = await ctx.staff.json<ChannelSettings>(`/offices/${enc(officeId)}/settings`);
      }).then((ok) => {
        save.disabled = false;
        if (ok && !disposed) {
          render();
          ctx.flash(t('saved'));
        }
      });
    });
    return form;
  }

  function when(iso: string): string {
    try {
      return new Intl.DateTimeFormat(i18n.locale(), {
        timeZone: settings?.timezone,
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

  function renderDead() {
    const head = sectionHead(
      t('deadTitle'),
      h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'dead-refresh', onclick: () => void loadDead() }, t('refresh')),
    );
    if (deadFailed && !dead)
      return mount(
        deadHost,
        head,
        failedBlock(deadFailed, () => void loadDead()),
      );
    if (!dead) return mount(deadHost, head, loadingBlock());
    if (dead.length === 0) return mount(deadHost, head, h('p', { class: 'muted', 'data-testid': 'dead-letters' }, t('deadEmpty')));
    const rows = dead.map((d) => {
      const busy = retrying.has(d.id);
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
        h('td', { class: 'num small' }, when(d.updatedAt)),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-secondary btn-small',
              'data-testid': `retry-${d.id}`,
              disabled: busy,
              onclick: () => void retry(d.id),
            },
            t('retrySend'),
          ),
        ),
      );
    });
    mount(
      deadHost,
      head,
      h('p', { class: 'muted small' }, t('deadIntro')),
      h(
        'div',
        { class: 'table-wrap' },
        table(
          'dead-letters',
          [t('deadKind'), t('deadChannel'), t('deadAttempts'), t('deadError'), t('deadReference'), t('deadWhen'), ''],
          rows,
          t('deadTitle'),
        ),
      ),
    );
  }

  async function retry(id: string) {
    retrying.add(id);
    renderDead();
    try {
      await ctx.staff.api(`/notifications/${enc(id)}/retry`, { method: 'POST' });
      ctx.flash(t('retried'));
    } catch (err) {
      ctx.flash(errorMessage(errorCode(err)), 'error');
    } finally {
      retrying.delete(id);
    }
    await loadDead();
  }

  function render() {
    if (failed)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!settings) return mount(el, loadingBlock());
    renderDead();
    mount(el, h('div', { class: 'stack' }, sectionHead(t('tab.notifications')), settingsForm(settings), deadHost));
  }

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
