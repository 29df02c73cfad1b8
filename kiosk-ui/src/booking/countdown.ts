import { formatTime, zoneLabel } from '../../../ui-shared/dom';
import { serverNow } from '../../../ui-shared/server-clock';
import { formatDay } from './dates';
import { i18n, t } from './i18n';

// Days not released yet (a service's scheduled release): when they open and how long until then,
// by the server's clock. The page asks for the days again by itself when one opens.

/** What is left until an instant: "2 hari 3 jam", "1 jam 5 menit", "4 menit 9 detik", "9 detik". */
export function timeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) return t('leftDays', { d, h });
  if (h) return t('leftHours', { h, m });
  if (m) return t('leftMinutes', { m, s });
  return t('leftSeconds', { s });
}

/**
 * "Senin, 7 Desember, 09.00 WIB": when a day's booking opens, in the office's time; the time alone
 * when that is on `sameDay` (the row already says which day).
 */
export function opensText(opensAt: string, timeZone: string, sameDay?: string): string {
  const locale = i18n.locale();
  const time = `${formatTime(opensAt, timeZone, locale)} ${zoneLabel(timeZone)}`;
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(opensAt));
  return date === sameDay ? time : `${formatDay(date, locale, 'medium')}, ${time}`;
}

/**
 * Keeps the countdowns under `root` current, once a second, and calls `opened` when a day's time
 * has come (by the server's clock): the page asks for the days again and the day opens by itself.
 * Asked again at most every few seconds while the server has not opened it yet.
 */
export function keepCountdowns(root: ParentNode, opened: () => void): void {
  let askedAt = 0;
  window.setInterval(() => {
    if (tickCountdowns(root) && Date.now() - askedAt > REASK_MS) {
      askedAt = Date.now();
      opened();
    }
  }, 1000);
}

const REASK_MS = 3000;

/** Paints every `[data-opens-at]` under `root` with the time left; true when one has come. */
export function tickCountdowns(root: ParentNode): boolean {
  let due = false;
  for (const el of root.querySelectorAll<HTMLElement>('[data-opens-at]')) {
    const left = Date.parse(el.dataset.opensAt ?? '') - serverNow();
    if (left <= 0) due = true;
    el.textContent = timeLeft(left);
  }
  return due;
}
