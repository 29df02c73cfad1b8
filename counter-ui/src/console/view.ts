// The console's page: built once, then painted from the state. Painting only changes text and
// states, so focus and the open counter select survive.
import { h, mount } from '../../../ui-shared/dom';
import { t, type Key } from '../i18n';
import { controls, counterName, isActive, serviceName, type Command, type ConsoleState, type Message } from './state';

export interface ConsoleHandlers {
  command(command: Command): void;
  assisted(): void;
  counterChosen(counterId: string | null): void;
}

export interface ConsoleElements {
  connection: HTMLElement;
  banner: HTMLElement;
  counterSelect: HTMLSelectElement;
  selectLabel: HTMLLabelElement;
  counterState: HTMLElement;
  assisted: HTMLButtonElement;
  buttons: Record<Command, HTMLButtonElement>;
  currentLabel: HTMLElement;
  currentNumber: HTMLElement;
  currentStatus: HTMLElement;
  currentService: HTMLElement;
  noShowHint: HTMLElement;
  messageEl: HTMLElement;
  hint: HTMLElement;
  waitingTitle: HTMLElement;
  waitingTotal: HTMLElement;
  waitingList: HTMLElement;
  myDayTitle: HTMLElement;
  myDayBody: HTMLElement;
}

const KEY_LABEL: Partial<Record<Command, string>> = { 'complete-and-next': '↵' };

const LABELS: Record<Command, Key> = {
  open: 'open',
  pause: 'pause',
  resume: 'resume',
  close: 'close',
  'call-next': 'callNext',
  'complete-and-next': 'completeAndNext',
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  'no-show': 'noShow',
  transfer: 'transfer',
};

/** A mouse click leaves focus on the button; give it back to the page so that Enter/Space mean
 * "complete and call next" again, not "press this button again". */
function blurAfterClick(event: Event): void {
  if ((event as MouseEvent).detail > 0) (event.currentTarget as HTMLElement).blur();
}

function commandButtons(handlers: ConsoleHandlers): Record<Command, HTMLButtonElement> {
  const button = (command: Command, cls: string, shortcut?: string) =>
    h('button', {
      type: 'button',
      class: `btn ${cls}`,
      'data-testid': command,
      'data-action': command,
      'aria-keyshortcuts': shortcut,
      onclick: (event: Event) => {
        blurAfterClick(event);
        handlers.command(command);
      },
    });
  return {
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
}

function consoleElements(handlers: ConsoleHandlers): ConsoleElements {
  const counterSelect = h('select', { id: 'counter-select', class: 'counter-select', 'data-testid': 'counter-select' });
  counterSelect.addEventListener('change', () => handlers.counterChosen(counterSelect.value || null));
  return {
    connection: h('span', { class: 'connection', 'data-testid': 'connection' }),
    banner: h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true }),
    counterSelect,
    selectLabel: h('label', { for: 'counter-select' }),
    counterState: h('span', { class: 'counter-state', 'data-testid': 'counter-status' }),
    assisted: h('button', {
      type: 'button',
      class: 'btn btn-secondary assisted-open',
      'data-testid': 'assisted-booking',
      onclick: (event: Event) => {
        blurAfterClick(event);
        handlers.assisted();
      },
    }),
    buttons: commandButtons(handlers),
    currentLabel: h('p', { class: 'current-label' }),
    currentNumber: h('p', { class: 'current-number num', 'data-testid': 'current-number', 'aria-live': 'polite' }),
    currentStatus: h('p', { class: 'current-status', 'data-testid': 'current-status' }),
    currentService: h('p', { class: 'current-service muted', 'data-testid': 'current-service' }),
    noShowHint: h('p', { class: 'noshow-hint', role: 'status', 'data-testid': 'noshow-hint', hidden: true }),
    messageEl: h('p', { class: 'message', role: 'status', 'data-testid': 'message' }),
    hint: h('p', { class: 'hint muted' }),
    waitingTitle: h('h2', { class: 'panel-title' }),
    waitingTotal: h('span', { class: 'panel-count num' }),
    waitingList: h('div', { class: 'waiting-groups', 'data-testid': 'waiting-list' }),
    myDayTitle: h('h2', { class: 'panel-title' }),
    myDayBody: h('dl', { class: 'my-day-figures' }),
  };
}

