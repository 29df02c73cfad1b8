import type { FaqView } from '@giliran/contracts';
import { h, mount } from '../../../ui-shared/dom';
import { cardForm, field, input, select } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import { enc } from '../session';
import { FORM_WORDS, checker, confirmDialog, sectionHead, type Tab } from './common';
import { loadedTab } from './loaded-tab';

/** A new question and its answer; `add` sends it and rejects with the API's error. */
function addForm(add: (body: { question: string; answer: string; keywords: string[]; locale: 'id' | 'en' }) => Promise<void>): HTMLElement {
  const question = input({ name: 'question', maxlength: 300, required: true, 'data-testid': 'faq-question' });
  const answer = h('textarea', { class: 'input', name: 'answer', rows: 4, maxlength: 2000, required: true, 'data-testid': 'faq-answer' });
  const keywords = input({ name: 'keywords', maxlength: 400, 'data-testid': 'faq-keywords' });
  const locale = select(
    [
      { value: 'id', label: 'Bahasa Indonesia' },
      { value: 'en', label: 'English' },
    ],
    'id',
    { name: 'locale', 'data-testid': 'faq-locale' },
  );
  return cardForm({
    content: [
      h('h2', {}, t('faqAddTitle')),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'question', label: t('faqQuestion'), control: question }),
        field({ name: 'answer', label: t('faqAnswer'), control: answer }),
        field({ name: 'keywords', label: t('faqKeywords'), control: keywords }),
        field({ name: 'locale', label: t('faqLocale'), control: locale }),
      ),
    ],
    submitLabel: t('add'),
    submitTestId: 'faq-add',
    words: FORM_WORDS,
    validate() {
      const { problems, check } = checker();
      check(question.value.trim().length >= 3, 'question', t('v.required'));
      check(answer.value.trim().length > 0, 'answer', t('v.required'));
      return problems;
    },
    save: () =>
      add({
        question: question.value.trim(),
        answer: answer.value.trim(),
        keywords: keywords.value
          .split(',')
          .map((w) => w.trim())
          .filter(Boolean),
        locale: locale.value === 'en' ? 'en' : 'id',
      }),
  });
}

function faqItem(f: FaqView, remove: (f: FaqView) => void): HTMLElement {
  return h(
    'li',
    { class: 'faq', 'data-testid': `faq-${f.id}` },
    h('p', { class: 'faq-question' }, h('strong', {}, f.question), ' ', h('span', { class: 'muted small' }, f.locale.toUpperCase())),
    h('p', { class: 'faq-answer' }, f.answer),
    f.keywords.length ? h('p', { class: 'muted small' }, f.keywords.join(', ')) : null,
    h(
      'button',
      { type: 'button', class: 'btn btn-quiet', 'data-testid': `faq-delete-${f.id}`, 'aria-label': `${t('delete')}: ${f.question}`, onclick: () => remove(f) },
      t('delete'),
    ),
  );
}

/** The office's FAQs: written here, read by the public and by the citizen assistant. */
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
              ? h('ul', { class: 'faq-list', 'data-testid': 'faq-list' }, ...faqs.map((f) => faqItem(f, remove)))
              : h('p', { class: 'muted', 'data-testid': 'faq-list' }, t('faqEmpty')),
          ),
        ),
      ),
  });

  async function reload() {
    tab.data = await fetchFaqs();
    if (!tab.disposed) tab.render();
  }

  async function add(body: { question: string; answer: string; keywords: string[]; locale: 'id' | 'en' }) {
    await ctx.staff.json(`/offices/${enc(officeId)}/faqs`, { method: 'POST', body });
    ctx.flash(t('faqAdded'));
    await reload();
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
