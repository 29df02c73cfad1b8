import '../../ui-shared/base.css';
import './style.css';
import type { CounterBoard, CounterStatus, CounterView, LoginResponse, OfficeDetail, QueueBoard, TicketStatus, TicketView } from '@giliran/contracts';
import { ApiError, api, apiJson, errorCode, type ApiOptions } from '../../ui-shared/api';
import { BoardStore } from '../../ui-shared/board';
import { byId, h, mount } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { renderOfficePicker } from '../../ui-shared/office';
import { connectQueue } from '../../ui-shared/socket';
import { errorMessage, i18n, t, type Key } from './i18n';

const SESSION_KEY = 'giliran.counter.session';
const OFFICE_KEY = 'giliran.counter.office';
const counterKey = (officeId: string) => `giliran.counter.counter.${officeId}`;
const MESSAGE_MS = 6000;

interface Session {
  token: string;
  user: LoginResponse['user'];
}

interface Current {
  id: string;
  number: string;
  status: TicketStatus;
}

type Action = 'open' | 'pause' | 'close' | 'call-next' | 'recall' | 'start' | 'complete' | 'no-show';

const SHORTCUTS: Record<string, Action> = { n: 'call-next', r: 'recall', s: 'start', c: 'complete', x: 'no-show' };
const ACTIVE: ReadonlySet<TicketStatus> = new Set(['called', 'serving']);
const RANK: Record<TicketStatus, number> = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 3, cancelled: 3 };

const root = byId('app');
let session: Session | null = readSession();
let rerender: () => void = () => undefined;
let teardown: () => void = () => undefined;

i18n.onChange(() => rerender());
route();

function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function storage(kind: 'session' | 'local', key: string, value?: string | null): string | null {
  try {
    const store = kind === 'session' ? sessionStorage : localStorage;
    if (value === undefined) return store.getItem(key);
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  return null;
}

function route(notice?: string): void {
  teardown();
  teardown = () => undefined;
  if (!session) return showLogin(notice);
  const officeId = session.user.officeId ?? storage('session', OFFICE_KEY);
  if (!officeId) return showOfficePicker();
  teardown = startConsole(session, officeId);
}

function logout(notice?: string): void {
  session = null;
  storage('session', SESSION_KEY, null);
  storage('session', OFFICE_KEY, null);
  route(notice);
}

/** Staff calls: the bearer token on every request, and any 401 sends the officer back to login. */
async function staffApi<T>(path: string, options: ApiOptions = {}): Promise<T | null> {
  try {
    return await api<T>(path, { ...options, token: session?.token });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) logout(t('sessionExpired'));
    throw err;
  }
}

function showLogin(notice?: string, username = ''): void {
  const userInput = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
    value: username,
    'data-testid': 'username',
  });
  const passInput = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'password',
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error' }, notice ?? '');
  const submit = h('button', { type: 'submit', class: 'btn btn-block', 'data-testid': 'login' }, t('login'));
  const form = h(
    'form',
    { class: 'login-card', novalidate: true },
    h('p', { class: 'brand' }, 'Giliran'),
    h('h1', {}, t('loginTitle')),
    h('label', { for: 'username' }, t('username')),
    userInput,
    h('label', { for: 'password' }, t('password')),
    passInput,
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void login();
  });

  async function login() {
    const name = userInput.value.trim();
    if (!name || !passInput.value) {
      error.textContent = errorMessage('VALIDATION_FAILED');
      (name ? passInput : userInput).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('loggingIn');
    error.textContent = '';
    try {
      const res = await apiJson<LoginResponse>('/auth/login', { method: 'POST', body: { username: name, password: passInput.value } });
      session = { token: res.accessToken, user: res.user };
      storage('session', SESSION_KEY, JSON.stringify(session));
      route();
    } catch (err) {
      error.textContent = errorMessage(errorCode(err));
      submit.disabled = false;
      submit.textContent = t('login');
      passInput.select();
    }
  }

  document.title = `Giliran — ${t('title')}`;
  mount(root, h('div', { class: 'login-wrap' }, h('div', { class: 'login-lang' }, langToggle(i18n)), form));
  rerender = () => showLogin(error.textContent ?? undefined, userInput.value);
  (username ? passInput : userInput).focus();
}

function showOfficePicker(): void {
  const main = h('main', { class: 'picker-wrap' });
  mount(
    root,
    h(
      'header',
      { class: 'bar' },
      h('span', { class: 'bar-title' }, h('span', { class: 'brand' }, 'Giliran'), h('span', { class: 'office-name' }, t('title'))),
      logoutButton(),
      langToggle(i18n),
    ),
    main,
  );
  void renderOfficePicker(
    main,
    { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
    (office) => {
      storage('session', OFFICE_KEY, office.id);
      route();
    },
  );
  rerender = showOfficePicker;
}

function logoutButton(): HTMLButtonElement {
  return h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'logout', onclick: () => logout() }, t('logout'));
}

