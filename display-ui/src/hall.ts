import type { CounterBoard, QueueBoard, RecentCall, ServiceBoard } from '@giliran/contracts';
import { h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { remember } from '../../ui-shared/office';
import { createClock } from './clock';
import { i18n, t } from './i18n';
import { connectLive, type CallNotice } from './live';
import { counterNumber, counterStateKey, createOfflineBanner, estimateText, fitText, flash, localZone, onResize, voiceFor, type ScreenOptions } from './screen';
import { setupSound } from './sound';
import { spokenCall } from './speech-text';
import { createTicker } from './ticker';

interface Tile {
  root: HTMLElement;
  name: HTMLElement;
  number: HTMLElement;
  state: HTMLElement;
}

/** Columns for n counters: as few as fit, so each number is as big as it can be. */
function columnsFor(n: number): number {
  if (n <= 3) return Math.max(n, 1);
  if (n === 4) return 2;
  if (n <= 6) return 3;
  if (n <= 8) return 4;
  if (n === 9) return 3;
  if (n <= 12) return 4;
  return 5;
}

/** The hall board: now serving per counter, the latest calls, waiting per service, clock, running text. */
export function startHall(root: HTMLElement, officeId: string, officeKey: string, options: ScreenOptions): void {
  let board: QueueBoard | null = null;
  let online = true;
  let lastSync: Date | null = null;
  let fatal: string | null = null;
  const tiles = new Map<string, Tile>();

  const timeZone = () => board?.timezone || localZone();
  const banner = createOfflineBanner();
  const officeName = h('h1', { class: 'office-name' });
  const clock = createClock(timeZone, () => i18n.locale());
  const countersTitle = h('h2', { class: 'panel-title' });
  const grid = h('div', { class: 'counters', role: 'list' });
  const latestTitle = h('h2', { class: 'panel-title' });
  const hero = h('div', { class: 'hero', 'aria-live': 'assertive' });
  const earlierTitle = h('h2', { class: 'panel-title panel-title-small' });
  const earlier = h('ol', { class: 'recent' });
  const servicesTitle = h('h2', { class: 'sr-only' });
  const servicesEl = h('div', { class: 'services', role: 'list' });
  const ticker = createTicker(() => t('info'));

  root.classList.add('hall');
  mount(
    root,
    banner.el,
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand-block' }, h('span', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'G'), 'Giliran'), officeName),
      clock.el,
      langToggle(i18n),
    ),
    h(
      'main',
      { class: 'board' },
      h('section', { class: 'panel counters-panel' }, countersTitle, grid),
      h('section', { class: 'panel calls-panel', 'data-testid': 'recent-calls' }, latestTitle, hero, earlierTitle, earlier),
    ),
    h('footer', { class: 'services-bar' }, servicesTitle, servicesEl),
    ticker.el,
  );
  const sound = options.sound ? setupSound(root, () => ({ enable: t('enableSound'), hint: t('enableSoundHint') })) : null;

  function renderStatic() {
    const name = board?.officeName || t('title');
    officeName.textContent = name;
    document.title = `${board?.officeName || 'Giliran'} — ${t('title')}`;
    countersTitle.textContent = t('nowServing');
    latestTitle.textContent = t('latestCall');
    earlierTitle.textContent = t('earlierCalls');
    servicesTitle.textContent = t('services');
    banner.set(online, lastSync, timeZone());
    ticker.relabel();
    ticker.set(board?.announcements ?? [], board ? t('welcome', { office: board.officeName }) : '');
    sound?.relabel();
  }

  function tileFor(counter: CounterBoard): Tile {
    let tile = tiles.get(counter.counterId);
    if (!tile) {
      const name = h('p', { class: 'tile-name' });
      const number = h('p', { class: 'tile-number num', 'data-testid': 'now-serving' });
      const state = h('p', { class: 'tile-state' });
      tile = { root: h('div', { class: 'tile', role: 'listitem', 'data-testid': `counter-${counter.counterId}` }, name, number, state), name, number, state };
      tiles.set(counter.counterId, tile);
    }
    return tile;
  }

  // Tiles are reused by counter id so a blink in progress survives later updates.
  function renderCounters(counters: CounterBoard[], latest: RecentCall | undefined) {
    if (counters.length === 0) {
      tiles.clear();
      grid.removeAttribute('style');
      return mount(grid, h('p', { class: 'placeholder' }, t('noCounters')));
    }
    const ordered = counters.map((counter) => {
      const tile = tileFor(counter);
      tile.name.textContent = counter.name;
      tile.number.textContent = counterNumber(counter);
      tile.state.textContent = t(counterStateKey(counter));
      tile.root.dataset.status = counter.status;
      tile.root.dataset.ticket = counter.nowServing?.status ?? 'none';
      tile.root.classList.toggle('has-ticket', counter.status !== 'closed' && counter.nowServing !== null);
      tile.root.classList.toggle('latest', !!latest && counter.nowServing?.ticketId === latest.ticketId && latest.counterId === counter.counterId);
      return tile.root;
    });
    const ids = new Set(counters.map((c) => c.counterId));
    for (const id of [...tiles.keys()]) if (!ids.has(id)) tiles.delete(id);
    const same = ordered.length === grid.children.length && ordered.every((el, i) => grid.children[i] === el);
    if (!same) grid.replaceChildren(...ordered);
    const cols = columnsFor(counters.length);
    grid.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
    grid.style.gridTemplateRows = `repeat(${Math.ceil(counters.length / cols)}, minmax(0, 1fr))`;
    grid.dataset.count = String(counters.length);
  }

  let renderedCalls = '';
  function renderCalls(calls: RecentCall[]) {
    const key = `${i18n.lang}|${calls.map((c) => `${c.ticketId}@${c.calledAt}@${c.counterName}`).join()}`;
    if (key === renderedCalls) return;
    renderedCalls = key;
    const [latest, ...rest] = calls;
    hero.classList.toggle('empty', !latest);
    if (!latest) {
      delete hero.dataset.ticket;
      delete hero.dataset.callNumber;
      mount(hero, h('p', { class: 'hero-empty' }, t('noCalls')));
    } else {
      hero.dataset.ticket = latest.ticketId;
      hero.dataset.callNumber = latest.number;
      mount(
        hero,
        h('p', { class: 'hero-number num', 'data-testid': 'latest-number' }, latest.number),
        h(
          'p',
          { class: 'hero-to' },
          h('span', { class: 'hero-arrow', 'aria-hidden': 'true' }, '→'),
          h('span', { class: 'sr-only' }, t('callTo')),
          h('span', { class: 'hero-counter' }, latest.counterName),
        ),
      );
    }
    earlierTitle.hidden = rest.length === 0;
    mount(
      earlier,
      ...rest.map((call) =>
        h(
          'li',
          { class: 'call', 'data-testid': 'recent-call', 'data-ticket': call.ticketId, 'data-call-number': call.number },
          h('span', { class: 'call-number num' }, call.number),
          h('span', { class: 'call-counter' }, call.counterName),
        ),
      ),
    );
  }

  /** Calls that do not fit whole are hidden rather than cut in half at the bottom edge. */
  function hideOverflowingCalls() {
    const bottom = earlier.getBoundingClientRect().bottom + 1;
    for (const item of Array.from(earlier.children) as HTMLElement[]) {
      item.style.visibility = item.getBoundingClientRect().bottom > bottom ? 'hidden' : '';
    }
  }

  function renderServices(services: ServiceBoard[]) {
    if (services.length === 0) return mount(servicesEl, h('p', { class: 'placeholder' }, t('noServices')));
    servicesEl.dataset.count = String(services.length);
    mount(
      servicesEl,
      ...services.map((s) =>
        h(
          'div',
          { class: s.waiting > 0 ? 'svc' : 'svc svc-empty', role: 'listitem', 'data-testid': `service-${s.serviceId}`, 'data-waiting': s.waiting },
          h('span', { class: 'svc-prefix' }, s.prefix),
          h('span', { class: 'svc-name' }, s.name),
          h(
            'span',
            { class: 'svc-count' },
            h('span', { class: 'svc-waiting num', 'data-testid': 'waiting' }, s.waiting),
            h('span', { class: 'svc-waiting-label' }, t('waitingLabel')),
          ),
          h('span', { class: 'svc-eta num' }, estimateText(s)),
        ),
      ),
    );
  }

  function render() {
    renderStatic();
    clock.render();
    if (fatal) return;
    if (!board) {
      if (grid.childElementCount === 0) mount(grid, h('p', { class: 'placeholder' }, t('loading')));
      return;
    }
    renderCounters(board.counters, board.recentCalls[0]);
    renderCalls(board.recentCalls);
    renderServices(board.services);
    fitAll();
    // After fitting: the latest call's height decides how many earlier calls fit.
    hideOverflowingCalls();
  }

  function fitAll() {
    for (const tile of tiles.values()) {
      fitText(tile.number);
    }
    fitText(hero.querySelector<HTMLElement>('.hero-number'));
  }

  function onCall(call: CallNotice) {
    flash(tiles.get(call.counterId)?.root);
    flash(hero);
    if (sound) {
      const locale = voiceFor(options, board);
      sound.announcer.announce(spokenCall(call.number, call.counterName, locale, call.recall), locale, call.recall);
    }
  }

  connectLive(officeId, {
    onBoard(next) {
      board = next;
      fatal = null;
      render();
    },
    onCall,
    onConnection(value, since) {
      online = value;
      lastSync = since;
      renderStatic();
    },
    onSubscribeError(error) {
      if (error.code !== 'NOT_FOUND' && error.code !== 'VALIDATION_FAILED') return;
      remember(officeKey, null);
      fatal = error.code;
      mount(
        grid,
        h(
          'div',
          { class: 'placeholder' },
          h('p', { class: 'error' }, t('unknownOffice')),
          h('a', { class: 'btn', href: location.pathname }, t('changeOffice')),
        ),
      );
    },
  });

  i18n.onChange(() => {
    renderedCalls = '';
    render();
  });
  render();
  window.setInterval(clock.render, 1000);
  onResize(() => {
    fitAll();
    hideOverflowingCalls();
  });
}