/** Builds the console into `main`, once. */
export function buildConsole(main: HTMLElement, handlers: ConsoleHandlers): ConsoleElements {
  const els = consoleElements(handlers);
  const { buttons } = els;
  mount(
    main,
    els.banner,
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'counter-pick' }, els.selectLabel, els.counterSelect, els.counterState),
      h('div', { class: 'counter-actions' }, buttons.open, buttons.pause, buttons.resume, buttons.close),
      els.assisted,
      els.connection,
    ),
    h(
      'div',
      { class: 'console' },
      h(
        'section',
        { class: 'current-card', 'aria-labelledby': 'current-label' },
        els.currentLabel,
        els.currentNumber,
        els.currentStatus,
        els.currentService,
        h('div', { class: 'primary-slot' }, buttons['call-next'], buttons['complete-and-next']),
        h('div', { class: 'actions' }, buttons.recall, buttons.start, buttons.complete, buttons['no-show'], buttons.transfer),
        els.noShowHint,
        els.messageEl,
        els.hint,
      ),
      h(
        'div',
        { class: 'console-side' },
        h('section', { class: 'my-day', 'data-testid': 'my-day' }, els.myDayTitle, els.myDayBody),
        h('section', { class: 'waiting-card' }, h('div', { class: 'panel-head' }, els.waitingTitle, els.waitingTotal), els.waitingList),
      ),
    ),
  );
  els.currentLabel.id = 'current-label';
  return els;
}

/** The counter select: one option per counter, a counter another officer holds says so. */
export function paintSelect(els: ConsoleElements, state: ConsoleState, meId: string): void {
  const { office } = state;
  const counters = office?.counters ?? [];
  const options = [h('option', { value: '' }, counters.length ? t('chooseCounter') : office ? t('noCounters') : t('loading'))];
  for (const c of counters) {
    const taken = c.status !== 'closed' && c.officerId !== null && c.officerId !== meId;
    options.push(h('option', { value: c.id }, taken ? t('takenBy', { name: c.name }) : c.name));
  }
  els.counterSelect.replaceChildren(...options);
  els.counterSelect.value = state.counterId ?? '';
}

export function paintMessage(els: ConsoleElements, message: Message | null): void {
  els.messageEl.textContent = message?.text ?? '';
  els.messageEl.className = `message${message ? ` message-${message.kind}` : ''}`;
}

function paintToolbar(els: ConsoleElements, state: ConsoleState): void {
  const { online, counterId, counterStatus } = state;
  els.banner.textContent = t('offline');
  els.banner.hidden = online;
  els.connection.textContent = online ? t('live') : t('offlineShort');
  els.connection.className = `connection ${online ? 'is-online' : 'is-offline'}`;
  els.selectLabel.textContent = t('counter');
  els.counterState.textContent = counterId && counterStatus ? t(`counter.${counterStatus}` as Key) : '';
  els.counterState.dataset.status = counterStatus ?? '';
  els.assisted.textContent = t('assistedOpen');
}

function paintButtons(els: ConsoleElements, state: ConsoleState, now: number): void {
  const states = controls(state, now);
  for (const [command, el] of Object.entries(els.buttons) as [Command, HTMLButtonElement][]) {
    const key = KEY_LABEL[command] ?? el.getAttribute('aria-keyshortcuts');
    el.replaceChildren(h('span', {}, t(LABELS[command])), ...(key ? [h('kbd', {}, key)] : []));
    Object.assign(el, states[command]);
  }
  const { current } = state;
  const suggest = current?.status === 'called' && current.noShowSuggested === true;
  els.buttons['no-show'].classList.toggle('is-suggested', suggest);
  els.noShowHint.hidden = !suggest;
  els.noShowHint.textContent = suggest ? t('noShowHint', { n: current?.recallCount ?? 0 }) : '';
}

function statusText(state: ConsoleState): string {
  const { current, counterId, counterStatus } = state;
  if (current) {
    const recalls = current.status === 'called' && current.recallCount ? ` · ${t('recalledTimes', { n: current.recallCount })}` : '';
    return t(`status.${current.status}` as Key) + recalls;
  }
  if (!counterId) return t('chooseCounterHint');
  if (counterStatus === 'closed') return t('openFirst');
  if (counterStatus === 'paused') return t('onBreak');
  return t('noCurrent');
}

function paintCurrent(els: ConsoleElements, state: ConsoleState): void {
  const { current } = state;
  const active = isActive(current);
  els.currentLabel.textContent = t('current');
  els.currentNumber.textContent = current?.number ?? '—';
  els.currentNumber.classList.toggle('is-final', current !== null && !active);
  els.currentNumber.classList.toggle('is-empty', current === null);
  els.currentStatus.textContent = statusText(state);
  els.currentStatus.dataset.status = current?.status ?? '';
  els.currentService.textContent = current ? (serviceName(state, current.serviceId) ?? '') : '';
  els.hint.textContent = t('shortcuts');
}

/** Everything but the select, the message, the waiting list and the officer's figures. */
export function paintConsole(els: ConsoleElements, state: ConsoleState, now: number): void {
  paintToolbar(els, state);
  paintButtons(els, state, now);
  paintCurrent(els, state);
  els.waitingTitle.textContent = t('waitingTitle');
  const { current } = state;
  const name = counterName(state, state.counterId);
  document.title = [current && isActive(current) ? current.number : null, name, 'Giliran'].filter(Boolean).join(' · ');
}
