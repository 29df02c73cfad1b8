import type { TrackingView } from '@giliran/contracts';
import { apiJson, errorCode } from '../../ui-shared/api';
import { formatTime, h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { i18n, t, type Key } from './i18n';

const POLL_WITHOUT_SOCKET_MS = 20_000;
/**
 * A socket can die without a word (a phone's radio asleep, a proxy dropping it): when nothing has
 * come for this long while the ticket still waits, the page asks again by itself.
 */
export const QUIET_REVALIDATE_MS = 30_000;

type View = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'failed' } | { kind: 'ticket'; ticket: TrackingView };

/** The citizen's live page: a first GET for a fast paint, then the ticket's socket room. */
export function startTracking(root: HTMLElement, token: string): void {
  let view: View = { kind: 'loading' };
  let online = true;
  let lastStatus: string | null = null;
  /** `ticket.near` received: shown until the ticket is called. */
  let near: { position: number } | null = null;
  let quiet: number | undefined;

  const banner = h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true });
  const header = h('header', { class: 'bar' });
  const main = h('main', { class: 'track-main' });
  mount(root, banner, header, main);

  const show = (ticket: TrackingView) => {
    if (ticket.status === 'called' && lastStatus !== null && lastStatus !== 'called' && 'vibrate' in navigator) {
      navigator.vibrate([300, 150, 300, 150, 600]);
    }
    lastStatus = ticket.status;
    if (ticket.status !== 'waiting') near = null;
    view = { kind: 'ticket', ticket };
    render();
    window.clearTimeout(quiet);
    if (ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'serving')
      quiet = window.setTimeout(() => void load(), QUIET_REVALIDATE_MS);
  };

  /** "Your turn is near": on the page, in sound and vibration, and as a notification when allowed. */
  const turnNear = (e: { number: string; position: number }) => {
    near = { position: e.position };
    render();
    if ('vibrate' in navigator) navigator.vibrate([200, 100, 200]);
    chime();
    if ('Notification' in window && Notification.permission === 'granted') {
      try {
        new Notification(t('nearTitle'), { body: `${e.number} — ${nearText(e.position)}`, tag: `giliran-${e.number}`, lang: i18n.locale() });
      } catch {
        // Some phones allow notifications only from a service worker; the page itself still shows it.
      }
    }
  };

  function render() {
    banner.textContent = t('offline');
    banner.hidden = online;
    mount(
      header,
      h(
        'div',
        { class: 'bar-title' },
        h('span', { class: 'brand' }, 'Giliran'),
        h('span', { class: 'office-name' }, view.kind === 'ticket' ? view.ticket.officeName : t('trackTitle')),
      ),
      langToggle(i18n),
    );
    switch (view.kind) {
      case 'loading':
        document.title = `Giliran — ${t('trackTitle')}`;
        return mount(main, h('p', { class: 'muted center' }, t('loading')));
      case 'notFound':
        return mount(main, h('p', { class: 'error center', role: 'alert' }, t('trackNotFound')));
      case 'failed':
        return mount(
          main,
          h('p', { class: 'error center', role: 'alert' }, t('loadFailed')),
          h('button', { type: 'button', class: 'btn', onclick: () => void load() }, t('retry')),
        );
      case 'ticket':
        return renderTicket(view.ticket);
    }
  }

  function renderTicket(ticket: TrackingView) {
    const counter = ticket.counterName ?? '';
    document.title = ticket.status === 'called' ? `🔔 ${ticket.number} → ${counter}` : `${ticket.number} — Giliran`;
    let detail: HTMLElement;
    switch (ticket.status) {
      case 'waiting':
        detail = h(
          'div',
          { class: 'track-card' },
          near
            ? h(
                'div',
                { class: 'track-near', role: 'alert', 'data-testid': 'near' },
                h('p', { class: 'track-near-title' }, t('nearTitle')),
                h('p', {}, nearText(ticket.position || near.position)),
              )
            : null,
          h('p', { class: 'track-position', 'data-testid': 'position' }, ticket.position <= 1 ? t('positionNext') : t('position', { n: ticket.position })),
          h('p', { class: 'track-wait', 'data-testid': 'wait' }, waitText(ticket)),
        );
        break;
      case 'called':
        detail = h(
          'div',
          { class: 'track-card called', role: 'alert' },
          h('p', { class: 'track-turn' }, t('yourTurnTitle')),
          h('p', { class: 'track-goto', 'data-testid': 'go-to' }, t('goTo'), ' ', h('strong', { class: 'track-counter' }, counter)),
        );
        break;
      case 'serving':
        detail = h('div', { class: 'track-card' }, h('p', { class: 'track-position' }, t('servingAt', { counter })));
        break;
      case 'done':
        detail = h('div', { class: 'track-card' }, h('p', { class: 'track-position' }, t('doneText')));
        break;
      case 'no_show':
        detail = h('div', { class: 'track-card warn' }, h('p', {}, t('noShowText')));
        break;
      case 'cancelled':
        detail = h('div', { class: 'track-card warn' }, h('p', {}, t('cancelledText')));
        break;
    }
    mount(
      main,
      h('p', { class: 'ticket-label' }, t('yourNumber')),
      h('p', { class: 'track-number num', 'data-testid': 'ticket-number', style: `--len: ${ticket.number.length}` }, ticket.number),
      h('p', { class: 'ticket-service' }, ticket.serviceName),
      h('p', { class: `status-pill status-${ticket.status}`, 'data-testid': 'status' }, t(`status.${ticket.status}` as Key)),
      detail,
      ticket.status === 'waiting' ? notifyControl() : null,
      h('p', { class: 'muted small center' }, online ? t('live') : t('offline')),
    );
  }

  /** Asks once for notifications, from a tap (browsers refuse a request without one). */
  function notifyControl(): HTMLElement | null {
    if (!('Notification' in window) || Notification.permission === 'denied') return null;
    if (Notification.permission === 'granted') {
      // Allowed before (another ticket, another day): this ticket subscribes too, without asking.
      pushOnce();
      return h('p', { class: 'muted small center', 'data-testid': 'notify-on' }, t('notifyOn'));
    }
    return h(
      'button',
      {
        type: 'button',
        class: 'btn btn-secondary',
        'data-testid': 'notify-me',
        onclick: () => void Notification.requestPermission().then(() => render()),
      },
      t('notifyMe'),
    );
  }

  /**
   * Web Push, once per page: the near-turn message then reaches the phone with this page closed.
   * Where the browser cannot, the page's own notification above is all there is, as before.
   */
  let pushAsked = false;
  function pushOnce(): void {
    if (pushAsked) return;
    pushAsked = true;
    import('./web-push').then((m) => m.subscribeToPush(token)).catch(() => undefined);
  }

  async function load() {
    try {
      show(await apiJson<TrackingView>(`/tracking/${encodeURIComponent(token)}`, { revalidate: true }));
    } catch (err) {
      const code = errorCode(err);
      if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') view = { kind: 'notFound' };
      else if (view.kind !== 'ticket') view = { kind: 'failed' };
      render();
    }
  }

  // socket.io is most of this page's weight: it loads while the first GET paints the ticket.
  import('../../ui-shared/socket')
    .then(({ connectQueue, keepSubscribed }) => {
      const socket = connectQueue();
      socket.on('connect', () => {
        online = true;
        render();
      });
      const offline = () => {
        if (!online) return;
        online = false;
        render();
      };
      socket.on('disconnect', offline);
      socket.on('connect_error', offline);
      socket.on('ticket.near', turnNear);
      socket.on('ticket.updated', (payload) => {
        // This socket only joins the ticket's room, whose body is the tracking view.
        if ('officeId' in payload) return;
        show(payload);
      });
      keepSubscribed(
        socket,
        () => ({ trackingToken: token }),
        (snapshot) => {
          // This socket subscribes to a ticket only: the snapshot is its tracking body.
          if (!('seq' in snapshot)) show(snapshot);
        },
        (error) => {
          if (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED') {
            view = { kind: 'notFound' };
            render();
          }
        },
      );
    })
    .catch(() => {
      // Without live updates the page still follows the queue, just less promptly.
      window.setInterval(() => void load(), POLL_WITHOUT_SOCKET_MS);
    });
  // Phones freeze background tabs; refresh as soon as the citizen looks again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void load();
  });

  i18n.onChange(render);
  render();
  void load();
}

/** What the citizen is told of the wait: nothing promised while no counter is open (API.md v1.1). */
function waitText(ticket: TrackingView): string {
  if (ticket.estimatedWaitMinutes === null) {
    if (!ticket.nextOpening) return t('waitClosed');
    return t('waitClosedUntil', { time: formatTime(ticket.nextOpening, Intl.DateTimeFormat().resolvedOptions().timeZone, i18n.locale()) });
  }
  return ticket.estimatedWaitMinutes > 0 ? t('wait', { n: ticket.estimatedWaitMinutes }) : t('waitNone');
}

function nearText(position: number): string {
  return position <= 1 ? t('nearTextNext') : t('nearText', { n: position - 1 });
}

/** Two short tones; silent where the browser allows no sound without a tap first. */
function chime(): void {
  try {
    const audio = new AudioContext();
    [0, 0.25].forEach((at, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = i ? 880 : 660;
      gain.gain.setValueAtTime(0.2, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.2);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + at);
      tone.stop(audio.currentTime + at + 0.22);
    });
  } catch {
    // No audio here: the page and the vibration still say it.
  }
}
