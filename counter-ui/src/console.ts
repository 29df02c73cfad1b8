import type { CounterBoard, CounterStatus, CounterView, MyDay, QueueBoard, ServiceBoard, StaffTicketView, TicketStatus } from '@giliran/contracts';
import { ApiError, errorCode } from '../../ui-shared/api';
import { BoardStore } from '../../ui-shared/board';
import { openDialog, type DialogHandle } from '../../ui-shared/dialog';
import { h, mount } from '../../ui-shared/dom';
import { clearErrors, field, input, select, serverProblems, showErrors } from '../../ui-shared/form';
import { connectQueue } from '../../ui-shared/socket';
import { openAssistedBooking } from './assisted';
import { formatDuration, formatWaited } from './format';
import { errorMessage, t, type Key } from './i18n';
import { enc, storage, type OfficeFull } from './session';
import type { ShellContext, View } from './navigation';

const counterKey = (officeId: string) => `giliran.counter.counter.${officeId}`;
const MESSAGE_MS = 8000;
/** A second Enter right after a call must not complete the ticket nobody has served yet. */
const CALL_LOCKOUT_MS = 1500;
const ROWS_PER_SERVICE = 8;
/** How many of the counter's next calls the console spells out, in order. */
const NEXT_UP = 5;
const LONG_WAIT_MINUTES = 30;

interface Current {
  id: string;
  number: string;
  status: TicketStatus;
  serviceId?: string;
  recallCount?: number;
  noShowSuggested?: boolean;
}

type Action = 'open' | 'pause' | 'resume' | 'close' | 'call-next' | 'complete-and-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer';

const SHORTCUTS: Record<string, Action> = { n: 'call-next', r: 'recall', s: 'start', c: 'complete', x: 'no-show', t: 'transfer' };
const ACTIVE: ReadonlySet<TicketStatus> = new Set(['called', 'serving']);
const RANK: Record<TicketStatus, number> = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 3, cancelled: 3 };
/** Problems the server reports when our picture of the counter is stale: take its picture again. */
const RESYNC_ON = new Set(['INVALID_TRANSITION', 'COUNTER_BUSY', 'COUNTER_CLOSED', 'COUNTER_TAKEN', 'NOT_FOUND']);

function sameEntry(a: CounterBoard | undefined, b: CounterBoard | undefined): boolean {
  return a?.status === b?.status && a?.nowServing?.ticketId === b?.nowServing?.ticketId && a?.nowServing?.status === b?.nowServing?.status;
}

/** HTTP answers and socket events race; for one ticket the later status in its life wins. */
function merge(local: Current | null, remote: Current): Current {
  if (local && local.id === remote.id) {
    if (RANK[local.status] > RANK[remote.status]) return local;
    return { ...local, ...Object.fromEntries(Object.entries(remote).filter(([, v]) => v !== undefined)) } as Current;
  }
  return remote;
}

function fromTicket(ticket: StaffTicketView): Current {
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    serviceId: ticket.serviceId,
    recallCount: ticket.recallCount,
    noShowSuggested: ticket.noShowSuggested,
  };
}

function ticketOf(res: unknown): StaffTicketView | null {
  if (!res || typeof res !== 'object') return null;
  if ('ticket' in res) return (res as { ticket: StaffTicketView | null }).ticket;
  return res as StaffTicketView;
}

