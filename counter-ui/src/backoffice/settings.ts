import type { OfficeWithSettings } from '@giliran/contracts';
import { h, mount, zoneLabel } from '../../../ui-shared/dom';
import { field, input, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc, type OfficeFull } from '../session';
import { TIME_ZONES, checker, failedBlock, intIn, loadingBlock, sectionHead, submitForm, type Tab } from './common';

const MAX_ANNOUNCEMENTS = 10;
const MAX_ANNOUNCEMENT_CHARS = 200;

/** Name, time zone and the office's queue settings (starvation guard, recalls, display text and voice). */
export const settingsTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  let office: OfficeFull | null = null;
  let failed: unknown = null;
  let disposed = false;

  async function load() {
    failed = null;
    mount(el, loadingBlock());
    try {
      office = await ctx.office(true);
    } catch (err) {
      failed = err;
    }
    if (!disposed) render();
  }

  function render() {
    if (failed)
      return mount(
        el,
        failedBlock(failed, () => void load()),
      );
    if (!office) return mount(el, loadingBlock());
    const o = office;
    const name = input({ name: 'name', value: o.name, maxlength: 120, required: true, 'data-testid': 'office-name-input' });
    const zones = TIME_ZONES.includes(o.timezone) ? TIME_ZONES : [o.timezone, ...TIME_ZONES];
    const timezone = select(
      zones.map((z) => ({ value: z, label: `${z} (${zoneLabel(z)})` })),
      o.timezone,
      { name: 'timezone', 'data-testid': 'office-timezone' },
    );
    const guard = input({
      name: 'starvationGuardMinutes',
      type: 'number',
      min: 5,
      max: 480,
      value: o.starvationGuardMinutes ?? 60,
      inputmode: 'numeric',
      'data-testid': 'office-guard',
    });
    const recalls = input({
      name: 'maxRecalls',
      type: 'number',
      min: 1,
      max: 10,
      value: o.maxRecalls ?? 3,
      inputmode: 'numeric',
      'data-testid': 'office-max-recalls',
    });
    const voice = select(
      [
        { value: 'id', label: 'Bahasa Indonesia' },
        { value: 'en', label: 'English' },
      ],
      o.voiceLocale ?? 'id',
      { name: 'voiceLocale', 'data-testid': 'office-voice' },
    );
    const address = h('textarea', { class: 'input', name: 'address', rows: 2, maxlength: 200, 'data-testid': 'office-address' });
    address.value = o.address ?? '';
    const phone = input({ name: 'phone', type: 'tel', maxlength: 40, value: o.phone ?? '', 'data-testid': 'office-phone' });
    const mapUrl = input({ name: 'mapUrl', type: 'url', maxlength: 300, value: o.mapUrl ?? '', 'data-testid': 'office-map-url' });
    const targetWait = input({
      name: 'targetWaitMinutes',
      type: 'number',
      min: 1,
      max: 480,
      value: o.targetWaitMinutes ?? 30,
      inputmode: 'numeric',
      'data-testid': 'office-target-wait',
    });
    const paper = select(
      [
        { value: '80', label: '80 mm' },
        { value: '58', label: '58 mm' },
      ],
      String(o.ticketPaperMm ?? 80),
      { name: 'ticketPaperMm', 'data-testid': 'office-paper' },
    );
    const autoPrint = select(
      [
        { value: 'false', label: t('no') },
        { value: 'true', label: t('yes') },
      ],
      String(Boolean(o.autoPrint)),
      { name: 'autoPrint', 'data-testid': 'office-auto-print' },
    );
    const defaultLocale = select(
      [
        { value: 'id', label: 'Bahasa Indonesia' },
        { value: 'en', label: 'English' },
      ],
      o.defaultLocale ?? 'id',
      { name: 'defaultLocale', 'data-testid': 'office-default-locale' },
    );
    const announcements = h('textarea', { class: 'input', name: 'announcements', rows: 5, 'data-testid': 'office-announcements' });
    announcements.value = (o.announcements ?? []).join('\n');
    const status = h('p', { class: 'form-status', role: 'status' });
    const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'office-save' }, t('save'));

    const form = h(
      'form',
      { class: 'card form', novalidate: true },
      sectionHead(t('tab.settings'), h('span', { class: 'code-chip' }, o.code)),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'name', label: t('officeName'), control: name, class: 'span-2' }),
        field({ name: 'timezone', label: t('timezone'), control: timezone, hint: t('timezoneHint') }),
        field({ name: 'voiceLocale', label: t('voiceLocale'), control: voice, hint: t('voiceLocaleHint') }),
        field({ name: 'starvationGuardMinutes', label: t('starvationGuard'), control: guard, hint: t('starvationGuardHint') }),
        field({ name: 'maxRecalls', label: t('maxRecalls'), control: recalls, hint: t('maxRecallsHint') }),
        field({ name: 'announcements', label: t('announcements'), control: announcements, hint: t('announcementsHint'), class: 'span-2' }),
        field({ name: 'targetWaitMinutes', label: t('targetWait'), control: targetWait, hint: t('targetWaitHint') }),
        field({ name: 'defaultLocale', label: t('defaultLocale'), control: defaultLocale, hint: t('defaultLocaleHint') }),
        field({ name: 'ticketPaperMm', label: t('ticketPaper'), control: paper, hint: t('ticketPaperHint') }),
        field({ name: 'autoPrint', label: t('autoPrint'), control: autoPrint, hint: t('autoPrintHint') }),
      ),
      h('h3', { class: 'form-subhead' }, t('officeContact')),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'address', label: t('address'), control: address, hint: t('addressHint'), class: 'span-2' }),
        field({ name: 'phone', label: t('phone'), control: phone, hint: t('phoneHint') }),
        field({ name: 'mapUrl', label: t('mapUrl'), control: mapUrl, hint: t('mapUrlHint') }),
      ),
      h('div', { class: 'form-actions' }, status, save),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const lines = announcements.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const { problems, check } = checker();
      check(name.value.trim().length >= 1 && name.value.trim().length <= 120, 'name', t('v.required'));
      check(intIn(guard.value, 5, 480), 'starvationGuardMinutes', t('v.range', { min: 5, max: 480 }));
      check(intIn(recalls.value, 1, 10), 'maxRecalls', t('v.range', { min: 1, max: 10 }));
      check(intIn(targetWait.value, 1, 480), 'targetWaitMinutes', t('v.range', { min: 1, max: 480 }));
      check(phone.value.trim() === '' || /^\+?[0-9 ()-]{5,40}$/.test(phone.value.trim()), 'phone', t('v.phone'));
      check(mapUrl.value.trim() === '' || /^https?:\/\/\S{3,290}$/.test(mapUrl.value.trim()), 'mapUrl', t('v.url'));
      check(lines.length <= MAX_ANNOUNCEMENTS, 'announcements', t('v.announcementCount', { n: MAX_ANNOUNCEMENTS }));
      check(
        lines.every((l) => l.length <= MAX_ANNOUNCEMENT_CHARS),
        'announcements',
        t('v.announcementLength', { n: MAX_ANNOUNCEMENT_CHARS }),
      );
      save.disabled = true;
      void submitForm(form, status, problems, async () => {
        const body = {
          name: name.value.trim(),
          timezone: timezone.value,
          starvationGuardMinutes: Number(guard.value),
          maxRecalls: Number(recalls.value),
          announcements: lines,
          voiceLocale: voice.value as 'id' | 'en',
          targetWaitMinutes: Number(targetWait.value),
          ticketPaperMm: Number(paper.value),
          autoPrint: autoPrint.value === 'true',
          defaultLocale: defaultLocale.value as 'id' | 'en',
          address: address.value.trim() || null,
          phone: phone.value.trim() || null,
          mapUrl: mapUrl.value.trim() || null,
        };
        await ctx.staff.json<OfficeWithSettings>(`/offices/${enc(officeId)}`, { method: 'PATCH', body });
        office = await ctx.office(true);
      }).then((ok) => {
        save.disabled = false;
        if (ok && !disposed) {
          render();
          ctx.flash(t('saved'));
        }
      });
    });
    mount(el, form);
  }

  void load();
  return {
    rerender: render,
    dispose() {
      disposed = true;
    },
  };
};
