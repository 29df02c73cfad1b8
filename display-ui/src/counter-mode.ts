import type { CounterBoard, QueueBoard } from '@giliran/contracts';
import { h, mount } from '../../ui-shared/dom';
import { createClock } from './clock';
import { i18n, t } from './i18n';
import { connectLive } from './live';
import { counterNumber, counterStateKey, createOfflineBanner, fitText, flash, localZone, onResize, voiceFor, type ScreenOptions } from './screen';
import { setupSound } from './sound';
import { spokenCall } from './speech-text';
import { createTicker } from './ticker';

/**
 * The screen above one counter (`?counter=<id>`): its name and the number it serves, huge.
 * Silent unless `&sound=1`, and then it announces only this counter's calls.
 */
export function startCounterMode(root: HTMLElement, counterId: string, options: ScreenOptions): void {
  let board: QueueBoard | null = null;
  let online = true;
  let lastSync: Date | null = null;
  let fatal = false;

  const timeZone = () => board?.timezone || localZone();
  const banner = createOfflineBanner();
  const officeName = h('p', { class: 'cm-office' });
  const clock = createClock(timeZone, () => i18n.locale());
  const name = h('h1', { class: 'cm-name', 'data-testid': 'counter-mode-name' });
  const label = h('p', { class: 'cm-label' });
  const number = h('p', { class: 'cm-number num', 'data-testid': 'counter-mode-number' });
  const state = h('p', { class: 'cm-state', 'data-testid': 'counter-mode-status' });
  const stage = h('main', { class: 'cm-stage', 'aria-live': 'assertive' }, label, number, state);
  const ticker = createTicker(() => t('info'));

  root.classList.add('counter-mode');
  mount(root, banner.el, h('header', { class: 'cm-top' }, h('div', { class: 'cm-head' }, name, officeName), clock.el), stage, ticker.el);
  const sound = options.sound ? setupSound(root, () => ({ enable: t('enableSound'), hint: t('enableSoundHint') })) : null;

  const mine = (): CounterBoard | undefined => board?.counters.find((c) => c.counterId === counterId);

  function render() {
    clock.render();
    banner.set(online, lastSync, timeZone());
    ticker.relabel();
    ticker.set(board?.announcements ?? [], board?.officeName ?? '');
    sound?.relabel();
    officeName.textContent = board?.officeName ?? '';
    if (fatal) return;
    const counter = mine();
    if (!board) {
      label.textContent = t('loading');
      return;
    }
    if (!counter) {
      name.textContent = '';
      label.textContent = t('unknownCounter');
      number.textContent = '';
      state.textContent = '';
      return;
    }
    document.title = `${counter.name} — ${board.officeName || 'Giliran'}`;
    name.textContent = counter.name;
    const hasTicket = counter.status !== 'closed' && counter.nowServing !== null;
    label.textContent = hasTicket ? t('counterNumber') : '';
    number.textContent = counterNumber(counter);
    state.textContent = counter.status === 'open' && !counter.nowServing ? t('counterIdle') : t(counterStateKey(counter));
    root.dataset.status = counter.status;
    root.dataset.ticket = hasTicket ? (counter.nowServing?.status ?? 'none') : 'none';
    fitText(name);
    fitText(number);
  }

  connectLive(
    { counterId },
    {
      onBoard(next) {
        board = next;
        fatal = false;
        render();
      },
      onCall(call) {
        if (call.counterId !== counterId) return;
        flash(stage);
        const locale = voiceFor(options, board);
        sound?.announcer.announce(spokenCall(call.number, call.counterName, locale, call.recall), locale, call.recall);
      },
      onConnection(value, since) {
        online = value;
        lastSync = since;
        render();
      },
      onSubscribeError(error) {
        if (error.code !== 'NOT_FOUND' && error.code !== 'VALIDATION_FAILED') return;
        fatal = true;
        name.textContent = '';
        number.textContent = '';
        state.textContent = '';
        mount(label, h('span', { class: 'error' }, t('unknownCounter')));
      },
    },
  );

  i18n.onChange(render);
  render();
  window.setInterval(clock.render, 1000);
  onResize(render);
}
