import '../../ui-shared/base.css';
import './style.css';
import type { CounterBoard, OfficeDetail, QueueBoard, RecentCall, ServiceBoard, TicketCalledEvent } from '@giliran/contracts';
import { apiJson, errorCode } from '../../ui-shared/api';
import { BoardStore } from '../../ui-shared/board';
import { byId, formatDate, formatTime, h, mount, zoneLabel } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { officeFromUrl, remember, renderOfficePicker } from '../../ui-shared/office';
import { connectQueue } from '../../ui-shared/socket';
import { announce } from './announce';
import { i18n, t, type Key } from './i18n';

const OFFICE_KEY = 'giliran.display.office';
const FLASH_MS = 6000;
const root = byId('app');

const officeId = officeFromUrl(OFFICE_KEY);
if (officeId) {
  startBoard(officeId);
} else {
  const pick = () =>
    void renderOfficePicker(
      root,
      { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
      (office) => {
        remember(OFFICE_KEY, office.id);
        location.search = `?office=${encodeURIComponent(office.id)}`;
      },
    );
  i18n.onChange(pick);
  root.prepend(langToggle(i18n));
  pick();
}

interface Tile {
  root: HTMLElement;
  name: HTMLElement;
  number: HTMLElement;
  state: HTMLElement;
}

function startBoard(officeId: string): void {
  let office: OfficeDetail | null = null;
  let board: QueueBoard | null = null;
  let online = true;
  const tiles = new Map<string, Tile>();

  const banner = h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true });
  const officeName = h('h1', { class: 'office-name' });
  const dateEl = h('p', { class: 'date' });
  const clockEl = h('p', { class: 'clock num', 'aria-live': 'off' });
  const countersTitle = h('h2', { class: 'panel-title' });
  const grid = h('div', { class: 'counters', role: 'list' });
  const recentTitle = h('h2', { class: 'panel-title' });
  const recentList = h('ol', { class: 'recent', 'data-testid': 'recent-calls', 'aria-live': 'assertive' });
  const servicesEl = h('div', { class: 'services', role: 'list' });

  mount(
    root,
    banner,
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand-block' }, h('span', { class: 'brand' }, 'Giliran'), officeName),
      h('div', { class: 'time-block' }, clockEl, dateEl),
      langToggle(i18n),
    ),
    h(
      'main',
      { class: 'board' },
      h('section', { class: 'panel counters-panel' }, countersTitle, grid),
      h('section', { class: 'panel recent-panel' }, recentTitle, recentList),
    ),
    h('footer', { class: 'services-bar' }, servicesEl),
  );

  const timeZone = () => office?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  function renderClock() {
    const now = new Date();
    clockEl.textContent = `${formatTime(now, timeZone(), i18n.locale(), true)} ${office ? zoneLabel(office.timezone) : ''}`.trim();
    dateEl.textContent = formatDate(now, timeZone(), i18n.locale());
  }

  function renderStatic() {
    officeName.textContent = office?.name ?? t('title');
    document.title = `${office?.name ?? 'Giliran'} — ${t('title')}`;
    countersTitle.textContent = t('counters');
    recentTitle.textContent = t('recentCalls');
    banner.textContent = t('offline');
    banner.hidden = online;
    document.body.classList.toggle('is-offline', !online);
  }

  function tileFor(counter: CounterBoard): Tile {
    let tile = tiles.get(counter.counterId);
    if (!tile) {
      const name = h('p', { class: 'tile-name' });
      const number = h('p', { class: 'tile-number num', 'data-testid': 'now-serving' });
      const state = h('p', { class: 'tile-state' });
      tile = {
        root: h('div', { class: 'tile', role: 'listitem', 'data-testid': `counter-${counter.counterId}` }, name, number, state),
        name,
        number,
        state,
      };
      tiles.set(counter.counterId, tile);
    }
    return tile;
  }

  // Tiles are reused by counter id so a flash in progress survives later updates.
  function renderCounters(counters: CounterBoard[]) {
    if (counters.length === 0) {
      tiles.clear();
      return mount(grid, h('p', { class: 'placeholder' }, t('noCounters')));
    }
    const ordered = counters.map((counter) => {
      const tile = tileFor(counter);
      tile.name.textContent = counter.name;
      tile.number.textContent = counter.status === 'closed' || !counter.nowServing ? '—' : counter.nowServing.number;
      let stateKey: Key;
      if (counter.status === 'closed') stateKey = 'counter.closed';
      else if (counter.nowServing?.status === 'serving') stateKey = 'ticket.serving';
      else if (counter.nowServing) stateKey = 'ticket.called';
      else if (counter.status === 'paused') stateKey = 'counter.paused';
      else stateKey = 'counter.idle';
      tile.state.textContent = t(stateKey);
      tile.root.dataset.status = counter.status;
      tile.root.classList.toggle('has-ticket', counter.status !== 'closed' && counter.nowServing !== null);
      return tile.root;
    });
    const ids = new Set(counters.map((c) => c.counterId));
    for (const id of [...tiles.keys()]) if (!ids.has(id)) tiles.delete(id);
    const same = ordered.length === grid.children.length && ordered.every((el, i) => grid.children[i] === el);
    if (!same) grid.replaceChildren(...ordered);
    // Fewer, bigger tiles when there are few counters: readable from the back of the hall.
    grid.dataset.count = String(Math.min(counters.length, 12));
  }

  let renderedCalls: RecentCall[] | null = null;
  function renderRecent(calls: RecentCall[]) {
    if (calls === renderedCalls && recentList.childElementCount > 0) return;
    renderedCalls = calls;
    if (calls.length === 0) return mount(recentList, h('li', { class: 'placeholder' }, t('noCalls')));
    mount(
      recentList,
      ...calls.map((call, index) =>
        h(
          'li',
          { class: index === 0 ? 'call newest' : 'call', 'data-ticket': call.ticketId },
          h('span', { class: 'call-number num' }, call.number),
          h('span', { class: 'call-counter' }, index === 0 ? t('callLine', { counter: call.counterName }) : call.counterName),
          h('span', { class: 'call-time num' }, formatTime(call.calledAt, timeZone(), i18n.locale())),
        ),
      ),
    );
    hideOverflowingCalls();
  }

  /** Calls that do not fit whole are hidden rather than cut in half at the bottom edge. */
  function hideOverflowingCalls() {
    const bottom = recentList.getBoundingClientRect().bottom + 1;
    for (const item of Array.from(recentList.children) as HTMLElement[]) {
      item.style.visibility = item.getBoundingClientRect().bottom > bottom ? 'hidden' : '';
    }
  }

  function renderServices(services: ServiceBoard[]) {
    mount(
      servicesEl,
      ...services.map((s) =>
        h(
          'div',
          { class: 'svc', role: 'listitem', 'data-testid': `service-${s.serviceId}` },
          h('span', { class: 'svc-prefix' }, s.prefix),
          h('span', { class: 'svc-name' }, s.name),
          h('span', { class: 'svc-waiting num' }, t('waiting', { n: s.waiting })),
          h('span', { class: 'svc-eta num' }, s.waiting > 0 ? t('estimate', { n: s.estimatedWaitMinutes }) : t('estimateNone')),
        ),
      ),
    );
  }

  function render() {
    renderStatic();
    renderClock();
    if (!board) {
      if (grid.childElementCount === 0) mount(grid, h('p', { class: 'placeholder' }, t('loading')));
      return;
    }
    renderCounters(board.counters);
    renderRecent(board.recentCalls);
    renderServices(board.services);
  }

  const flashTimers = new Map<Element, number>();
  /** Restartable CSS flash; the class (not the node) carries it, so re-renders keep it going. */
  function flashClass(el: Element | null | undefined) {
    if (!el) return;
    window.clearTimeout(flashTimers.get(el));
    el.classList.remove('flash');
    void (el as HTMLElement).offsetWidth; // restart the animation on a recall
    el.classList.add('flash');
    flashTimers.set(
      el,
      window.setTimeout(() => {
        el.classList.remove('flash');
        flashTimers.delete(el);
      }, FLASH_MS),
    );
  }

  function flash(event: TicketCalledEvent) {
    flashClass(tiles.get(event.counterId)?.root);
    flashClass(recentList.firstElementChild);
  }

  const socket = connectQueue();
  const setOnline = (value: boolean) => {
    if (online === value) return;
    online = value;
    renderStatic();
  };
  socket.on('connect', () => setOnline(true));
  socket.on('disconnect', () => setOnline(false));
  socket.on('connect_error', () => setOnline(false));

  new BoardStore(socket, officeId, {
    onChange(next) {
      board = next;
      render();
    },
    onCall(event) {
      flash(event);
      announce(event, i18n.lang);
    },
    onSubscribeError(error) {
      if (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED') {
        remember(OFFICE_KEY, null);
        mount(
          grid,
          h(
            'div',
            { class: 'placeholder' },
            h('p', { class: 'error' }, t('unknownOffice')),
            h('a', { class: 'btn', href: location.pathname }, t('changeOffice')),
          ),
        );
      }
    },
  });

  const loadOffice = async () => {
    try {
      office = await apiJson<OfficeDetail>(`/offices/${encodeURIComponent(officeId)}`);
      render();
    } catch (err) {
      if (errorCode(err) === 'NOT_FOUND') return;
      window.setTimeout(() => void loadOffice(), 15_000);
    }
  };

  i18n.onChange(() => {
    renderedCalls = null;
    render();
  });
  render();
  void loadOffice();
  window.setInterval(renderClock, 1000);
  window.addEventListener('resize', hideOverflowingCalls);
}
