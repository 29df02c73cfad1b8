import type { CounterBoard, ServiceBoard } from '@giliran/contracts';
import { formatTime, h } from '../../ui-shared/dom';
import { i18n, t, type Key } from './i18n';
import type { VoiceLocale } from './speech-text';

/** What the URL says about this screen (`?counter=`, `?sound=`, `?voice=`). */
export interface ScreenOptions {
  sound: boolean;
  /** Overrides the office's configured voice language. */
  voice: VoiceLocale | null;
}

/** The red "not connected" bar; the board behind it is dimmed by `body.is-offline`. */
export function createOfflineBanner(): { el: HTMLElement; set(online: boolean, lastSync: Date | null, timeZone: string): void } {
  const main = h('span', { class: 'offline-main' });
  const since = h('span', { class: 'offline-since num' });
  const el = h(
    'div',
    { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true },
    h('span', { class: 'offline-dot', 'aria-hidden': 'true' }),
    main,
    since,
  );
  return {
    el,
    set(online, lastSync, timeZone) {
      main.textContent = t('offline');
      since.textContent = lastSync ? t('offlineSince', { time: formatTime(lastSync, timeZone, i18n.locale()) }) : '';
      el.hidden = online;
      document.body.classList.toggle('is-offline', !online);
    },
  };
}

export function counterStateKey(counter: CounterBoard): Key {
  if (counter.status === 'closed') return 'counter.closed';
  if (counter.nowServing?.status === 'serving') return 'ticket.serving';
  if (counter.nowServing) return 'ticket.called';
  if (counter.status === 'paused') return 'counter.paused';
  return 'counter.idle';
}

/** The number a counter shows: none while closed. */
export function counterNumber(counter: CounterBoard): string {
  return counter.status === 'closed' || !counter.nowServing ? '—' : counter.nowServing.number;
}

export function estimateText(service: ServiceBoard): string {
  if (service.estimatedWaitMinutes === null) return t('estimateClosed');
  if (service.waiting === 0) return t('estimateNone');
  if (service.estimatedWaitMinutes < 1) return t('estimateSoon');
  return t('estimate', { n: service.estimatedWaitMinutes });
}

/** The voice for calls: the URL's `voice=`, else the office's setting (Indonesian unless set to English). */
export function voiceFor(options: ScreenOptions, board: { voiceLocale?: string } | null): VoiceLocale {
  return options.voice ?? (board?.voiceLocale === 'en' ? 'en' : 'id');
}

/** Browser time zone until the board tells us the office's. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const flashTimers = new WeakMap<Element, number>();
/** Restartable blink (3×, then the element keeps its steady highlight); a recall starts it over. */
export function flash(el: Element | null | undefined, ms = 3000): void {
  if (!el) return;
  window.clearTimeout(flashTimers.get(el));
  el.classList.remove('flash');
  void (el as HTMLElement).offsetWidth;
  el.classList.add('flash');
  flashTimers.set(
    el,
    window.setTimeout(() => el.classList.remove('flash'), ms),
  );
}

/**
 * Shrinks `el`'s font until its text fits the width of its box: the CSS size is the largest it
 * may be, a long number ("KTP-012") gets smaller, a short one ("A-7") keeps the full size.
 */
export function fitText(el: HTMLElement | null | undefined): void {
  if (!el) return;
  el.style.fontSize = '';
  const available = el.clientWidth;
  const needed = el.scrollWidth;
  if (!available || needed <= available) return;
  const size = parseFloat(getComputedStyle(el).fontSize);
  el.style.fontSize = `${Math.floor(size * (available / needed) * 0.97)}px`;
}

/** Runs `fn` after the window stops resizing. */
export function onResize(fn: () => void): void {
  let timer = 0;
  window.addEventListener('resize', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(fn, 150);
  });
}
