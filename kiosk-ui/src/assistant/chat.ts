import type { AssistantAnswer } from '@giliran/contracts';
import { ApiError, apiJson } from '../../../ui-shared/api';
import { h, mount } from '../../../ui-shared/dom';
import type { Lang } from '../../../ui-shared/i18n';
import './chat.css';

/** What the page the panel sits on knows: its office, the citizen's own token, its language. */
export interface ChatPage {
  officeId(): string | null;
  context(): { trackingToken: string } | { manageToken: string } | undefined;
  lang(): Lang;
  onLangChange(listener: () => void): void;
}

const WORDS = {
  id: {
    open: 'Tanya asisten',
    title: 'Asisten kantor',
    close: 'Tutup',
    intro: 'Halo! Tanya jam buka, syarat dokumen, antrean sekarang, atau cara booking.',
    label: 'Pertanyaan Anda',
    placeholder: 'Misalnya: syarat bikin KTP apa saja?',
    send: 'Kirim',
    you: 'Anda',
    bot: 'Asisten',
    thinking: 'Sedang mencari jawaban…',
    offline: 'Tidak terhubung. Periksa sinyal lalu kirim lagi.',
    busy: 'Terlalu banyak pertanyaan. Tunggu sebentar lalu kirim lagi.',
    failed: 'Maaf, jawaban tidak dapat dimuat. Coba lagi.',
    suggested: 'Pertanyaan yang sering ditanyakan',
    hours: 'Jam berapa buka?',
    requirements: 'Syarat dokumen apa saja?',
    queue: 'Antrean sekarang berapa?',
    book: 'Bagaimana cara booking?',
    ticket: 'Kapan giliran saya?',
    booking: 'Status booking saya?',
  },
  en: {
    open: 'Ask the assistant',
    title: 'Office assistant',
    close: 'Close',
    intro: 'Hello! Ask about opening hours, documents to bring, the queue now, or how to book.',
    label: 'Your question',
    placeholder: 'For example: what do I need for a KTP?',
    send: 'Send',
    you: 'You',
    bot: 'Assistant',
    thinking: 'Looking for the answer…',
    offline: 'Not connected. Check your signal and send again.',
    busy: 'Too many questions. Wait a moment and send again.',
    failed: 'Sorry, the answer could not be loaded. Try again.',
    suggested: 'Common questions',
    hours: 'What are the opening hours?',
    requirements: 'What documents do I need?',
    queue: 'How long is the queue now?',
    book: 'How do I book?',
    ticket: 'When is my turn?',
    booking: 'What is my booking status?',
  },
} as const;

type Word = keyof (typeof WORDS)['id'];

/**
 * The assistant's chat panel (API.md v1.1 "Citizen assistant"): a button at the end of the
 * booking, tracking and manage pages that opens a small panel over the page's lower part. Questions go to `POST /assistant`
 * with the page's office, language and the citizen's own token; answers are read out by screen
 * readers (a polite log), their links are real links, their suggestions are buttons. Nothing is
 * kept: closing and reopening keeps the conversation of this page only.
 */
