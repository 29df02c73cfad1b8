import type { OfficeSettings } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { cardForm, field, input, numberInput } from '../../../ui-shared/form';
import { errorCode } from '../../../ui-shared/api';
import { type Key, t, i18n } from '../admin-i18n';
import { errorMessage } from '../i18n';
import { enc } from '../session';
import { FORM_WORDS, checker, failedBlock, intIn, loadingBlock, sectionHead, table, type Problem, type Tab, type TabContext } from './common';
import { loadedTab } from './loaded-tab';

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

/** The settings form's controls, filled from the office's settings. */
function channelControls(s: ChannelSettings) {
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
  return {
    webhook: input({ name: 'webhookUrl', type: 'url', value: s.webhookUrl ?? '', maxlength: 300, placeholder: 'https://', 'data-testid': 'webhook-url' }),
    offsets,
    preview,
    near: numberInput('turnNearPosition', s.turnNearPosition, 1, 20, { inputmode: 'numeric', 'data-testid': 'turn-near' }),
  };
}

type ChannelControls = ReturnType<typeof channelControls>;

function channelFields(c: ChannelControls): HTMLElement[] {
  const offsetsField = field({ name: 'reminderOffsets', label: t('reminderOffsets'), control: c.offsets, hint: t('reminderOffsetsHint') });
  offsetsField.querySelector('.field-error')?.before(c.preview);
  return [
    h('h2', {}, t('notifSettingsTitle')),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'webhookUrl', label: t('webhookUrl'), control: c.webhook, hint: t('webhookUrlHint'), class: 'span-2' }),
      offsetsField,
      field({ name: 'turnNearPosition', label: t('turnNear'), control: c.near, hint: t('turnNearHint') }),
    ),
  ];
}

/** What the form sends, and what is wrong with it here already. */
function channelChange(c: ChannelControls): { body: Record<string, unknown>; problems: Problem[] } {
  const url = c.webhook.value.trim();
  const offsetText = c.offsets.value.trim();
  const parsed = offsetText ? parseOffsets(offsetText) : null;
  const { problems, check } = checker();
  check(url === '' || WEBHOOK.test(url), 'webhookUrl', t('v.webhookUrl'));
  check(offsetText === '' || parsed !== null, 'reminderOffsets', t('v.offsets'));
  check(intIn(c.near.value, 1, 20), 'turnNearPosition', t('v.range', { min: 1, max: 20 }));
  const body: Record<string, unknown> = { webhookUrl: url, turnNearPosition: Number(c.near.value) };
  // Empty keeps what is there (the system's default when nothing was ever set).
  if (parsed) body.reminderOffsets = parsed;
  return { body, problems };
}

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

function deadRow(d: DeadLetter, timeZone: string | undefined, busy: boolean, retry: (id: string) => void): HTMLTableRowElement {
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
function deadLetters(ctx: TabContext, timeZone: () => string | undefined) {
  const officeId = ctx.officeId!;
  const host = h('section', { class: 'card' });
  const retrying = new Set<string>();
  let dead: DeadLetter[] | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load(paint = true) {
    try {
      dead = await ctx.staff.json<DeadLetter[]>(`/offices/${enc(officeId)}/notifications?status=dead`);
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

/** Reminder offsets, the SMS/WhatsApp gateway, "your turn is near", and the messages that failed for good. */
export const notificationsTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const fetchSettings = () => ctx.staff.json<ChannelSettings>(`/offices/${enc(officeId)}/settings`);
  const dead = deadLetters(ctx, () => tab.data?.timezone);
  const tab = loadedTab<ChannelSettings>(el, {
    async fetch() {
      try {
        return await fetchSettings();
      } finally {
        // Painted with the settings, whether they came or not.
        await dead.load(false);
      }
    },
    paint(settings) {
      dead.render();
      mount(el, h('div', { class: 'stack' }, sectionHead(t('tab.notifications')), settingsForm(settings), dead.host));
    },
  });

  function settingsForm(s: ChannelSettings): HTMLElement {
    const c = channelControls(s);
    let body: Record<string, unknown> = {};
    return cardForm({
      testId: 'notification-settings',
      content: channelFields(c),
      submitLabel: t('save'),
      submitTestId: 'save-notifications',
      words: FORM_WORDS,
      validate() {
        const change = channelChange(c);
        body = change.body;
        return change.problems;
      },
      async save() {
        await ctx.staff.json(`/offices/${enc(officeId)}`, { method: 'PATCH', body });
        tab.data = await fetchSettings();
      },
      saved() {
        if (tab.disposed) return;
        tab.render();
        ctx.flash(t('saved'));
      },
    });
  }

  void tab.load();
  return {
    rerender: tab.view.rerender,
    dispose() {
      tab.view.dispose();
      dead.dispose();
    },
  };
};