function listOf(res: unknown): StaffTicketView[] {
  if (Array.isArray(res)) return res as StaffTicketView[];
  const items = (res as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as StaffTicketView[]) : [];
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function startConsole(main: HTMLElement, ctx: ShellContext & { officeId: string }): View {
  const { staff, officeId } = ctx;
  const me = staff.session.user;
  let office: OfficeFull | null = null;
  let board: QueueBoard | null = null;
  let counterId: string | null = storage('local', counterKey(officeId));
  let counterStatus: CounterStatus | null = null;
  let current: Current | null = null;
  let lastEntry: CounterBoard | undefined;
  let calledAt = 0;
  let busy = false;
  let online = true;
  let message: { kind: 'info' | 'error'; text: string } | null = null;
  let messageTimer: number | undefined;
  let lockoutTimer: number | undefined;
  let disposed = false;
  let reloadedFor = '';
  let waiting: StaffTicketView[] | null = null;
  /** The counter `waiting` was listed for (its services, in its call order), or null: the whole office. */
  let waitingFor: string | null = null;
  let waitingFailed = false;
  let myDay: MyDay | null = null;
  const expanded = new Set<string>();
  const detailsAsked = new Set<string>();

  // Built once; update() only changes text and states, so focus and the select survive.
  const connection = h('span', { class: 'connection', 'data-testid': 'connection' });
  const banner = h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true });
  const counterSelect = h('select', { id: 'counter-select', class: 'counter-select', 'data-testid': 'counter-select' });
  const selectLabel = h('label', { for: 'counter-select' });
  const counterState = h('span', { class: 'counter-state', 'data-testid': 'counter-status' });
  const assisted = h('button', {
    type: 'button',
    class: 'btn btn-secondary assisted-open',
    'data-testid': 'assisted-booking',
    onclick: (event: Event) => {
      if ((event as MouseEvent).detail > 0) (event.currentTarget as HTMLElement).blur();
      void (async () => {
        let detail = office;
        if (!detail) {
          try {
            detail = await ctx.office();
          } catch (err) {
            return fail(err);
          }
        }
        if (!disposed) openAssistedBooking(ctx, detail);
      })();
    },
  });

  const button = (action: Action, cls: string, shortcut?: string) =>
    h('button', {
      type: 'button',
      class: `btn ${cls}`,
      'data-testid': action,
      'data-action': action,
      'aria-keyshortcuts': shortcut,
      onclick: (event: Event) => {
        // A mouse click leaves focus on the button; give it back to the page so that
        // Enter/Space mean "complete and call next" again, not "press this button again".
        if ((event as MouseEvent).detail > 0) (event.currentTarget as HTMLElement).blur();
        void act(action);
      },
    });
  const buttons: Record<Action, HTMLButtonElement> = {
    open: button('open', 'btn-secondary'),
    pause: button('pause', 'btn-secondary'),
    resume: button('resume', 'btn-secondary'),
    close: button('close', 'btn-secondary'),
    'call-next': button('call-next', 'btn-call', 'N'),
    'complete-and-next': button('complete-and-next', 'btn-call', 'Enter'),
    recall: button('recall', 'btn-secondary', 'R'),
    start: button('start', 'btn-secondary', 'S'),
    complete: button('complete', 'btn-secondary', 'C'),
    'no-show': button('no-show', 'btn-warn', 'X'),
    transfer: button('transfer', 'btn-secondary', 'T'),
  };
  const KEY_LABEL: Partial<Record<Action, string>> = { 'complete-and-next': '↵' };

  const currentLabel = h('p', { class: 'current-label' });
  const currentNumber = h('p', { class: 'current-number num', 'data-testid': 'current-number', 'aria-live': 'polite' });
  const currentStatus = h('p', { class: 'current-status', 'data-testid': 'current-status' });
  const currentService = h('p', { class: 'current-service muted', 'data-testid': 'current-service' });
  const noShowHint = h('p', { class: 'noshow-hint', role: 'status', 'data-testid': 'noshow-hint', hidden: true });
  const messageEl = h('p', { class: 'message', role: 'status', 'data-testid': 'message' });
  const hint = h('p', { class: 'hint muted' });
  const waitingTitle = h('h2', { class: 'panel-title' });
  const waitingTotal = h('span', { class: 'panel-count num' });
  const waitingList = h('div', { class: 'waiting-groups', 'data-testid': 'waiting-list' });
  const myDayTitle = h('h2', { class: 'panel-title' });
  const myDayBody = h('dl', { class: 'my-day-figures' });

  mount(
    main,
    banner,
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'counter-pick' }, selectLabel, counterSelect, counterState),
      h('div', { class: 'counter-actions' }, buttons.open, buttons.pause, buttons.resume, buttons.close),
      assisted,
      connection,
    ),
    h(
      'div',
      { class: 'console' },
      h(
        'section',
        { class: 'current-card', 'aria-labelledby': 'current-label' },
        currentLabel,
        currentNumber,
        currentStatus,
        currentService,
        h('div', { class: 'primary-slot' }, buttons['call-next'], buttons['complete-and-next']),
        h('div', { class: 'actions' }, buttons.recall, buttons.start, buttons.complete, buttons['no-show'], buttons.transfer),
        noShowHint,
        messageEl,
        hint,
      ),
      h(
        'div',
        { class: 'console-side' },
        h('section', { class: 'my-day', 'data-testid': 'my-day' }, myDayTitle, myDayBody),
        h('section', { class: 'waiting-card' }, h('div', { class: 'panel-head' }, waitingTitle, waitingTotal), waitingList),
      ),
    ),
  );
  currentLabel.id = 'current-label';

  counterSelect.addEventListener('change', () => {
    counterId = counterSelect.value || null;
    storage('local', counterKey(officeId), counterId);
    lastEntry = undefined;
    current = null;
    counterStatus = office?.counters.find((c) => c.id === counterId)?.status ?? null;
    const entry = board?.counters.find((c) => c.counterId === counterId);
    if (entry) applyEntry(entry);
    setMessage(null);
    update();
    renderWaiting();
    refreshWaiting(0);
  });

  function setMessage(next: typeof message) {
    message = next;
    window.clearTimeout(messageTimer);
    if (next) messageTimer = window.setTimeout(() => setMessage(null), MESSAGE_MS);
    messageEl.textContent = message?.text ?? '';
    messageEl.className = `message${message ? ` message-${message.kind}` : ''}`;
  }

  function setCurrent(next: Current | null, justCalled = false) {
    current = next;
    if (justCalled) {
      // It left the waiting list the moment we called it; the refresh confirms it later.
      if (waiting && next) waiting = waiting.filter((tk) => tk.id !== next.id);
      calledAt = Date.now();
      window.clearTimeout(lockoutTimer);
      lockoutTimer = window.setTimeout(() => !disposed && update(), CALL_LOCKOUT_MS + 50);
    }
    void ensureDetails();
  }

  function applyEntry(entry: CounterBoard) {
    lastEntry = entry;
    counterStatus = entry.status;
    if (entry.nowServing) {
      current = merge(current, { id: entry.nowServing.ticketId, number: entry.nowServing.number, status: entry.nowServing.status });
      void ensureDetails();
    } else if (current && ACTIVE.has(current.status)) {
      // The board says the counter holds nothing: the ticket was finished elsewhere.
      current = null;
    }
  }

  /** After a reload the board tells us only number and status: fetch service and recalls once. */
  async function ensureDetails() {
    const c = current;
    if (!c || c.serviceId || !ACTIVE.has(c.status) || detailsAsked.has(c.id)) return;
    detailsAsked.add(c.id);
    try {
      const list = listOf(await staff.api<unknown>(`/offices/${enc(officeId)}/tickets?status=${c.status}`));
      const found = list.find((tk) => tk.id === c.id);
      if (found && current?.id === found.id && !disposed) {
        current = merge(current, fromTicket(found));
        update();
      }
    } catch {
      // Only decoration (service name, recall count): the console works without it.
    }
  }

  function counterName(id: string | null) {
    return office?.counters.find((c) => c.id === id)?.name;
  }

  function serviceName(id: string | undefined) {
    return office?.services.find((s) => s.id === id)?.name ?? board?.services.find((s) => s.serviceId === id)?.name;
  }

  function renderSelect() {
    const counters = office?.counters ?? [];
    const options = [h('option', { value: '' }, counters.length ? t('chooseCounter') : office ? t('noCounters') : t('loading'))];
    for (const c of counters) {
      const taken = c.status !== 'closed' && c.officerId !== null && c.officerId !== me.id;
      options.push(h('option', { value: c.id }, taken ? t('takenBy', { name: c.name }) : c.name));
    }
    counterSelect.replaceChildren(...options);
    // Forget a remembered counter only once we know the office's list (it may have been deleted).
    if (office && counterId && !counters.some((c) => c.id === counterId)) counterId = null;
    counterSelect.value = counterId ?? '';
  }

  function myServices(): string[] {
    return office?.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
  }

  function canCall(): boolean {
    return !busy && !!counterId && counterStatus === 'open' && !(current && ACTIVE.has(current.status));
  }

  function renderWaiting() {
    const mine = myServices();
    const byService = new Map<string, StaffTicketView[]>();
    for (const tk of waiting ?? []) {
      const list = byService.get(tk.serviceId) ?? [];
      list.push(tk);
      byService.set(tk.serviceId, list);
    }
    // Services from the live board (counts), plus any service a waiting ticket names.
    const services: Pick<ServiceBoard, 'serviceId' | 'prefix' | 'name'>[] = [...(board?.services ?? [])];
    for (const id of byService.keys()) {
      if (!services.some((s) => s.serviceId === id)) {
        const s = office?.services.find((x) => x.id === id);
        services.push({ serviceId: id, prefix: s?.prefix ?? '?', name: s?.name ?? id });
      }
    }
    const rank = (id: string) => (mine.includes(id) ? mine.indexOf(id) : 99);
    services.sort((a, b) => rank(a.serviceId) - rank(b.serviceId) || a.prefix.localeCompare(b.prefix));

    const total = board ? board.services.reduce((n, s) => n + s.waiting, 0) : (waiting?.length ?? 0);
    waitingTotal.textContent = board || waiting ? t('waiting', { n: total }) : '';
    if (services.length === 0) {
      return mount(waitingList, h('p', { class: 'muted empty' }, board || waiting ? t('noServices') : t('loading')));
    }
    const now = Date.now();
    const callable = canCall();
    const order = waitingFor && waitingFor === counterId ? (waiting ?? []).slice(0, NEXT_UP) : [];
    mount(
      waitingList,
      waitingFailed ? h('p', { class: 'error small' }, t('waitingFailed')) : null,
      order.length
        ? h(
            'section',
            { class: 'next-up', 'data-testid': 'next-up', 'aria-labelledby': 'next-up-title' },
            h('h3', { class: 'next-up-title', id: 'next-up-title' }, t('nextUp')),
            h(
              'ol',
              { class: 'next-up-list' },
              ...order.map((tk) =>
                h(
                  'li',
                  { 'data-testid': `next-${tk.number}` },
                  h('span', { class: 'ticket-no num' }, tk.number),
                  tk.priority === 'priority' ? h('span', { class: 'badge badge-priority' }, t('priority')) : null,
                  tk.appointment ? h('span', { class: 'badge badge-appointment' }, t('appointmentMark')) : null,
                  tk.longWait ? h('span', { class: 'badge badge-long' }, t('longWaitMark')) : null,
                ),
              ),
            ),
          )
        : null,
      ...services.map((s) => {
        const isMine = mine.includes(s.serviceId);
        const count = board?.services.find((x) => x.serviceId === s.serviceId);
        // In the server's order: the order this service's tickets are called in (appointments and
        // long waits included), not the order of arrival.
        const tickets = byService.get(s.serviceId) ?? [];
        const n = count?.waiting ?? tickets.length;
        const showAll = expanded.has(s.serviceId);
        const shown = showAll ? tickets : tickets.slice(0, ROWS_PER_SERVICE);
        return h(
          'section',
          {
            class: `svc-group${isMine ? ' mine' : ''}`,
            'data-testid': `waiting-${s.serviceId}`,
            'aria-label': `${s.prefix} ${s.name}`,
          },
          h(
            'header',
            { class: 'svc' },
            h('span', { class: 'svc-prefix' }, s.prefix),
            h('span', { class: 'svc-name' }, s.name, isMine ? null : h('span', { class: 'svc-note muted' }, t('notMine'))),
            h('span', { class: 'svc-count num' }, t('waiting', { n })),
            h('span', { class: 'svc-eta num muted' }, n > 0 && count?.estimatedWaitMinutes != null ? t('estimate', { n: count.estimatedWaitMinutes }) : ''),
          ),
          shown.length
            ? h(
                'ol',
                { class: 'tickets' },
                ...shown.map((tk) => {
                  const minutes = Math.max(0, (now - Date.parse(tk.issuedAt)) / 60_000);
                  return h(
                    'li',
                    { class: `ticket-row${tk.priority === 'priority' ? ' is-priority' : ''}`, 'data-testid': `waiting-${tk.number}` },
                    h('span', { class: 'ticket-no num' }, tk.number),
                    tk.priority === 'priority' ? h('span', { class: 'badge badge-priority', title: t('priorityHint') }, t('priority')) : null,
                    tk.appointment
                      ? h('span', { class: 'badge badge-appointment', 'data-testid': 'mark-appointment', title: t('appointmentHint') }, t('appointmentMark'))
                      : null,
                    tk.longWait ? h('span', { class: 'badge badge-long', 'data-testid': 'mark-long-wait', title: t('longWaitHint') }, t('longWaitMark')) : null,
                    tk.channel && tk.channel !== 'kiosk' ? h('span', { class: 'badge' }, t(`channel.${tk.channel}` as Key)) : null,
                    h(
                      'span',
                      { class: `ticket-wait num${minutes >= LONG_WAIT_MINUTES ? ' is-long' : ''}`, 'data-testid': 'waited', title: t('waitedTitle') },
                      formatWaited(minutes),
                    ),
                    isMine
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'btn btn-secondary btn-row',
                            'data-testid': `call-specific-${tk.number}`,
                            disabled: !callable,
                            title: t('callThisTitle'),
                            onclick: () => openCallSpecific(tk),
                          },
                          t('callThis'),
                        )
                      : null,
                  );
                }),
              )
            : null,
          tickets.length > ROWS_PER_SERVICE
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  onclick: () => {
                    if (showAll) expanded.delete(s.serviceId);
                    else expanded.add(s.serviceId);
                    renderWaiting();
                  },
                },
                showAll ? t('showFewer') : t('showAll', { n: tickets.length }),
              )
            : null,
        );
      }),
    );
  }

  function renderMyDay() {
    myDayTitle.textContent = t('myDay');
    const d = myDay;
    const item = (key: Key, value: string, id: string) =>
      h('div', { class: 'fig' }, h('dt', {}, t(key)), h('dd', { class: 'num', 'data-testid': `my-day-${id}` }, value));
    mount(
      myDayBody,
      item('fig.called', d ? String(d.called) : '—', 'called'),
      item('fig.served', d ? String(d.served) : '—', 'served'),
      item('fig.noShow', d ? String(d.noShow) : '—', 'no-show'),
      item('fig.transferred', d ? String(d.transferred) : '—', 'transferred'),
      item('fig.avgService', d ? formatDuration(d.avgServiceSeconds) : '—', 'avg-service'),
    );
  }

  function update() {
    banner.textContent = t('offline');
    banner.hidden = online;
    connection.textContent = online ? t('live') : t('offlineShort');
    connection.className = `connection ${online ? 'is-online' : 'is-offline'}`;
    selectLabel.textContent = t('counter');
    counterState.textContent = counterId && counterStatus ? t(`counter.${counterStatus}` as Key) : '';
    counterState.dataset.status = counterStatus ?? '';
    const labels: Record<Action, string> = {
      open: t('open'),
      pause: t('pause'),
      resume: t('resume'),
      close: t('close'),
      'call-next': t('callNext'),
      'complete-and-next': t('completeAndNext'),
      recall: t('recall'),
      start: t('start'),
      complete: t('complete'),
      'no-show': t('noShow'),
      transfer: t('transfer'),
    };
    for (const [action, el] of Object.entries(buttons) as [Action, HTMLButtonElement][]) {
      const key = KEY_LABEL[action] ?? el.getAttribute('aria-keyshortcuts');
      el.replaceChildren(h('span', {}, labels[action]), ...(key ? [h('kbd', {}, key)] : []));
    }
    const active = current !== null && ACTIVE.has(current.status);
    const none = busy || !counterId;
    const locked = current?.status === 'called' && Date.now() - calledAt < CALL_LOCKOUT_MS;
    buttons.open.disabled = none || counterStatus === 'open';
    buttons.open.hidden = counterStatus === 'paused';
    buttons.pause.disabled = none || counterStatus !== 'open';
    buttons.pause.hidden = counterStatus === 'paused';
    buttons.resume.disabled = none || counterStatus !== 'paused';
    buttons.resume.hidden = counterStatus !== 'paused';
    buttons.close.disabled = none || counterStatus === 'closed';
    buttons['call-next'].hidden = active;
    buttons['call-next'].disabled = !canCall();
    buttons['complete-and-next'].hidden = !active;
    buttons['complete-and-next'].disabled = none || !active || counterStatus === 'closed' || locked;
    buttons.recall.disabled = none || current?.status !== 'called';
    buttons.start.disabled = none || current?.status !== 'called';
    buttons.complete.disabled = none || current?.status !== 'serving';
    buttons['no-show'].disabled = none || current?.status !== 'called';
    buttons.transfer.disabled = none || !active;
    const suggest = current?.status === 'called' && current.noShowSuggested === true;
    buttons['no-show'].classList.toggle('is-suggested', suggest);
    noShowHint.hidden = !suggest;
    noShowHint.textContent = suggest ? t('noShowHint', { n: current?.recallCount ?? 0 }) : '';

    currentLabel.textContent = t('current');
    currentNumber.textContent = current?.number ?? '—';
    currentNumber.classList.toggle('is-final', current !== null && !active);
    currentNumber.classList.toggle('is-empty', current === null);
    const recalls = current?.status === 'called' && current.recallCount ? ` · ${t('recalledTimes', { n: current.recallCount })}` : '';
    currentStatus.textContent = current
      ? t(`status.${current.status}` as Key) + recalls
      : !counterId
        ? t('chooseCounterHint')
        : counterStatus === 'closed'
          ? t('openFirst')
          : counterStatus === 'paused'
            ? t('onBreak')
            : t('noCurrent');
    currentStatus.dataset.status = current?.status ?? '';
    currentService.textContent = current ? (serviceName(current.serviceId) ?? '') : '';
    hint.textContent = t('shortcuts');
    assisted.textContent = t('assistedOpen');
    waitingTitle.textContent = t('waitingTitle');
    const name = counterName(counterId);
    document.title = [current && active ? current.number : null, name, 'Giliran'].filter(Boolean).join(' · ');
  }

  let refreshTimer: number | undefined;
  let refreshing = false;
  let refreshAgain = false;
  /** Debounced: a burst of socket events becomes one request. */
  function refreshWaiting(delay = 250) {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(() => void loadWaiting(), delay);
  }

  async function loadWaiting() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    const forCounter = counterId;
    try {
      // With a counter: its services only, in the exact order call-next will take them.
      const res = await staff.api<unknown>(`/offices/${enc(officeId)}/tickets?status=waiting${forCounter ? `&counterId=${enc(forCounter)}` : ''}`);
      if (disposed) return;
      waiting = listOf(res).filter((tk) => tk.status === 'waiting');
      waitingFor = forCounter;
      if (forCounter !== counterId) refreshAgain = true;
      waitingFailed = false;
    } catch {
      if (disposed) return;
      waitingFailed = true;
    } finally {
      refreshing = false;
    }
    renderWaiting();
    if (refreshAgain) {
      refreshAgain = false;
      refreshWaiting(0);
    }
  }

  let myDayTimer: number | undefined;
  function refreshMyDay(delay = 400) {
    window.clearTimeout(myDayTimer);
    myDayTimer = window.setTimeout(async () => {
      try {
        const res = await staff.json<MyDay>('/me/today');
        if (disposed) return;
        myDay = res;
        renderMyDay();
      } catch {
        // Keep the last figures; they are a courtesy, not the work.
      }
    }, delay);
  }

  function fail(err: unknown) {
    if (disposed) return;
    const code = errorCode(err);
    setMessage({ kind: 'error', text: errorMessage(code) });
    if (RESYNC_ON.has(code)) {
      store.refresh();
      void loadOffice();
      refreshWaiting(0);
    }
  }

  async function act(action: Action) {
    if (busy || !counterId) return;
    if (action === 'transfer') return openTransfer();
    const ticketAction = action === 'start' || action === 'complete' || action === 'no-show';
    if (ticketAction && !current) return;
    busy = true;
    update();
    renderWaiting();
    const counterPath = `/counters/${enc(counterId)}`;
    try {
      if (action === 'open' || action === 'pause' || action === 'resume' || action === 'close') {
        const counter = await staff.api<CounterView>(`${counterPath}/${action}`, { method: 'POST' });
        if (counter) counterStatus = counter.status;
        setMessage(null);
        void loadOffice();
      } else if (action === 'call-next') {
        const ticket = ticketOf(await staff.api<unknown>(`${counterPath}/call-next`, { method: 'POST' }));
        if (!ticket) setMessage({ kind: 'info', text: t('noWaiting') });
        else {
          setCurrent(merge(current, fromTicket(ticket)), true);
          setMessage({ kind: 'info', text: t('called', { number: ticket.number }) });
        }
      } else if (action === 'complete-and-next') {
        const res = await staff.json<{ completed: StaffTicketView | null; ticket: StaffTicketView | null }>(`${counterPath}/complete-and-next`, {
          method: 'POST',
        });
        const done = res.completed?.number;
        if (res.ticket) {
          setCurrent(fromTicket(res.ticket), true);
          setMessage({ kind: 'info', text: done ? t('completedAndCalled', { done, number: res.ticket.number }) : t('called', { number: res.ticket.number }) });
        } else {
          setCurrent(res.completed ? fromTicket(res.completed) : null);
          setMessage({ kind: 'info', text: done ? t('completedNoneWaiting', { done }) : t('noWaiting') });
        }
      } else if (action === 'recall') {
        const ticket = ticketOf(await staff.api<unknown>(`${counterPath}/recall`, { method: 'POST' }));
        if (ticket) {
          setCurrent(merge(current, fromTicket(ticket)));
          setMessage({ kind: 'info', text: t('recalled', { number: ticket.number }) });
        }
      } else if (current) {
        const ticket = ticketOf(await staff.api<unknown>(`/tickets/${enc(current.id)}/${action}`, { method: 'POST' }));
        if (ticket) setCurrent(merge(current, fromTicket(ticket)));
        setMessage(null);
      }
      refreshMyDay();
    } catch (err) {
      fail(err);
    } finally {
      busy = false;
      if (!disposed) {
        update();
        renderWaiting();
      }
    }
  }

  /**
   * A rejected form stays open with the problems next to the fields; any other failure
   * (the ticket was taken, the counter closed) closes it and shows why on the console.
   */
  /**
   * A dialog's action on a ticket: the console is busy meanwhile and the officer's figures and the
   * queue are read again after; a refusal of the input keeps the dialog open with its message.
   */
  async function actFromDialog(dlg: DialogHandle, work: () => Promise<void>): Promise<boolean> {
    busy = true;
    update();
    try {
      await work();
      refreshMyDay();
      refreshWaiting(0);
      return true;
    } catch (err) {
      return keepOpenOnInvalid(dlg, err);
    } finally {
      busy = false;
      if (!disposed) {
        update();
        renderWaiting();
      }
    }
  }

  function keepOpenOnInvalid(dlg: DialogHandle, err: unknown): boolean {
    const code = errorCode(err);
    if (code !== 'VALIDATION_FAILED') {
      fail(err);
      return true;
    }
    const unplaced = err instanceof ApiError ? showErrors(dlg.form, serverProblems(err.fields)) : [];
    dlg.setError([errorMessage(code), ...unplaced].join(' '));
    return false;
  }

  function reasonInput(testId: string, required: boolean): HTMLInputElement {
    return input({ name: 'reason', maxlength: 200, minlength: required ? 3 : null, required, 'data-testid': testId });
  }

  function openCallSpecific(tk: StaffTicketView) {
    if (!counterId || !canCall()) return;
    const target = counterId;
    const reason = reasonInput('reason-input', true);
    const quick = (['quick.priority', 'quick.returning', 'quick.appointment'] as Key[]).map((key) =>
      h(
        'button',
        {
          type: 'button',
          class: 'chip',
          onclick: () => {
            reason.value = t(key);
            reason.focus();
          },
        },
        t(key),
      ),
    );
    openDialog({
      title: t('callSpecificTitle', { number: tk.number }),
      testId: 'call-specific-dialog',
      submitTestId: 'reason-submit',
      submitLabel: t('callThisConfirm', { number: tk.number }),
      cancelLabel: t('cancel'),
      content: [
        h('p', { class: 'muted' }, t('callSpecificText')),
        field({ name: 'reason', label: t('reason'), control: reason, hint: t('reasonHint') }),
        h('div', { class: 'chips', 'aria-label': t('quickReasons') }, ...quick),
      ],
      onSubmit: async (dlg) => {
        clearErrors(dlg.form);
        const text = reason.value.trim();
        if (text.length < 3 || text.length > 200) {
          showErrors(dlg.form, [{ field: 'reason', message: t('reasonLength') }]);
          return false;
        }
        return actFromDialog(dlg, async () => {
          const ticket = ticketOf(await staff.api<unknown>(`/counters/${enc(target)}/call`, { method: 'POST', body: { ticketId: tk.id, reason: text } }));
          if (ticket) {
            setCurrent(merge(current, fromTicket(ticket)), true);
            setMessage({ kind: 'info', text: t('called', { number: ticket.number }) });
          }
        });
      },
    });
  }

  function openTransfer() {
    const c = current;
    if (!c || !ACTIVE.has(c.status)) return;
    const services = (office?.services ?? []).filter((s) => s.active !== false && s.id !== c.serviceId);
    if (services.length === 0) {
      setMessage({ kind: 'error', text: t('noOtherService') });
      return;
    }
    const choice = select(
      services.map((s) => ({ value: s.id, label: `${s.prefix} · ${s.name}` })),
      services[0]!.id,
      { name: 'serviceId', 'data-testid': 'transfer-service' },
    );
    const reason = reasonInput('transfer-reason', false);
    openDialog({
      title: t('transferTitle', { number: c.number }),
      testId: 'transfer-dialog',
      submitTestId: 'transfer-submit',
      submitLabel: t('transferConfirm'),
      cancelLabel: t('cancel'),
      content: [
        h('p', { class: 'muted' }, t('transferText')),
        field({ name: 'serviceId', label: t('transferTo'), control: choice }),
        field({ name: 'reason', label: t('reasonOptional'), control: reason }),
      ],
      onSubmit: async (dlg) => {
        clearErrors(dlg.form);
        const text = reason.value.trim();
        return actFromDialog(dlg, async () => {
          const res = ticketOf(
            await staff.api<unknown>(`/tickets/${enc(c.id)}/transfer`, {
              method: 'POST',
              body: { serviceId: choice.value, ...(text ? { reason: text } : {}) },
            }),
          );
          if (current?.id === c.id) setCurrent(null);
          setMessage({ kind: 'info', text: t('transferred', { number: res?.number ?? c.number, service: serviceName(choice.value) ?? '' }) });
        });
      },
    });
  }

  async function loadOffice() {
    try {
      const detail = await ctx.office(true);
      if (disposed) return;
      office = detail;
      renderSelect();
      const view = office.counters.find((c) => c.id === counterId);
      if (view && !board) counterStatus = view.status;
      update();
      renderWaiting();
    } catch (err) {
      if (disposed) return;
      if (errorCode(err) === 'NOT_FOUND' && me.officeId === null) return ctx.switchOffice(null);
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
      if (source !== 'counter.updated') refreshWaiting(source === 'snapshot' ? 0 : 250);
      update();
      renderWaiting();
    },
  });

  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector('dialog[open]') || isTyping(event.target)) return;
    const target = event.target as HTMLElement | null;
    if (event.key === 'Enter' || event.key === ' ') {
      // A focused control (reached with Tab) keeps its own Enter/Space.
      if (target && target !== document.body && target.closest('button, a, summary, [tabindex]')) return;
      event.preventDefault();
      if (event.repeat) return;
      const primary = buttons['complete-and-next'].hidden ? buttons['call-next'] : buttons['complete-and-next'];
      if (!primary.disabled) void act(primary === buttons['call-next'] ? 'call-next' : 'complete-and-next');
      return;
    }
    if (event.repeat) return;
    const action = SHORTCUTS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    const el = buttons[action];
    if (!el.disabled && !el.hidden) void act(action);
  };
  document.addEventListener('keydown', onKey);

  // Waiting times move on by themselves.
  const clock = window.setInterval(() => !disposed && renderWaiting(), 30_000);
  // A safety net for missed events and for figures from other consoles.
  const slow = window.setInterval(() => {
    if (disposed) return;
    refreshWaiting(0);
    refreshMyDay(0);
  }, 120_000);

  renderSelect();
  update();
  renderWaiting();
  renderMyDay();
  void loadOffice();
  refreshWaiting(0);
  refreshMyDay(0);

  return {
    rerender() {
      renderSelect();
      update();
      renderWaiting();
      renderMyDay();
    },
    dispose() {
      disposed = true;
      window.clearTimeout(messageTimer);
      window.clearTimeout(lockoutTimer);
      window.clearTimeout(refreshTimer);
      window.clearTimeout(myDayTimer);
      window.clearInterval(clock);
      window.clearInterval(slow);
      document.removeEventListener('keydown', onKey);
      socket.disconnect();
    },
  };
}
