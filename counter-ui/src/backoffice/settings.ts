import type { OfficeWithSettings } from '@giliran/contracts';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { field, input, numberInput, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc, type OfficeFull } from '../session';
import { TIME_ZONES, checker, intIn, sectionHead, type Problem, type Tab } from './common';
import { loadedTab, saveForm } from './loaded-tab';

const MAX_ANNOUNCEMENTS = 10;
const MAX_ANNOUNCEMENT_CHARS = 200;
const LANGUAGES = [
  { value: 'id', label: 'Bahasa Indonesia' },
  { value: 'en', label: 'English' },
];

/** The settings form's controls, filled from the office. */
function settingsControls(o: OfficeFull) {
  const zones = TIME_ZONES.includes(o.timezone) ? TIME_ZONES : [o.timezone, ...TIME_ZONES];
  const numeric = (testId: string) => ({ inputmode: 'numeric', 'data-testid': testId });
  const address = h('textarea', { class: 'input', name: 'address', rows: 2, maxlength: 200, 'data-testid': 'office-address' });
  address.value = o.address ?? '';
  const announcements = h('textarea', { class: 'input', name: 'announcements', rows: 5, 'data-testid': 'office-announcements' });
  announcements.value = (o.announcements ?? []).join('\n');
  return {
    name: input({ name: 'name', value: o.name, maxlength: 120, required: true, 'data-testid': 'office-name-input' }),
    timezone: select(
      zones.map((z) => ({ value: z, label: `${z} (${zoneLabel(z)})` })),
      o.timezone,
      { name: 'timezone', 'data-testid': 'office-timezone' },
    ),
    guard: numberInput('starvationGuardMinutes', o.starvationGuardMinutes ?? 60, 5, 480, numeric('office-guard')),
    recalls: numberInput('maxRecalls', o.maxRecalls ?? 3, 1, 10, numeric('office-max-recalls')),
    voice: select(LANGUAGES, o.voiceLocale ?? 'id', { name: 'voiceLocale', 'data-testid': 'office-voice' }),
    address,
    phone: input({ name: 'phone', type: 'tel', maxlength: 40, value: o.phone ?? '', 'data-testid': 'office-phone' }),
    mapUrl: input({ name: 'mapUrl', type: 'url', maxlength: 300, value: o.mapUrl ?? '', 'data-testid': 'office-map-url' }),
    targetWait: numberInput('targetWaitMinutes', o.targetWaitMinutes ?? 30, 1, 480, numeric('office-target-wait')),
    paper: select(
      [
        { value: '80', label: '80 mm' },
        { value: '58', label: '58 mm' },
      ],
      String(o.ticketPaperMm ?? 80),
      { name: 'ticketPaperMm', 'data-testid': 'office-paper' },
    ),
    autoPrint: select(
      [
        { value: 'false', label: t('no') },
        { value: 'true', label: t('yes') },
      ],
      String(Boolean(o.autoPrint)),
      { name: 'autoPrint', 'data-testid': 'office-auto-print' },
    ),
    defaultLocale: select(LANGUAGES, o.defaultLocale ?? 'id', { name: 'defaultLocale', 'data-testid': 'office-default-locale' }),
    announcements,
  };
}

type SettingsControls = ReturnType<typeof settingsControls>;

