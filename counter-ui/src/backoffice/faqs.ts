import type { FaqView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { cardForm, field, input, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc } from '../session';
import { FORM_WORDS, checker, confirmDialog, formDialog, sectionHead, type Tab } from './common';
import { loadedTab } from './loaded-tab';

type FaqBody = { question: string; answer: string; keywords: string[]; locale: 'id' | 'en' };

/** The FAQ form's controls, filled from the FAQ being edited; test ids start with `prefix`. */
function faqControls(prefix: string, existing: FaqView | null) {
  const question = input({ name: 'question', maxlength: 300, required: true, value: existing?.question ?? '', 'data-testid': `${prefix}-question` });
  const answer = h('textarea', { class: 'input', name: 'answer', rows: 4, maxlength: 2000, required: true, 'data-testid': `${prefix}-answer` });
  answer.value = existing?.answer ?? '';
  const keywords = input({ name: 'keywords', maxlength: 400, value: existing?.keywords.join(', ') ?? '', 'data-testid': `${prefix}-keywords` });
  const locale = select(
    [
      { value: 'id', label: 'Bahasa Indonesia' },
      { value: 'en', label: 'English' },
    ],
    existing?.locale ?? 'id',
    { name: 'locale', 'data-testid': `${prefix}-locale` },
  );
  return {
    fields: h(
      'div',
      { class: 'form-grid' },
      field({ name: 'question', label: t('faqQuestion'), control: question }),
      field({ name: 'answer', label: t('faqAnswer'), control: answer }),
      field({ name: 'keywords', label: t('faqKeywords'), control: keywords }),
      field({ name: 'locale', label: t('faqLocale'), control: locale }),
    ),
    validate() {
      const { problems, check } = checker();
      check(question.value.trim().length >= 3, 'question', t('v.required'));
      check(answer.value.trim().length > 0, 'answer', t('v.required'));
      return problems;
    },
    body: (): FaqBody => ({
      question: question.value.trim(),
      answer: answer.value.trim(),
      keywords: keywords.value
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
      locale: locale.value === 'en' ? 'en' : 'id',
    }),
  };
}

/** A new question and its answer; `add` sends it and rejects with the API's error. */
function addForm(add: (body: FaqBody) => Promise<void>): HTMLElement {
  const controls = faqControls('faq', null);
  return cardForm({
    content: [h('h2', {}, t('faqAddTitle')), controls.fields],
    submitLabel: t('add'),
    submitTestId: 'faq-add',
    words: FORM_WORDS,
    validate: controls.validate,
    save: () => add(controls.body()),
  });
}

function faqItem(f: FaqView, edit: (f: FaqView) => void, remove: (f: FaqView) => void): HTMLElement {
  return h(
    'li',
    { class: 'faq', 'data-testid': `faq-${f.id}` },
    h('p', { class: 'faq-question' }, h('strong', {}, f.question), ' ', h('span', { class: 'muted small' }, f.locale.toUpperCase())),
    h('p', { class: 'faq-answer' }, f.answer),
    f.keywords.length ? h('p', { class: 'muted small' }, f.keywords.join(', ')) : null,
    h(
      'div',
      { class: 'row-actions' },
      h(
        'button',
        { type: 'button', class: 'btn btn-quiet', 'data-testid': `faq-edit-${f.id}`, 'aria-label': `${t('edit')}: ${f.question}`, onclick: () => edit(f) },
        t('edit'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn-quiet',
          'data-testid': `faq-delete-${f.id}`,
          'aria-label': `${t('delete')}: ${f.question}`,
          onclick: () => remove(f),
        },
        t('delete'),
      ),
    ),
  );
}

/** The office's FAQs: written, changed and deleted here; read by the public and by the citizen assistant. */
export const faqsTab: Tab = (el, ctx) => {
  const officeId = ctx.officeId!;
  const fetchFaqs = () => ctx.staff.json<FaqView[]>(`/offices/${enc(officeId)}/faqs`);
  const tab = loadedTab<FaqView[]>(el, {
    fetch: fetchFaqs,
    paint: (faqs) =>
      mount(
        el,
        h(
          'div',
          { class: 'stack' },
          sectionHead(t('tab.faqs')),
          h('p', { class: 'muted' }, t('faqIntro')),
          addForm(add),
          h(
            'section',
            { class: 'card' },
            h('h2', {}, t('faqList')),
            faqs.length
              ? h('ul', { class: 'faq-list', 'data-testid': 'faq-list' }, ...faqs.map((f) => faqItem(f, edit, remove)))
              : h('p', { class: 'muted', 'data-testid': 'faq-list' }, t('faqEmpty')),
          ),
        ),
      ),
  });

  async function reload() {
    tab.data = await fetchFaqs();
    if (!tab.disposed) tab.render();
  }

  async function add(body: FaqBody) {
    await ctx.staff.json(`/offices/${enc(officeId)}/faqs`, { method: 'POST', body });
    ctx.flash(t('faqAdded'));
    await reload();
  }

  function edit(f: FaqView) {
    const controls = faqControls('faq-edit', f);
    formDialog({
      title: t('faqEditTitle'),
      testId: 'faq-edit-dialog',
      submitLabel: t('save'),
      wide: true,
      content: [controls.fields],
      validate: controls.validate,
      async save() {
        await ctx.staff.json(`/offices/${enc(officeId)}/faqs/${enc(f.id)}`, { method: 'PATCH', body: controls.body() });
        await reload();
        ctx.flash(t('saved'));
      },
    });
  }

  function remove(f: FaqView) {
    confirmDialog({
      title: t('faqDeleteTitle'),
      text: t('faqDeleteText', { question: f.question }),
      confirm: t('delete'),
      testId: 'faq-delete-dialog',
      danger: true,
      run: async () => {
        await ctx.staff.api(`/offices/${enc(officeId)}/faqs/${enc(f.id)}`, { method: 'DELETE' });
        await reload();
        ctx.flash(t('faqDeleted'));
      },
    });
  }

  void tab.load();
  return tab.view;
};
