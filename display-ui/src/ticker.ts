import { h } from '../../ui-shared/dom';

const SEPARATOR = '   •   ';
/** Seconds the text takes to cross the screen once: slow enough to read from the back row. */
const SCREEN_CROSSING_S = 11;

/**
 * Running text along the bottom. It only moves by `transform` inside a box of fixed height,
 * so nothing around it ever shifts. With no announcement it shows a still welcome line.
 */
export function createTicker(label: () => string): { el: HTMLElement; set(announcements: string[], fallback: string): void; relabel(): void } {
  const text = h('span', { class: 'ticker-text' });
  const track = h('div', { class: 'ticker-track' }, text);
  const viewport = h('div', { class: 'ticker-viewport' }, track);
  const chip = h('span', { class: 'ticker-label' });
  const el = h('div', { class: 'ticker', 'data-testid': 'announcements', role: 'marquee', 'aria-live': 'polite' }, chip, viewport);
  let current = '';
  let moving = false;

  const restart = () => {
    track.classList.remove('scrolling');
    if (!moving) return;
    // The track is the viewport's width of empty lead-in plus the text: it enters from the right.
    requestAnimationFrame(() => {
      // Reading the sizes also applies the removal above, so the animation starts over.
      const width = viewport.clientWidth || window.innerWidth;
      const distance = width + text.scrollWidth;
      track.style.animationDuration = `${Math.max(8, (distance / width) * SCREEN_CROSSING_S).toFixed(1)}s`;
      track.classList.add('scrolling');
    });
  };

  const set = (announcements: string[], fallback: string) => {
    const lines = announcements.map((a) => a.trim()).filter(Boolean);
    const next = lines.length ? lines.join(SEPARATOR) : fallback;
    const nextMoving = lines.length > 0;
    if (next === current && nextMoving === moving) return;
    current = next;
    moving = nextMoving;
    text.textContent = next;
    el.classList.toggle('is-still', !moving);
    restart();
    // A welcome line longer than the screen (a long office name on a 1280 × 720 display) runs
    // like an announcement rather than ending in "…".
    if (!moving)
      requestAnimationFrame(() => {
        if (moving || current !== next || track.scrollWidth <= track.clientWidth + 1) return;
        moving = true;
        el.classList.remove('is-still');
        restart();
      });
  };

  const relabel = () => {
    chip.textContent = label();
  };
  relabel();
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(restart, 200);
  });
  return { el, set, relabel };
}
