import type { OfficeDetail, ServiceView } from '@giliran/contracts';
import { API_BASE } from '../../../ui-shared/api';
import { formatTime, h, zoneLabel } from '../../../ui-shared/dom';
import { formatDay, formatRange } from './dates';
import { i18n, t, type Key } from './i18n';
import type { AppointmentView } from './types';

/** The code in two groups of four; its text is the bare code, so copying it gives `K7M2QX9P`. */
export function codeBlock(code: string): HTMLElement {
  return h(
    'div',
    { class: 'code-block' },
    h('p', { class: 'code-label' }, t('yourCode')),
    h(
      'p',
      { class: 'code num', 'data-testid': 'booking-code', 'aria-label': [...code].join(' ') },
      h('span', {}, code.slice(0, 4)),
      h('span', {}, code.slice(4)),
    ),
  );
}

/** A QR code of just the code, for the kiosk's scanner; its box has a fixed size, so drawing it later moves nothing. */
export function qrBlock(code: string): HTMLElement {
  const box = h('div', {
    class: 'qr booking-qr',
    role: 'img',
    'aria-label': `${t('qrLabel')}: ${code.slice(0, 4)} ${code.slice(4)}`,
    'data-testid': 'booking-qr',
  });
  import('../qr')
    .then((m) => m.qrSvg(code))
    .then((svg) => {
      box.innerHTML = svg;
    })
    .catch(() => {
      box.classList.add('qr-failed');
    });
  return box;
}

export function calendarLink(manageToken: string, code: string): HTMLAnchorElement {
  return h(
    'a',
    {
      class: 'btn btn-secondary btn-block',
      href: `${API_BASE}/appointments/${encodeURIComponent(manageToken)}/calendar.ics`,
      download: `giliran-${code}.ics`,
      'data-testid': 'calendar-link',
    },
    calendarIcon(),
    t('calendar'),
  );
}

export function manageUrl(manageToken: string): string {
  return `${location.origin}/manage/${encodeURIComponent(manageToken)}`;
}

/** Date, time, office, service and the check-in window, as a definition list. */
export function factsList(
  a: Pick<AppointmentView, 'start' | 'end' | 'businessDate' | 'checkIn'>,
  office: OfficeDetail,
  service: ServiceView | undefined,
  withCheckIn = true,
): HTMLElement {
  const locale = i18n.locale();
  const tz = office.timezone;
  const row = (label: string, value: string, testId?: string) =>
    h('div', { class: 'fact' }, h('dt', {}, label), h('dd', { 'data-testid': testId ?? null }, value));
  return h(
    'dl',
    { class: 'facts' },
    row(t('date'), formatDay(a.businessDate, locale), 'booking-date'),
    row(t('time'), formatRange(a.start, a.end, tz, locale), 'booking-time'),
    row(t('office'), office.name),
    office.address
      ? h(
          'div',
          { class: 'fact' },
          h('dt', {}, t('address')),
          h(
            'dd',
            { 'data-testid': 'office-address' },
            office.address,
            office.mapUrl ? h('a', { class: 'map-link', href: office.mapUrl, target: '_blank', rel: 'noopener' }, t('map')) : null,
          ),
        )
      : null,
    office.phone
      ? h('div', { class: 'fact' }, h('dt', {}, t('phoneOffice')), h('dd', {}, h('a', { href: `tel:${office.phone.replace(/[^+\d]/g, '')}` }, office.phone)))
      : null,
    service ? row(t('service'), `${service.prefix} · ${service.name}`) : null,
    service?.requirements?.length
      ? h(
          'div',
          { class: 'fact' },
          h('dt', {}, t('bring')),
          h('dd', {}, h('ol', { class: 'requirements', 'data-testid': 'requirements' }, ...service.requirements.map((r) => h('li', {}, r)))),
        )
      : null,
    withCheckIn &&
      row(t('checkIn'), t('checkInText', { from: formatTime(a.checkIn.opens, tz, locale), to: formatTime(a.checkIn.closes, tz, locale), zone: zoneLabel(tz) })),
  );
}

/** Whether the kiosk would accept the code right now. */
export function checkInOpen(a: Pick<AppointmentView, 'status' | 'checkIn'>, now = Date.now()): boolean {
  return a.status === 'booked' && now >= Date.parse(a.checkIn.opens) && now <= Date.parse(a.checkIn.closes);
}

/** The citizen's link with copy and (where the phone can) share. */
/** The citizen's own link; `hint`: what it is for (a booking's by default). */
export function manageLinkBox(manageToken: string, hint: Key = 'manageHint'): HTMLElement {
  const url = manageUrl(manageToken);
  const copyButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'copy-link' }, t('copy'));
  copyButton.addEventListener('click', () => {
    const done = () => {
      copyButton.textContent = t('copied');
      window.setTimeout(() => (copyButton.textContent = t('copy')), 2500);
    };
    if (navigator.clipboard?.writeText) void navigator.clipboard.writeText(url).then(done, () => selectLink());
    else selectLink();
  });
  const link = h('a', { class: 'manage-url', href: url, 'data-testid': 'manage-link' }, url);
  const selectLink = () => {
    const range = document.createRange();
    range.selectNodeContents(link);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  };
  const canShare = typeof navigator.share === 'function';
  return h(
    'section',
    { class: 'manage-box' },
    h('h2', {}, t('manageTitle')),
    h('p', { class: 'muted' }, t(hint)),
    link,
    h(
      'div',
      { class: 'manage-actions' },
      copyButton,
      canShare
        ? h(
            'button',
            { type: 'button', class: 'btn btn-secondary', onclick: () => void navigator.share({ title: 'Giliran', url }).catch(() => undefined) },
            t('share'),
          )
        : null,
    ),
  );
}

/** A small line-drawn calendar, inline so there is nothing more to download. */
function calendarIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML =
    '<rect x="3" y="5" width="18" height="16" rx="2" fill="none" stroke="currentColor" stroke-width="2"/>' +
    '<path d="M3 10h18M8 3v4M16 3v4" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>';
  return svg;
}

/** Where the office is, how to reach it and when it is open: on the service step of /book. */
export function officeInfo(office: OfficeDetail): HTMLElement | null {
  if (!office.address && !office.phone && !office.hours?.length) return null;
  const weekday = new Intl.DateTimeFormat(i18n.locale(), { weekday: 'long', timeZone: 'UTC' });
  const hours = [1, 2, 3, 4, 5, 6, 7].map((wd) => {
    const day = office.hours.find((d) => d.weekday === wd);
    // 2026-11-30 is a Monday.
    return h(
      'div',
      { class: 'hours-row' },
      h('dt', {}, weekday.format(new Date(Date.UTC(2026, 10, 29 + wd, 12)))),
      h('dd', {}, day ? `${day.open}–${day.close}` : t('closedDay')),
    );
  });
  return h(
    'section',
    { class: 'office-info', 'data-testid': 'office-info', 'aria-label': office.name },
    office.address
      ? h(
          'p',
          {},
          h('span', { class: 'muted' }, `${t('address')}: `),
          office.address,
          ' ',
          office.mapUrl ? h('a', { href: office.mapUrl, target: '_blank', rel: 'noopener' }, t('map')) : null,
        )
      : null,
    office.phone
      ? h('p', {}, h('span', { class: 'muted' }, `${t('phoneOffice')}: `), h('a', { href: `tel:${office.phone.replace(/[^+\d]/g, '')}` }, office.phone))
      : null,
    office.hours?.length ? h('details', {}, h('summary', {}, `${t('hours')} (${zoneLabel(office.timezone)})`), h('dl', { class: 'hours' }, ...hours)) : null,
  );
}
