import { h, mount, type Child } from '../../../ui-shared/dom';
import { langToggle } from '../../../ui-shared/i18n';
import { i18n, t } from './i18n';

export interface Frame {
  header: HTMLElement;
  main: HTMLElement;
}

/** The same blue bar as the kiosk and the tracking page (and index.html's placeholder): nothing moves when the chunk arrives. */
export function createFrame(root: HTMLElement): Frame {
  const header = h('header', { class: 'bar' });
  const main = h('main', { class: 'book-main' });
  // Each step replaces the page; notices (role alert/status) are what should be read out, not every change.
  root.removeAttribute('aria-live');
  mount(root, header, main);
  return { header, main };
}

export function renderHeader(frame: Frame, title: string | null): void {
  mount(
    frame.header,
    h('div', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, title ?? t('brandSub'))),
    langToggle(i18n),
  );
}

/** Back button and "step n of m" with a progress bar; the back slot is kept when hidden so the row never changes height. */
export function stepBar(opts: { n: number; total: number; onBack?: (() => void) | null }): HTMLElement {
  return h(
    'div',
    { class: 'step-bar' },
    h(
      'button',
      {
        type: 'button',
        class: 'back',
        'data-testid': 'back',
        onclick: opts.onBack ?? undefined,
        style: opts.onBack ? null : 'visibility:hidden',
        'aria-hidden': opts.onBack ? null : 'true',
      },
      h('span', { 'aria-hidden': 'true' }, '‹ '),
      t('back'),
    ),
    h('span', { class: 'step-count' }, t('step', { n: opts.n, total: opts.total })),
    h('div', { class: 'progress', 'aria-hidden': 'true' }, h('div', { class: 'progress-fill', style: `width:${Math.round((opts.n / opts.total) * 100)}%` })),
  );
}

/** A step's title: focusable, so a screen reader starts reading the new step there. */
export function stepTitle(text: string, ...sub: Child[]): HTMLElement[] {
  const title = h('h1', { class: 'step-title', tabindex: '-1' }, text);
  return sub.some(Boolean) ? [title, h('p', { class: 'step-sub muted' }, ...sub)] : [title];
}

/** A message kept as a function of the language, so switching languages translates it too. */
export type Text = () => string;

/** A message about the last action (kept in the layout flow, announced by screen readers). */
export function notice(text: Text | null, kind: 'error' | 'ok' | 'info' = 'error'): HTMLElement | null {
  if (!text) return null;
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': 'notice', tabindex: '-1' }, text());
}

export function focusTitle(main: HTMLElement): void {
  window.scrollTo(0, 0);
  main.querySelector<HTMLElement>('.step-title')?.focus({ preventScroll: true });
}
