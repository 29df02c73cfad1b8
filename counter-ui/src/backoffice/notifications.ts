import type { OfficeSettings } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { field, input, numberInput } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc } from '../session';
import { checker, intIn, sectionHead, type Problem, type Tab } from './common';
import { deadLetters } from './dead-letters';
import { loadedTab, saveForm } from './loaded-tab';

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
    return saveForm(tab, ctx, {
      testId: 'notification-settings',
      content: channelFields(c),
      submitTestId: 'save-notifications',
      validate() {
        const change = channelChange(c);
        body = change.body;
        return change.problems;
      },
      async save() {
        await ctx.staff.json(`/offices/${enc(officeId)}`, { method: 'PATCH', body });
        tab.data = await fetchSettings();
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
