// The counter-side survey tablet (`/survey?counter=<id>`, issue #17): signed in once by the
// counter's staff, it waits; when that counter finishes a visit it asks its citizen the nine IKM
// questions, one tap each on a big face, sends the answers, thanks them and waits for the next.
// It learns of a finished visit from the counter's socket room and, in case an event was missed
// (the Wi-Fi dropped), by asking the server every 15 s.
import type { CounterSurveyPending, SurveyQuestion, TicketUpdatedEvent } from '@giliran/contracts';
import { errorCode } from '../../ui-shared/api';
import { h, mount } from '../../ui-shared/dom';
import { face } from '../../ui-shared/faces';
import { langToggle } from '../../ui-shared/i18n';
import { connectQueue } from '../../ui-shared/socket';
import { errorMessage, i18n, t } from './i18n';
import type { View } from './navigation';
import { enc, type Staff } from './session';

const ASK_EVERY_MS = 15_000;
/** A citizen who stops answering has left: the tablet waits for the next one. */
const ABANDONED_MS = 90_000;
const THANKS_MS = 6_000;

type Phase = 'idle' | 'asking' | 'sending' | 'thanks';
interface Visit {
  ticketId: string;
  number: string;
}

export function startSurveyTablet(root: HTMLElement, staff: Staff, counterId: string | null): View {
  const main = h('main', { class: 'tablet', 'data-testid': 'survey-tablet' });
  mount(root, h('div', { class: 'tablet-lang' }, langToggle(i18n)), main);
  document.title = `Giliran — ${t('tabletTitle')}`;
  if (!counterId || !/^[0-9a-f-]{36}$/i.test(counterId)) {
    mount(main, h('p', { class: 'form-error', role: 'alert' }, t('tabletNoCounter')));
    return { rerender: () => undefined, dispose: () => undefined };
  }
  const counter = counterId.toLowerCase();
  let phase: Phase = 'idle';
  let visit: Visit | null = null;
  let questions: SurveyQuestion[] | null = null;
  let step = 0;
  let answers: Record<string, number> = {};
  let error: string | null = null;
  let idleTimer = 0;
  let disposed = false;
  /** Visits already asked (answered or left): never offered twice on this tablet. */
  const asked = new Set<string>();

  const later = (ms: number, then: () => void) => {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(then, ms);
  };
  const toIdle = () => {
    phase = 'idle';
    visit = null;
    error = null;
    paint();
    void check();
  };
  const loadQuestions = async () => {
    questions = await staff.json<SurveyQuestion[]>(`/survey/questions?locale=${i18n.lang}`);
  };
  const check = async () => {
    if (disposed || phase !== 'idle') return;
    try {
      const { pending } = await staff.json<CounterSurveyPending>(`/counters/${enc(counter)}/survey`);
      if (!pending || asked.has(pending.ticketId) || phase !== 'idle') return;
      if (!questions) await loadQuestions();
      asked.add(pending.ticketId);
      visit = { ticketId: pending.ticketId, number: pending.number };
      phase = 'asking';
      step = 0;
      answers = {};
      error = null;
      later(ABANDONED_MS, toIdle);
      paint();
    } catch {
      // Asked again on the next event or in 15 s.
    }
  };
  const send = async () => {
    phase = 'sending';
    paint();
    try {
      await staff.json(`/counters/${enc(counter)}/survey`, { method: 'POST', body: { ticketId: visit!.ticketId, answers } });
    } catch (err) {
      const code = errorCode(err);
      // Rated already (on the phone) or closed: nothing to keep the citizen for.
      if (code !== 'SURVEY_ALREADY_SUBMITTED' && code !== 'SURVEY_CLOSED') {
        phase = 'asking';
        error = errorMessage(code);
        later(ABANDONED_MS, toIdle);
        return paint();
      }
    }
    phase = 'thanks';
    paint();
    later(THANKS_MS, toIdle);
  };
  const answer = (value: number) => {
    const q = questions![step]!;
    answers = { ...answers, [String(q.element)]: value };
    later(ABANDONED_MS, toIdle);
    if (step < questions!.length - 1) {
      step++;
      paint();
      main.querySelector<HTMLElement>('.tablet-question')?.focus();
    } else void send();
  };

  function paint(): void {
    if (phase === 'idle')
      return mount(main, h('h1', { class: 'tablet-title' }, t('tabletTitle')), h('p', { class: 'tablet-idle', 'data-testid': 'tablet-idle' }, t('tabletIdle')));
    if (phase === 'thanks') return mount(main, h('p', { class: 'tablet-thanks', role: 'status', 'data-testid': 'tablet-thanks' }, t('tabletThanks')));
    const q = questions![step]!;
    mount(
      main,
      h('p', { class: 'tablet-visit' }, t('tabletAsk', { number: visit!.number })),
      h('p', { class: 'muted' }, t('tabletStep', { n: step + 1, total: questions!.length })),
      h('h1', { class: 'tablet-question', tabindex: '-1', id: `tq-${q.element}`, 'data-testid': 'tablet-question' }, q.question),
      h(
        'div',
        { class: 'tablet-faces', role: 'group', 'aria-labelledby': `tq-${q.element}` },
        ...q.options.map((o) =>
          h(
            'button',
            { type: 'button', class: 'tablet-face', 'data-testid': `tablet-answer-${o.value}`, disabled: phase === 'sending', onclick: () => answer(o.value) },
            face(o.value, 96),
            h('span', {}, o.label),
          ),
        ),
      ),
      error ? h('p', { class: 'form-error', role: 'alert' }, error) : null,
    );
  }

  const socket = connectQueue();
  socket.on('connect', () => {
    socket.emit('subscribe', { counterId: counter }, () => undefined);
    void check();
  });
  socket.on('ticket.updated', (e) => {
    const event = e as TicketUpdatedEvent;
    if (event.counterId === counter && event.status === 'done') void check();
  });
  const poll = window.setInterval(() => void check(), ASK_EVERY_MS);
  i18n.onChange(() => {
    questions = null;
    void loadQuestions().then(
      () => !disposed && paint(),
      () => undefined,
    );
  });
  paint();
  return {
    rerender: () => {
      document.title = `Giliran — ${t('tabletTitle')}`;
      paint();
    },
    dispose() {
      disposed = true;
      window.clearInterval(poll);
      window.clearTimeout(idleTimer);
      socket.disconnect();
    },
  };
}