function sameEntry(a: CounterBoard | undefined, b: CounterBoard | undefined): boolean {
  return a?.status === b?.status && a?.nowServing?.ticketId === b?.nowServing?.ticketId && a?.nowServing?.status === b?.nowServing?.status;
}

/** HTTP answers and socket events race; for one ticket the later status in its life wins. */
function merge(local: Current | null, remote: Current): Current {
  if (local && local.id === remote.id && RANK[local.status] > RANK[remote.status]) return local;
  return remote;
}

function ticketOf(res: unknown): TicketView | null {
  if (!res || typeof res !== 'object') return null;
  if ('ticket' in res) return (res as { ticket: TicketView | null }).ticket;
  return res as TicketView;
}

function startConsole(session: Session, officeId: string): () => void {
  let office: OfficeDetail | null = null;
  let board: QueueBoard | null = null;
  let counterId: string | null = storage('local', counterKey(officeId));
  let counterStatus: CounterStatus | null = null;
  let current: Current | null = null;
  let lastEntry: CounterBoard | undefined;
  let busy = false;
  let online = true;
  let message: { kind: 'info' | 'error'; text: string } | null = null;
  let messageTimer: number | undefined;
  let disposed = false;
  let reloadedFor = '';

  // Built once; update() only changes text and disabled states, so focus and the select survive.
  const banner = h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true });
  const officeName = h('span', { class: 'office-name' });
  const userName = h('span', { class: 'user-name' });
  const connection = h('span', { class: 'connection' });
  const header = h('header', { class: 'bar' });
  const select = h('select', { id: 'counter-select', class: 'counter-select', 'data-testid': 'counter-select' });
  const selectLabel = h('label', { for: 'counter-select' });
  const counterState = h('span', { class: 'counter-state', 'data-testid': 'counter-status' });
  const button = (action: Action, cls: string, shortcut?: string) =>
    h('button', {
      type: 'button',
      class: `btn ${cls}`,
      'data-testid': action,
      'data-action': action,
      'aria-keyshortcuts': shortcut,
      onclick: () => void act(action),
    });
  const buttons: Record<Action, HTMLButtonElement> = {
    open: button('open', 'btn-secondary'),
    pause: button('pause', 'btn-secondary'),
    close: button('close', 'btn-secondary'),
    'call-next': button('call-next', 'btn-call', 'N'),
    recall: button('recall', 'btn-secondary', 'R'),
    start: button('start', 'btn-go', 'S'),
    complete: button('complete', 'btn-go', 'C'),
    'no-show': button('no-show', 'btn-warn', 'X'),
  };
  const currentLabel = h('p', { class: 'current-label' });
  const currentNumber = h('p', { class: 'current-number num', 'data-testid': 'current-number', 'aria-live': 'polite' });
  const currentStatus = h('p', { class: 'current-status', 'data-testid': 'current-status' });
  const messageEl = h('p', { class: 'message', role: 'status', 'data-testid': 'message' });
  const hint = h('p', { class: 'hint muted' });
  const waitingTitle = h('h2', { class: 'panel-title' });
  const waitingList = h('ul', { class: 'waiting', 'data-testid': 'waiting' });

  mount(
    root,
    banner,
    header,
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'counter-pick' }, selectLabel, select, counterState),
      h('div', { class: 'counter-actions' }, buttons.open, buttons.pause, buttons.close),
    ),
    h(
      'main',
      { class: 'console' },
      h(
        'section',
        { class: 'current-card' },
        currentLabel,
        currentNumber,
        currentStatus,
        h('div', { class: 'actions' }, buttons['call-next'], buttons.recall, buttons.start, buttons.complete, buttons['no-show']),
        messageEl,
        hint,
      ),
      h('aside', { class: 'waiting-card' }, waitingTitle, waitingList),
    ),
  );

  select.addEventListener('change', () => {
    counterId = select.value || null;
    storage('local', counterKey(officeId), counterId);
    lastEntry = undefined;
    current = null;
    counterStatus = office?.counters.find((c) => c.id === counterId)?.status ?? null;
    const entry = board?.counters.find((c) => c.counterId === counterId);
    if (entry) applyEntry(entry);
    setMessage(null);
    update();
  });

  function setMessage(next: typeof message) {
    message = next;
    window.clearTimeout(messageTimer);
    if (next) messageTimer = window.setTimeout(() => setMessage(null), MESSAGE_MS);
    messageEl.textContent = message?.text ?? '';
    messageEl.className = `message${message ? ` message-${message.kind}` : ''}`;
  }

  function applyEntry(entry: CounterBoard) {
    lastEntry = entry;
    counterStatus = entry.status;
    if (entry.nowServing) {
      current = merge(current, { id: entry.nowServing.ticketId, number: entry.nowServing.number, status: entry.nowServing.status });
    } else if (current && ACTIVE.has(current.status)) {
      // The board says the counter holds nothing: the ticket was finished elsewhere.
      current = null;
    }
  }

  function renderHeader() {
    officeName.textContent = office?.name ?? t('title');
    userName.textContent = `${session.user.username} · ${t(`role.${session.user.role}` as Key)}`;
    connection.textContent = online ? t('live') : t('offline');
    connection.className = `connection ${online ? 'is-online' : 'is-offline'}`;
    mount(
      header,
      h('span', { class: 'bar-title' }, h('span', { class: 'brand' }, `Giliran · ${t('title')}`), officeName),
      connection,
      userName,
      session.user.officeId === null
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn-secondary btn-small',
              onclick: () => {
                storage('session', OFFICE_KEY, null);
                route();
              },
            },
            t('pickOffice'),
          )
        : null,
      logoutButton(),
      langToggle(i18n),
    );
  }

  function renderSelect() {
    const counters = office?.counters ?? [];
    const options = [h('option', { value: '' }, counters.length ? t('chooseCounter') : t('noCounters'))];
    for (const c of counters) {
      const taken = c.status !== 'closed' && c.officerId !== null && c.officerId !== session.user.id;
      options.push(h('option', { value: c.id }, taken ? t('takenBy', { name: c.name }) : c.name));
    }
    select.replaceChildren(...options);
    // Forget a remembered counter only once we know the office's list (it may have been deleted).
    if (office && counterId && !counters.some((c) => c.id === counterId)) counterId = null;
    select.value = counterId ?? '';
  }

  function renderWaiting() {
    const mine = office?.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
    const services = [...(board?.services ?? [])].sort((a, b) => {
      const ia = mine.indexOf(a.serviceId);
      const ib = mine.indexOf(b.serviceId);
      return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    });
    if (services.length === 0) return mount(waitingList, h('li', { class: 'muted' }, board ? t('noWaiting') : t('loading')));
    mount(
      waitingList,
      ...services.map((s) =>
        h(
          'li',
          {
            class: mine.includes(s.serviceId) ? 'svc mine' : 'svc',
            'data-testid': `waiting-${s.serviceId}`,
            title: mine.includes(s.serviceId) ? t('mine') : undefined,
          },
          h('span', { class: 'svc-prefix' }, s.prefix),
          h('span', { class: 'svc-name' }, s.name),
          h('span', { class: 'svc-count num' }, t('waiting', { n: s.waiting })),
          h('span', { class: 'svc-eta num muted' }, s.waiting > 0 ? t('estimate', { n: s.estimatedWaitMinutes }) : ''),
        ),
      ),
    );
  }

  function update() {
    banner.textContent = t('offline');
    banner.hidden = online;
    connection.textContent = online ? t('live') : t('offline');
    connection.className = `connection ${online ? 'is-online' : 'is-offline'}`;
    selectLabel.textContent = t('counter');
    counterState.textContent = counterId && counterStatus ? t(`counter.${counterStatus}` as Key) : '';
    counterState.dataset.status = counterStatus ?? '';
    const labels: Record<Action, string> = {
      open: t('open'),
      pause: t('pause'),
      close: t('close'),
      'call-next': t('callNext'),
      recall: t('recall'),
      start: t('start'),
      complete: t('complete'),
      'no-show': t('noShow'),
    };
    for (const [action, el] of Object.entries(buttons) as [Action, HTMLButtonElement][]) {
      const key = el.getAttribute('aria-keyshortcuts');
      el.replaceChildren(labels[action], ...(key ? [' ', h('kbd', {}, key)] : []));
    }
    const active = current !== null && ACTIVE.has(current.status);
    const none = busy || !counterId;
    buttons.open.disabled = none || counterStatus === 'open';
    buttons.pause.disabled = none || counterStatus !== 'open';
    buttons.close.disabled = none || counterStatus === 'closed';
    buttons['call-next'].disabled = none || counterStatus !== 'open' || active;
    buttons.recall.disabled = none || current?.status !== 'called';
    buttons.start.disabled = none || current?.status !== 'called';
    buttons.complete.disabled = none || current?.status !== 'serving';
    buttons['no-show'].disabled = none || current?.status !== 'called';

    currentLabel.textContent = t('current');
    currentNumber.textContent = current?.number ?? '—';
    currentNumber.classList.toggle('is-final', current !== null && !active);
    currentStatus.textContent = current ? t(`status.${current.status}` as Key) : counterId ? t('noCurrent') : t('chooseCounterHint');
    currentStatus.dataset.status = current?.status ?? '';
    hint.textContent = t('shortcuts');
    waitingTitle.textContent = t('waitingTitle');
    renderWaiting();
    const counterName = office?.counters.find((c) => c.id === counterId)?.name;
    document.title = [current && active ? current.number : null, counterName, 'Giliran'].filter(Boolean).join(' · ');
  }

  async function act(action: Action) {
    if (busy || !counterId) return;
    const ticketAction = action === 'start' || action === 'complete' || action === 'no-show';
    if (ticketAction && !current) return;
    busy = true;
    update();
    try {
      if (action === 'open' || action === 'pause' || action === 'close') {
        const counter = await staffApi<CounterView>(`/counters/${encodeURIComponent(counterId)}/${action}`, { method: 'POST' });
        if (counter) counterStatus = counter.status;
        setMessage(null);
      } else if (action === 'call-next' || action === 'recall') {
        const res = await staffApi<unknown>(`/counters/${encodeURIComponent(counterId)}/${action}`, { method: 'POST' });
        const ticket = ticketOf(res);
        if (!ticket) {
          setMessage({ kind: 'info', text: t('noWaiting') });
        } else {
          current = merge(current, { id: ticket.id, number: ticket.number, status: ticket.status });
          setMessage({ kind: 'info', text: t(action === 'recall' ? 'recalled' : 'called', { number: ticket.number }) });
        }
      } else if (current) {
        const res = await staffApi<unknown>(`/tickets/${encodeURIComponent(current.id)}/${action}`, { method: 'POST' });
        const ticket = ticketOf(res);
        if (ticket) current = merge(current, { id: ticket.id, number: ticket.number, status: ticket.status });
        setMessage(null);
      }
    } catch (err) {
      if (disposed) return;
      const code = errorCode(err);
      setMessage({ kind: 'error', text: errorMessage(code) });
      // Our picture of the counter was wrong: take the server's.
      if (code === 'INVALID_TRANSITION' || code === 'COUNTER_BUSY' || code === 'COUNTER_CLOSED' || code === 'NOT_FOUND') {
        store.refresh();
        void loadOffice();
      }
    } finally {
      busy = false;
      if (!disposed) update();
    }
  }

  async function loadOffice() {
    try {
      const detail = await staffApi<OfficeDetail>(`/offices/${encodeURIComponent(officeId)}`);
      if (disposed || !detail) return;
      office = detail;
      renderSelect();
      const view = office.counters.find((c) => c.id === counterId);
      if (view && !board) counterStatus = view.status;
      renderHeader();
      update();
    } catch (err) {
      if (disposed) return;
      if (errorCode(err) === 'NOT_FOUND' && session.user.officeId === null) {
        storage('session', OFFICE_KEY, null);
        return route();
      }
      setMessage({ kind: 'error', text: t('loadFailed') });
      window.setTimeout(() => !disposed && void loadOffice(), 10_000);
    }
  }

  const socket = connectQueue();
  const setOnline = (value: boolean) => {
    if (online === value) return;
    online = value;
    update();
  };
  socket.on('connect', () => setOnline(true));
  socket.on('disconnect', () => setOnline(false));
  socket.on('connect_error', () => setOnline(false));
  const store = new BoardStore(socket, officeId, {
    onChange(next, source) {
      board = next;
      const entry = next.counters.find((c) => c.counterId === counterId);
      if (entry && (source === 'snapshot' || !sameEntry(entry, lastEntry))) applyEntry(entry);
      // A counter created after we loaded the office: fetch the list again (once per new set).
      const unknown = next.counters
        .filter((c) => office && !office.counters.some((o) => o.id === c.counterId))
        .map((c) => c.counterId)
        .join();
      if (unknown && unknown !== reloadedFor) {
        reloadedFor = unknown;
        void loadOffice();
      }
      update();
    },
  });

  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const action = SHORTCUTS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    const el = buttons[action];
    if (!el.disabled) el.click();
  };
  document.addEventListener('keydown', onKey);

  rerender = () => {
    renderHeader();
    renderSelect();
    update();
  };
  renderHeader();
  renderSelect();
  update();
  void loadOffice();

  return () => {
    disposed = true;
    window.clearTimeout(messageTimer);
    document.removeEventListener('keydown', onKey);
    socket.disconnect();
  };
}
