import type { CounterBoard, RecentCall, ServiceBoard } from '@giliran/contracts';
import { h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { createClock } from './clock';
import { columnsFor, callsKey, type HallState } from './hall-state';
import { i18n, t } from './i18n';
import { counterNumber, counterStateKey, createOfflineBanner, estimateText, fitText, flash } from './screen';
import { createTicker } from './ticker';

interface Tile {
  root: HTMLElement;
  name: HTMLElement;
  number: HTMLElement;
  state: HTMLElement;
}

/** The board's fixed parts, made once; their content is patched in place. */
function hallSkeleton(timeZone: () => string) {
  return {
    banner: createOfflineBanner(),
    officeName: h('h1', { class: 'office-name' }),
    clock: createClock(timeZone, () => i18n.locale()),
    countersTitle: h('h2', { class: 'panel-title' }),
    grid: h('div', { class: 'counters', role: 'list' }),
    latestTitle: h('h2', { class: 'panel-title' }),
    hero: h('div', { class: 'hero', 'aria-live': 'assertive' }),
    earlierTitle: h('h2', { class: 'panel-title panel-title-small' }),
    earlier: h('ol', { class: 'recent' }),
    servicesTitle: h('h2', { class: 'sr-only' }),
    servicesEl: h('div', { class: 'services', role: 'list' }),
    ticker: createTicker(() => t('info')),
  };
}

type Skeleton = ReturnType<typeof hallSkeleton>;

function mountSkeleton(root: HTMLElement, s: Skeleton): void {
  root.classList.add('hall');
  mount(
    root,
    s.banner.el,
    h(
      'header',
      { class: 'top' },
      h(
        'div',
        { class: 'brand-block' },
        h('span', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'G'), 'Giliran'),
        s.officeName,
      ),
      s.clock.el,
      langToggle(i18n),
    ),
    h(
      'main',
      { class: 'board' },
      h('section', { class: 'panel counters-panel' }, s.countersTitle, s.grid),
      h('section', { class: 'panel calls-panel', 'data-testid': 'recent-calls' }, s.latestTitle, s.hero, s.earlierTitle, s.earlier),
    ),
    h('footer', { class: 'services-bar' }, s.servicesTitle, s.servicesEl),
    s.ticker.el,
  );
}

function newTile(counter: CounterBoard): Tile {
  const name = h('p', { class: 'tile-name' });
  const number = h('p', { class: 'tile-number num', 'data-testid': 'now-serving' });
  const state = h('p', { class: 'tile-state' });
  return { root: h('div', { class: 'tile', role: 'listitem', 'data-testid': `counter-${counter.counterId}` }, name, number, state), name, number, state };
}

function paintTile(tile: Tile, counter: CounterBoard, latest: RecentCall | undefined): void {
  tile.name.textContent = counter.name;
  tile.number.textContent = counterNumber(counter);
  tile.state.textContent = t(counterStateKey(counter));
  tile.root.dataset.status = counter.status;
  tile.root.dataset.ticket = counter.nowServing?.status ?? 'none';
  tile.root.classList.toggle('has-ticket', counter.status !== 'closed' && counter.nowServing !== null);
  tile.root.classList.toggle('latest', !!latest && counter.nowServing?.ticketId === latest.ticketId && latest.counterId === counter.counterId);
}

