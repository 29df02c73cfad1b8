import type { TrackingView } from '@giliran/contracts';
import { apiJson, errorCode } from '../../../ui-shared/api';
import { i18n, t } from '../i18n';
import { calledNow, loadFailed, shown, stillMoving, type TrackState } from './state';
import { nearText, type TrackHandlers } from './view';

const POLL_WITHOUT_SOCKET_MS = 20_000;
/**
 * A socket can die without a word (a phone's radio asleep, a proxy dropping it): when nothing has
 * come for this long while the ticket still waits, the page asks again by itself.
 */
export const QUIET_REVALIDATE_MS = 30_000;

/** The running page: its current state (replaced by each update) and its one timer. */
export interface TrackContext {
  state: TrackState;
  readonly token: string;
  render(): void;
  quiet?: number;
  /** Web Push is asked for once per page. */
  pushAsked: boolean;
  /** The survey's element, once the visit is done (its code loads then). */
  survey?: HTMLElement;
}

export function trackHandlers(ctx: TrackContext): TrackHandlers {
  return {
    retry: () => void load(ctx),
    pushOnce: () => pushOnce(ctx),
    askNotify: () => void Notification.requestPermission().then(() => ctx.render()),
    survey: () => {
      if (!ctx.survey) {
        const holder = document.createElement('div');
        ctx.survey = holder;
        import('./survey').then((m) => holder.replaceChildren(m.surveyPanel(ctx.token))).catch(() => undefined);
      }
      return ctx.survey;
    },
  };
}

function show(ctx: TrackContext, ticket: TrackingView): void {
  if (calledNow(ctx.state, ticket) && 'vibrate' in navigator) navigator.vibrate([300, 150, 300, 150, 600]);
  ctx.state = shown(ctx.state, ticket);
  ctx.render();
  window.clearTimeout(ctx.quiet);
  if (stillMoving(ticket)) ctx.quiet = window.setTimeout(() => void load(ctx), QUIET_REVALIDATE_MS);
}

export async function load(ctx: TrackContext): Promise<void> {
  try {
    show(ctx, await apiJson<TrackingView>(`/tracking/${encodeURIComponent(ctx.token)}`, { revalidate: true }));
  } catch (err) {
    ctx.state = loadFailed(ctx.state, errorCode(err));
    ctx.render();
  }
}

/** "Your turn is near": on the page, in sound and vibration, and as a notification when allowed. */
function turnNear(ctx: TrackContext, e: { number: string; position: number }): void {
  ctx.state = { ...ctx.state, near: { position: e.position } };
  ctx.render();
  if ('vibrate' in navigator) navigator.vibrate([200, 100, 200]);
  chime();
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      new Notification(t('nearTitle'), { body: `${e.number} — ${nearText(e.position)}`, tag: `giliran-${e.number}`, lang: i18n.locale() });
    } catch {
      // Some phones allow notifications only from a service worker; the page itself still shows it.
    }
  }
}

/**
 * Web Push, once per page: the near-turn message then reaches the phone with this page closed.
 * Where the browser cannot, the page's own notification above is all there is, as before.
 */
function pushOnce(ctx: TrackContext): void {
  if (ctx.pushAsked) return;
  ctx.pushAsked = true;
  import('../web-push').then((m) => m.subscribeToPush(ctx.token)).catch(() => undefined);
}

function setOnline(ctx: TrackContext, online: boolean): void {
  ctx.state = { ...ctx.state, online };
  ctx.render();
}

/** socket.io is most of this page's weight: it loads while the first GET paints the ticket. */
export function connect(ctx: TrackContext): void {
  import('../../../ui-shared/socket')
    .then(({ connectQueue, keepSubscribed }) => {
      const socket = connectQueue();
      socket.on('connect', () => setOnline(ctx, true));
      const offline = () => {
        if (ctx.state.online) setOnline(ctx, false);
      };
      socket.on('disconnect', offline);
      socket.on('connect_error', offline);
      socket.on('ticket.near', (e) => turnNear(ctx, e));
      // The ticket room's own name for its update (`ticket.updated` carries the same body there).
      socket.on('ticket.tracking', (payload) => show(ctx, payload));
      keepSubscribed(
        socket,
        () => ({ trackingToken: ctx.token }),
        (snapshot) => {
          // This socket subscribes to a ticket only: the snapshot is its tracking body.
          if (!('seq' in snapshot)) show(ctx, snapshot);
        },
        (error) => {
          if (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED') {
            ctx.state = { ...ctx.state, view: { kind: 'notFound' } };
            ctx.render();
          }
        },
      );
    })
    .catch(() => {
      // Without live updates the page still follows the queue, just less promptly.
      window.setInterval(() => void load(ctx), POLL_WITHOUT_SOCKET_MS);
    });
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
