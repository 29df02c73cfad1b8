import type { OfficeDetail, ServiceView, TicketView } from '@giliran/contracts';
import { formatDate, formatTime, h, zoneLabel } from '../../ui-shared/dom';
import { i18n, t } from './i18n';

export interface TicketProps {
  ticket: TicketView;
  service: ServiceView;
  office: OfficeDetail;
  qr: Promise<typeof import('./qr')>;
  secondsLeft: number;
  /** A word printed under the number, e.g. BOOKING for a checked-in appointment. */
  badge?: string | null;
  onPrint(): void;
  onDone(): void;
}

export function trackingUrl(token: string): string {
  return `${location.origin}/kiosk/track/${encodeURIComponent(token)}`;
}

/** The printable ticket plus the kiosk's buttons; only `.ticket` is printed (see style.css). */
export function renderTicket(props: TicketProps): HTMLElement {
  const { ticket, service, office } = props;
  const url = trackingUrl(ticket.trackingToken);
  const locale = i18n.locale();
  const qrBox = h('div', { class: 'qr', 'data-testid': 'qr', role: 'img', 'aria-label': t('scanToTrack') });
  props.qr
    .then((m) => m.qrSvg(url))
    .then((svg) => {
      qrBox.innerHTML = svg;
    })
    .catch(() => {
      // The link text below still works when the QR cannot be drawn.
      qrBox.hidden = true;
    });

  const waitText =
    ticket.estimatedWaitMinutes === null ? t('waitClosed') : ticket.estimatedWaitMinutes > 0 ? t('wait', { n: ticket.estimatedWaitMinutes }) : t('waitNone');
  const positionText = ticket.position <= 1 ? t('positionNext') : t('position', { n: ticket.position });

  return h(
    'div',
    { class: 'ticket-screen' },
    h(
      'article',
      { class: 'ticket', 'data-testid': 'ticket', 'aria-labelledby': 'ticket-number' },
      h('p', { class: 'ticket-office' }, office.name),
      h('p', { class: 'ticket-label' }, t('yourNumber')),
      h('p', { class: 'ticket-number num', id: 'ticket-number', 'data-testid': 'ticket-number', style: `--len: ${ticket.number.length}` }, ticket.number),
      ticket.priority === 'priority' ? h('p', { class: 'ticket-badge' }, t('priorityBadge')) : null,
      props.badge ? h('p', { class: 'ticket-badge', 'data-testid': 'ticket-badge' }, props.badge) : null,
      h('p', { class: 'ticket-service' }, service.name),
      service.requirements?.length
        ? h('p', { class: 'ticket-reqs', 'data-testid': 'ticket-requirements' }, `${t('bring')}: ${service.requirements.join(', ')}`)
        : null,
      h(
        'div',
        { class: 'ticket-facts' },
        h('p', { class: 'ticket-position', 'data-testid': 'position' }, positionText),
        h('p', { class: 'ticket-wait' }, waitText),
      ),
      h(
        'p',
        { class: 'ticket-time' },
        t('issuedAt', {
          date: formatDate(ticket.issuedAt, office.timezone, locale),
          time: formatTime(ticket.issuedAt, office.timezone, locale),
          zone: zoneLabel(office.timezone),
        }),
      ),
      qrBox,
      h('p', { class: 'ticket-scan' }, t('scanToTrack')),
      h('p', { class: 'ticket-link', 'data-testid': 'tracking-link' }, url),
      office.address || office.phone
        ? h('p', { class: 'ticket-contact', 'data-testid': 'ticket-contact' }, [office.address, office.phone].filter(Boolean).join(' · '))
        : null,
    ),
    h(
      'div',
      { class: 'ticket-actions no-print' },
      h('button', { type: 'button', class: 'btn btn-big', 'data-testid': 'print', onclick: props.onPrint }, t('print')),
      h('button', { type: 'button', class: 'btn btn-big btn-secondary', 'data-testid': 'done', onclick: props.onDone }, t('done')),
    ),
    h('p', { class: 'countdown muted no-print', 'data-countdown': true }, t('backIn', { n: props.secondsLeft })),
  );
}
