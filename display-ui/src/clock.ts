import { formatDate, h, zoneLabel } from '../../ui-shared/dom';

/** Hours and minutes big, seconds small, the zone (WIB/WITA/WIT) and the date: in the office's own time zone. */
export function createClock(timeZone: () => string, locale: () => string): { el: HTMLElement; render(): void } {
  const hm = h('span', { class: 'clock-hm num' });
  const sec = h('span', { class: 'clock-sec num' });
  const zone = h('span', { class: 'clock-zone' });
  const date = h('p', { class: 'clock-date' });
  const el = h('div', { class: 'clock', 'data-testid': 'clock', 'aria-live': 'off' }, h('p', { class: 'clock-time' }, hm, sec, zone), date);

  const render = () => {
    const now = new Date();
    const tz = timeZone();
    let parts: Intl.DateTimeFormatPart[];
    try {
      parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
    } catch {
      return; // an unknown zone: leave the clock as it was rather than show a wrong time
    }
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
    // Indonesian writes times with a dot (14.05); English with a colon.
    const sep = locale().startsWith('id') ? '.' : ':';
    hm.textContent = `${part('hour')}${sep}${part('minute')}`;
    sec.textContent = part('second');
    zone.textContent = zoneLabel(tz);
    date.textContent = formatDate(now, tz, locale());
  };
  return { el, render };
}
