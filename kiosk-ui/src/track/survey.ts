import type { SurveyQuestion } from '@giliran/contracts';
import { apiJson, errorCode } from '../../../ui-shared/api';
import { h, mount } from '../../../ui-shared/dom';
import { face } from '../../../ui-shared/faces';
import { errorMessage, i18n, t } from '../i18n';

// The IKM survey of a finished visit (API.md v1.1), on the tracking page: one question at a time,
// four big answers, an optional comment. It lives in one element the page keeps across repaints.

type Phase = 'offer' | 'asking' | 'comment' | 'sending' | 'thanks';

interface SurveyState {
  phase: Phase;
  questions: SurveyQuestion[] | null;
  step: number;
  answers: Record<string, number>;
  comment: string;
  error: string | null;
}

const doneKey = (token: string) => `giliran.survey.${token}`;

export function surveyPanel(token: string): HTMLElement {
  const el = h('section', { class: 'track-card survey', 'data-testid': 'survey', 'aria-labelledby': 'survey-title' });
  let state: SurveyState = {
    phase: localStorage.getItem(doneKey(token)) ? 'thanks' : 'offer',
    questions: null,
    step: 0,
    answers: {},
    comment: '',
    error: null,
  };
  const set = (next: Partial<SurveyState>) => {
    state = { ...state, ...next };
    paint();
  };
  const loadQuestions = async () => {
    try {
      set({ questions: await apiJson<SurveyQuestion[]>(`/survey/questions?locale=${i18n.lang}`), error: null });
    } catch (err) {
      set({ error: errorMessage(errorCode(err)) });
    }
  };
  const send = async () => {
    set({ phase: 'sending', error: null });
    try {
      await apiJson(`/tracking/${encodeURIComponent(token)}/survey`, {
        method: 'POST',
        body: { answers: state.answers, ...(state.comment.trim() ? { comment: state.comment.trim() } : {}) },
      });
      finished();
    } catch (err) {
      const code = errorCode(err);
      if (code === 'SURVEY_ALREADY_SUBMITTED') return finished();
      set({ phase: 'comment', error: errorMessage(code) });
    }
  };
  const finished = () => {
    localStorage.setItem(doneKey(token), '1');
    set({ phase: 'thanks' });
    el.querySelector<HTMLElement>('[data-testid="survey-thanks"]')?.focus();
  };
  const answer = (question: SurveyQuestion, value: number) => {
    const answers = { ...state.answers, [String(question.element)]: value };
    const last = state.step >= (state.questions?.length ?? 9) - 1;
    set({ answers, step: last ? state.step : state.step + 1, phase: last ? 'comment' : 'asking' });
    el.querySelector<HTMLElement>('.survey-question')?.focus();
  };

  function paint(): void {
    const title = h('h2', { class: 'survey-title', id: 'survey-title' }, t('surveyTitle'));
    const error = state.error ? h('p', { class: 'error', role: 'alert' }, state.error) : null;
    if (state.phase === 'thanks') return mount(el, h('p', { class: 'survey-thanks', tabindex: '-1', 'data-testid': 'survey-thanks' }, t('surveyThanks')));
    if (state.phase === 'offer') {
      return mount(
        el,
        title,
        h('p', {}, t('surveyIntro')),
        h('button', { type: 'button', class: 'btn', 'data-testid': 'survey-start', onclick: () => set({ phase: 'asking' }) }, t('surveyStart')),
      );
    }
    if (!state.questions) return mount(el, title, error ?? h('p', { class: 'muted' }, t('loading')));
    if (state.phase === 'asking')
      return mount(
        el,
        title,
        questionView(state, answer, () => set({ step: Math.max(0, state.step - 1) })),
        error,
      );
    const comment = h('textarea', { class: 'input', rows: 3, maxlength: 500, 'data-testid': 'survey-comment', id: 'survey-comment' });
    comment.value = state.comment;
    comment.addEventListener('input', () => (state = { ...state, comment: comment.value }));
    mount(
      el,
      title,
      h('label', { class: 'label', for: 'survey-comment' }, t('surveyComment')),
      comment,
      error,
      h(
        'div',
        { class: 'survey-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => set({ phase: 'asking' }) }, t('surveyPrevious')),
        h(
          'button',
          { type: 'button', class: 'btn', 'data-testid': 'survey-send', disabled: state.phase === 'sending', onclick: () => void send() },
          state.phase === 'sending' ? t('surveySending') : t('surveySend'),
        ),
      ),
    );
  }

  i18n.onChange(() => void loadQuestions());
  paint();
  if (state.phase !== 'thanks') void loadQuestions();
  return el;
}

function questionView(state: SurveyState, answer: (q: SurveyQuestion, value: number) => void, previous: () => void): HTMLElement {
  const question = state.questions![state.step]!;
  const chosen = state.answers[String(question.element)];
  return h(
    'div',
    { class: 'survey-step' },
    h('p', { class: 'muted small' }, t('surveyStep', { n: state.step + 1, total: state.questions!.length })),
    h('p', { class: 'survey-question', tabindex: '-1', id: `q-${question.element}` }, question.question),
    h(
      'div',
      { class: 'survey-options', role: 'group', 'aria-labelledby': `q-${question.element}` },
      ...question.options.map((o) =>
        h(
          'button',
          {
            type: 'button',
            class: `survey-option${chosen === o.value ? ' chosen' : ''}`,
            'aria-pressed': chosen === o.value ? 'true' : 'false',
            'data-testid': `answer-${o.value}`,
            onclick: () => answer(question, o.value),
          },
          h('span', { class: 'survey-face' }, face(o.value)),
          h('span', {}, o.label),
        ),
      ),
    ),
    state.step > 0 ? h('button', { type: 'button', class: 'link', onclick: previous }, t('surveyPrevious')) : null,
  );
}
