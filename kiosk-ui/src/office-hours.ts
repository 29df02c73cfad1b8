import type { OfficeDetail } from '@giliran/contracts';
import { formatDate, formatTime, h, zoneLabel } from '../../ui-shared/dom';
import { i18n, t } from './i18n';

/** The local calendar date of an instant in a zone, YYYY-MM-DD. */
const localDate = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/** "today" / "tomorrow" / "Monday, 7 December 2026" for an instant, in the office's zone. */
export function dayText(iso: string, timeZone: string, now = new Date()): string {
  const date = localDate(new Date(iso), timeZone);
  if (date === localDate(now, timeZone)) return t('today');
  if (date === localDate(new Date(now.getTime() + 86_400_000), timeZone)) return t('tomorrow');
  return formatDate(iso, timeZone, i18n.locale());
}

/** When a closed office opens next, as one sentence. */
export function opensText(office: OfficeDetail): string {
  if (!office.opensAt) return t('closedUnknown');
  return t('closedOpens', {
    day: dayText(office.opensAt, office.timezone),
    time: `${formatTime(office.opensAt, office.timezone, i18n.locale())} ${zoneLabel(office.timezone)}`,
  });
}

/** The week's hours as a definition list, Monday first; closed days said so. */
export function hoursTable(office: OfficeDetail): HTMLElement {
  const weekday = new Intl.DateTimeFormat(i18n.locale(), { weekday: 'long', timeZone: 'UTC' });
  const rows = [1, 2, 3, 4, 5, 6, 7].map((wd) => {
    const day = office.hours.find((d) => d.weekday === wd);
    // 2026-11-30 is a Monday: its date + (weekday − 1) names each weekday in the page's language.
    const name = weekday.format(new Date(Date.UTC(2026, 10, 29 + wd, 12)));
    const text = day ? `${day.open}–${day.close}` : t('closedDay');
    return h('div', { class: 'hours-row' }, h('dt', {}, name), h('dd', { class: 'num' }, text));
  });
  return h('section', { class: 'hours', 'aria-labelledby': 'hours-title' }, h('h2', { id: 'hours-title' }, t('hoursTitle')), h('dl', {}, ...rows));
}