function settingsFields(c: SettingsControls, o: OfficeFull): HTMLElement[] {
  return [
    sectionHead(t('tab.settings'), h('span', { class: 'code-chip' }, o.code)),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('officeName'), control: c.name, class: 'span-2' }),
      field({ name: 'timezone', label: t('timezone'), control: c.timezone, hint: t('timezoneHint') }),
      field({ name: 'voiceLocale', label: t('voiceLocale'), control: c.voice, hint: t('voiceLocaleHint') }),
      field({ name: 'starvationGuardMinutes', label: t('starvationGuard'), control: c.guard, hint: t('starvationGuardHint') }),
      field({ name: 'maxRecalls', label: t('maxRecalls'), control: c.recalls, hint: t('maxRecallsHint') }),
      field({ name: 'announcements', label: t('announcements'), control: c.announcements, hint: t('announcementsHint'), class: 'span-2' }),
      field({ name: 'targetWaitMinutes', label: t('targetWait'), control: c.targetWait, hint: t('targetWaitHint') }),
      field({ name: 'defaultLocale', label: t('defaultLocale'), control: c.defaultLocale, hint: t('defaultLocaleHint') }),
      field({ name: 'ticketPaperMm', label: t('ticketPaper'), control: c.paper, hint: t('ticketPaperHint') }),
      field({ name: 'autoPrint', label: t('autoPrint'), control: c.autoPrint, hint: t('autoPrintHint') }),
    ),
    h('h3', { class: 'form-subhead' }, t('officeContact')),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'address', label: t('address'), control: c.address, hint: t('addressHint'), class: 'span-2' }),
      field({ name: 'phone', label: t('phone'), control: c.phone, hint: t('phoneHint') }),
      field({ name: 'mapUrl', label: t('mapUrl'), control: c.mapUrl, hint: t('mapUrlHint') }),
    ),
  ];
}

/** The running-text lines, one a line. */
function announcementLines(c: SettingsControls): string[] {
  return c.announcements.value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function validateSettings(c: SettingsControls): Problem[] {
  const lines = announcementLines(c);
  const { problems, check } = checker();
  check(c.name.value.trim().length >= 1 && c.name.value.trim().length <= 120, 'name', t('v.required'));
  check(intIn(c.guard.value, 5, 480), 'starvationGuardMinutes', t('v.range', { min: 5, max: 480 }));
  check(intIn(c.recalls.value, 1, 10), 'maxRecalls', t('v.range', { min: 1, max: 10 }));
  check(intIn(c.targetWait.value, 1, 480), 'targetWaitMinutes', t('v.range', { min: 1, max: 480 }));
  check(c.phone.value.trim() === '' || /^\+?[0-9 ()-]{5,40}$/.test(c.phone.value.trim()), 'phone', t('v.phone'));
  check(c.mapUrl.value.trim() === '' || /^https?:\/\/\S{3,290}$/.test(c.mapUrl.value.trim()), 'mapUrl', t('v.url'));
  check(lines.length <= MAX_ANNOUNCEMENTS, 'announcements', t('v.announcementCount', { n: MAX_ANNOUNCEMENTS }));
  check(
    lines.every((l) => l.length <= MAX_ANNOUNCEMENT_CHARS),
    'announcements',
    t('v.announcementLength', { n: MAX_ANNOUNCEMENT_CHARS }),
  );
  return problems;
}

function settingsBody(c: SettingsControls) {
  return {
    name: c.name.value.trim(),
    timezone: c.timezone.value,
    starvationGuardMinutes: Number(c.guard.value),
    maxRecalls: Number(c.recalls.value),
    announcements: announcementLines(c),
    voiceLocale: c.voice.value as 'id' | 'en',
    targetWaitMinutes: Number(c.targetWait.value),
    ticketPaperMm: Number(c.paper.value),
    autoPrint: c.autoPrint.value === 'true',
    defaultLocale: c.defaultLocale.value as 'id' | 'en',
    address: c.address.value.trim() || null,
    phone: c.phone.value.trim() || null,
    mapUrl: c.mapUrl.value.trim() || null,
  };
}

/** Name, time zone and the office's queue settings (starvation guard, recalls, display text and voice). */
export const settingsTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const tab = loadedTab<OfficeFull>(el, {
    fetch: () => ctx.office(true),
    paint(office) {
      const c = settingsControls(office);
      const form = saveForm(tab, ctx, {
        content: settingsFields(c, office),
        submitTestId: 'office-save',
        validate: () => validateSettings(c),
        async save() {
          await ctx.staff.json<OfficeWithSettings>(`/offices/${enc(officeId)}`, { method: 'PATCH', body: settingsBody(c) });
          tab.data = await ctx.office(true);
        },
      });
      mount(el, form);
    },
  });
  void tab.load();
  return tab.view;
};