export function mountAssistant(page: ChatPage): void {
  const w = (key: Word) => WORDS[page.lang()][key];
  const log = h('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const suggestions = h('div', { class: 'chat-suggest', role: 'group' });
  const input = h('input', { id: 'chat-input', class: 'chat-input', type: 'text', name: 'message', maxlength: 500, autocomplete: 'off', enterkeyhint: 'send' });
  const label = h('label', { for: 'chat-input', class: 'chat-label' });
  const send = h('button', { type: 'submit', class: 'btn chat-send' });
  const form = h(
    'form',
    { class: 'chat-form', onsubmit: (e: Event) => (e.preventDefault(), void ask(input.value)) },
    label,
    h('div', { class: 'chat-row' }, input, send),
  );
  const title = h('h2', { id: 'chat-title', class: 'chat-title' });
  const close = h('button', { type: 'button', class: 'chat-close', onclick: () => toggle(false) });
  const panel = h(
    'section',
    { id: 'chat-panel', class: 'chat-panel', 'aria-labelledby': 'chat-title', hidden: true },
    h('div', { class: 'chat-head' }, title, close),
    // The conversation and the suggestions scroll; the question field stays in view below them.
    h('div', { class: 'chat-body' }, log, suggestions),
    form,
  );
  const opener = h('button', {
    type: 'button',
    class: 'chat-open',
    'aria-expanded': 'false',
    'aria-controls': 'chat-panel',
    onclick: () => toggle(!shell.classList.contains('chat-is-open')),
  });
  const shell = h('div', { class: 'chat', 'data-testid': 'assistant' }, panel, opener);
  document.body.append(shell);
  let offered: string[] | null = null;
  let pending = false;

  function words(): void {
    offered = null; // the answer's suggestions were in the other language
    opener.textContent = w('open');
    title.textContent = w('title');
    close.textContent = w('close');
    label.textContent = w('label');
    input.placeholder = w('placeholder');
    send.textContent = w('send');
    suggestions.setAttribute('aria-label', w('suggested'));
    offer(offered);
  }

  function toggle(open: boolean): void {
    panel.hidden = !open;
    opener.setAttribute('aria-expanded', String(open));
    shell.classList.toggle('chat-is-open', open);
    if (open) {
      if (!log.childElementCount) say('bot', w('intro'));
      input.focus();
    } else opener.focus();
  }

  /** The suggested questions: the answer's, else the page's own first ones. */
  function offer(list: string[] | null): void {
    offered = list;
    const context = page.context();
    const own: Word[] = context && 'trackingToken' in context ? ['ticket'] : context ? ['booking'] : [];
    const questions = list ?? [...own, 'hours', 'requirements', 'queue', 'book'].slice(0, 4).map((k) => w(k as Word));
    mount(suggestions, ...questions.map((q) => h('button', { type: 'button', class: 'chat-chip', onclick: () => void ask(q) }, q)));
  }

  function say(who: 'you' | 'bot', text: string, links: AssistantAnswer['links'] = [], error = false): HTMLElement {
    const item = h(
      'div',
      { class: `chat-msg chat-${who}${error ? ' chat-error' : ''}` },
      h('span', { class: 'sr-only' }, `${w(who)}: `),
      h('p', {}, text),
      ...links.map((l) => h('a', { class: 'chat-link', href: l.url }, l.label)),
    );
    log.append(item);
    // An answer is read from its start; the citizen's own line just needs to be in view.
    item.scrollIntoView({ block: who === 'bot' ? 'start' : 'nearest' });
    return item;
  }

  async function ask(raw: string): Promise<void> {
    const message = raw.trim().slice(0, 500);
    if (!message || pending) return;
    pending = true;
    send.disabled = true;
    say('you', message);
    input.value = '';
    const waiting = say('bot', w('thinking'));
    waiting.classList.add('chat-pending');
    try {
      const answer = await apiJson<AssistantAnswer>('/assistant', {
        method: 'POST',
        body: {
          message,
          ...(page.officeId() ? { officeId: page.officeId() } : {}),
          locale: page.lang(),
          ...(page.context() ? { context: page.context() } : {}),
        },
        timeoutMs: 15_000,
      });
      waiting.remove();
      say('bot', answer.reply, answer.links);
      offer(answer.suggestions.length ? answer.suggestions : null);
      // A tapped suggestion is gone with the old ones: the keyboard goes on from the first new one
      // (not the question field, whose on-screen keyboard would cover the answer on a phone).
      if (!shell.contains(document.activeElement)) (suggestions.querySelector('button') ?? input).focus({ preventScroll: true });
    } catch (err) {
      waiting.remove();
      const code = err instanceof ApiError ? err.status : 0;
      say('bot', code === 0 ? w('offline') : code === 429 ? w('busy') : w('failed'), [], true);
      // What was asked stays, to send again with one tap.
      input.value = message;
    } finally {
      pending = false;
      send.disabled = false;
    }
  }

  // Escape closes the panel from within it only: elsewhere it belongs to the page (a dialog of the manage page).
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) toggle(false);
  });
  page.onLangChange(words);
  words();
}