// Tiles are reused by counter id so a blink in progress survives later updates.
function renderCounters(grid: HTMLElement, tiles: Map<string, Tile>, counters: CounterBoard[], latest: RecentCall | undefined): void {
  if (counters.length === 0) {
    tiles.clear();
    grid.removeAttribute('style');
    return mount(grid, h('p', { class: 'placeholder' }, t('noCounters')));
  }
  const ordered = counters.map((counter) => {
    let tile = tiles.get(counter.counterId);
    if (!tile) {
      tile = newTile(counter);
      tiles.set(counter.counterId, tile);
    }
    paintTile(tile, counter, latest);
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

function renderHero(hero: HTMLElement, latest: RecentCall | undefined): void {
  hero.classList.toggle('empty', !latest);
  if (!latest) {
    delete hero.dataset.ticket;
    delete hero.dataset.callNumber;
    return mount(hero, h('p', { class: 'hero-empty' }, t('noCalls')));
  }
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

function renderEarlier(s: Skeleton, rest: RecentCall[]): void {
  s.earlierTitle.hidden = rest.length === 0;
  mount(
    s.earlier,
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
function hideOverflowingCalls(earlier: HTMLElement): void {
  const bottom = earlier.getBoundingClientRect().bottom + 1;
  for (const item of Array.from(earlier.children) as HTMLElement[]) {
    item.style.visibility = item.getBoundingClientRect().bottom > bottom ? 'hidden' : '';
  }
}

function renderServices(servicesEl: HTMLElement, services: ServiceBoard[]): void {
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

export interface HallView {
  /** Office name, titles, banner, running text: everything that does not need a board. */
  renderStatic(state: HallState): void;
  render(state: HallState): void;
  /** The clock, every second. */
  tick(): void;
  /** After a language change: the calls panel is drawn again even if the calls are the same. */
  relabel(): void;
  /** Numbers refitted to their boxes, after the window changed size. */
  refit(): void;
  /** Blinks the counter's tile and the latest call. */
  flashCall(counterId: string): void;
  showUnknownOffice(): void;
}

/**
 * The hall board's DOM: built once into `root`, then patched from the state. `relabelSound`
 * puts the sound overlay (added to `root` after this) into the language of the moment.
 */
export function createHallView(root: HTMLElement, timeZone: () => string, relabelSound: () => void): HallView {
  const s = hallSkeleton(timeZone);
  const tiles = new Map<string, Tile>();
  let renderedCalls = '';
  mountSkeleton(root, s);

  function renderCalls(calls: RecentCall[]) {
    const key = callsKey(calls, i18n.lang);
    if (key === renderedCalls) return;
    renderedCalls = key;
    const [latest, ...rest] = calls;
    renderHero(s.hero, latest);
    renderEarlier(s, rest);
  }

  function fitAll() {
    for (const tile of tiles.values()) {
      fitText(tile.number);
    }
    fitText(s.hero.querySelector<HTMLElement>('.hero-number'));
  }

  const view: HallView = {
    renderStatic({ board, online, lastSync }) {
      const name = board?.officeName || t('title');
      s.officeName.textContent = name;
      document.title = `${board?.officeName || 'Giliran'} — ${t('title')}`;
      s.countersTitle.textContent = t('nowServing');
      s.latestTitle.textContent = t('latestCall');
      s.earlierTitle.textContent = t('earlierCalls');
      s.servicesTitle.textContent = t('services');
      s.banner.set(online, lastSync, timeZone());
      s.ticker.relabel();
      s.ticker.set(board?.announcements ?? [], board ? t('welcome', { office: board.officeName }) : '');
      relabelSound();
    },
    render(state) {
      view.renderStatic(state);
      s.clock.render();
      const { board } = state;
      if (state.fatal) return;
      if (!board) {
        if (s.grid.childElementCount === 0) mount(s.grid, h('p', { class: 'placeholder' }, t('loading')));
        return;
      }
      renderCounters(s.grid, tiles, board.counters, board.recentCalls[0]);
      renderCalls(board.recentCalls);
      renderServices(s.servicesEl, board.services);
      fitAll();
      // After fitting: the latest call's height decides how many earlier calls fit.
      hideOverflowingCalls(s.earlier);
    },
    tick: s.clock.render,
    relabel() {
      renderedCalls = '';
    },
    refit() {
      fitAll();
      hideOverflowingCalls(s.earlier);
    },
    flashCall(counterId) {
      flash(tiles.get(counterId)?.root);
      flash(s.hero);
    },
    showUnknownOffice() {
      mount(
        s.grid,
        h(
          'div',
          { class: 'placeholder' },
          h('p', { class: 'error' }, t('unknownOffice')),
          h('a', { class: 'btn', href: location.pathname }, t('changeOffice')),
        ),
      );
    },
  };
  return view;
}
