import type { Faq } from '@giliran/database';
import { type AnyOrama, create, insertMultiple, removeMultiple, search } from '@orama/orama';
import { EXAMPLES, type ExampleIntent } from './examples';
import { type Locale, STOPWORDS, wordsOf } from './normalize';
import { GENERIC_SERVICE_WORDS } from './lexicon';
import { stemTokenizer } from './stems';
import { CALENDAR_WORDS } from './when';

/** What a question is taken to ask, and the entry that decided it (the explanation). */
export interface Reading {
  intent: ExampleIntent | 'faq';
  /** The example or FAQ question nearest the message. */
  matched: string;
  faqId?: string;
  score: number;
}

const SCHEMA = { text: 'string', intent: 'enum', owner: 'enum' } as const;
/** The examples belong to every office; an FAQ only to its own. */
const EVERY_OFFICE = '*';
/** The nearest entries weighed together: the best hit of an intent, plus half its second. */
const CONSIDERED = 8;
/** Below this (BM25 over stemmed words), nothing the assistant knows is near the question. */
const MIN_SCORE = 1.2;
/** Entries read from each search before they are weighed. */
const SEARCHED = 50;

type Db = AnyOrama;
/** An intent, or one FAQ: what the hits are weighed by. */
const keyOf = (e: Entry) => (e.intent === 'faq' ? `faq:${e.faqId}` : e.intent);
interface Hit {
  id: string;
  score: number;
  document: Entry;
}
interface Entry {
  id: string;
  text: string;
  intent: string;
  owner: string;
  faqId?: string;
  matched: string;
}

/**
 * The assistant's examples and every office's FAQs, searchable per language with a kept search
 * library (Orama: BM25 over words stemmed by its Indonesian or English stemmer, one typo forgiven
 * in a word no entry holds). An office's FAQs are swapped in whole when they change.
 */
export class Phrasebook {
  private readonly dbs: Record<Locale, Db> = { id: this.newDb('id'), en: this.newDb('en') };
  /** Per office: the signature of the FAQs held, and their entry ids. */
  private readonly offices = new Map<string, { signature: string; ids: string[]; texts: string[] }>();
  /** Per language: each stem the entries hold, with how many entries hold it. */
  private readonly vocabulary: Record<Locale, Map<string, number>> = { id: new Map(), en: new Map() };

  constructor() {
    for (const locale of ['id', 'en'] as const) {
      const entries: Entry[] = [];
      for (const [intent, lines] of Object.entries(EXAMPLES[locale]))
        lines.forEach((line, i) => entries.push({ id: `${intent}:${i}`, text: wordsOf(line).join(' '), intent, owner: EVERY_OFFICE, matched: line }));
      insertMultiple(this.dbs[locale], entries);
      for (const e of entries) this.count(locale, e.text, 1);
    }
  }

  private newDb(locale: Locale): Db {
    return create({
      schema: SCHEMA,
      components: { tokenizer: stemTokenizer(locale) },
    });
  }

  /** Holds `faqs` as the office's FAQs (in both languages' indexes: an Indonesian FAQ may be asked in English words it lists). */
  setFaqs(officeId: string, faqs: readonly Faq[]): void {
    const signature = faqs.map((f) => `${f.id}@${f.updatedAt.getTime()}`).join(',');
    const held = this.offices.get(officeId);
    if (held?.signature === signature) return;
    // The question and each keyword are entries of their own, short like the examples: a
    // citizen's "parkir?" is as near the FAQ's keyword as "jam buka?" is to an example.
    const entries: Entry[] = faqs.flatMap((f) =>
      [f.question, ...(JSON.parse(f.keywords) as string[])].map((text, i) => ({
        id: `faq:${f.id}:${i}`,
        text: wordsOf(text).join(' '),
        intent: 'faq',
        owner: officeId,
        faqId: f.id,
        matched: f.question,
      })),
    );
    for (const locale of ['id', 'en'] as const) {
      if (held) {
        removeMultiple(this.dbs[locale], held.ids);
        for (const text of held.texts) this.count(locale, text, -1);
      }
      insertMultiple(this.dbs[locale], entries);
      for (const e of entries) this.count(locale, e.text, 1);
    }
    this.offices.set(officeId, { signature, ids: entries.map((e) => e.id), texts: entries.map((e) => e.text) });
  }

  /** Keeps the words (stems) the entries hold: a word outside them is a typo, or a word nobody taught. */
  private count(locale: Locale, text: string, by: 1 | -1): void {
    for (const stem of this.stems(locale, text)) {
      const n = (this.vocabulary[locale].get(stem) ?? 0) + by;
      if (n > 0) this.vocabulary[locale].set(stem, n);
      else this.vocabulary[locale].delete(stem);
    }
  }

  private stems(locale: Locale, text: string): string[] {
    return this.dbs[locale].tokenizer.tokenize(text);
  }

  /**
   * The intent whose entries are nearest the words, or null when none is near enough, or when
   * most of what the question says is in words nothing here holds (the weather, a flight: not
   * the office's to answer). `entityWords` (the office's service names) say what a question is
   * about, not what it asks, and are left out unless nothing else is left.
   */
  read(words: readonly string[], locale: Locale, officeId: string | null, entityWords: ReadonlySet<string> = new Set()): Reading | null {
    const asked = words.filter((w) => !entityWords.has(w));
    const terms = asked.length ? asked : [...words];
    if (!terms.length) return null;
    const where = { owner: { in: officeId ? [EVERY_OFFICE, officeId] : [EVERY_OFFICE] } };
    const find = (term: string, tolerance: number) =>
      (search(this.dbs[locale], { term, properties: ['text'], tolerance, threshold: 1, limit: SEARCHED, where }) as { hits: Hit[] }).hits;
    // Known words are matched as written; a word no entry holds (a typo) is matched forgiving one
    // letter. Forgiving known words would read "hari" as "hai", "where" as "there".
    const found = find(terms.join(' '), 0);
    const content = terms.filter((w) => !STOPWORDS[locale].has(w));
    // What the question is about must be near what is answered: "ada parkir?" is not the FAQ
    // "Ada kantin?" for sharing its "ada". The entries its content words reach, typos forgiven:
    const topical = content.length ? find(content.join(' '), 0) : found;
    let untaught = 0;
    for (const word of terms.filter((w) => !this.known(locale, w))) {
      const near = word.length >= 3 ? find(word, 1) : [];
      found.push(...near);
      topical.push(...near);
      if (!near.length) untaught++;
    }
    if (untaught >= 2 && untaught * 2 >= content.length) return null;
    const scores = new Map<string, Hit>();
    for (const hit of found) {
      const seen = scores.get(hit.id);
      scores.set(hit.id, seen ? { ...seen, score: seen.score + hit.score } : hit);
    }
    const hits = [...scores.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, CONSIDERED);
    return this.decide(hits, new Set(topical.map((h) => keyOf(h.document))));
  }

  /** A word the entries hold, a function word, a day or month name, a word of service names: never read as a typo. */
  private known(locale: Locale, word: string): boolean {
    return (
      STOPWORDS[locale].has(word) ||
      CALENDAR_WORDS.has(word) ||
      GENERIC_SERVICE_WORDS.has(word) ||
      this.stems(locale, word).every((stem) => this.vocabulary[locale].has(stem))
    );
  }

  /** The nearest intent (or FAQ) among those the question's content reaches. */
  private decide(hits: Hit[], topical: ReadonlySet<string>): Reading | null {
    // An intent is as near as its best entry, and a little nearer for a second one: a question
    // close to two examples of one intent beats one that touches a single word of another's.
    const weight = new Map<string, { total: number; count: number; best: Entry; bestScore: number }>();
    for (const { score, document } of hits) {
      const key = keyOf(document);
      if (!topical.has(key)) continue;
      const seen = weight.get(key);
      if (!seen) weight.set(key, { total: score, count: 1, best: document, bestScore: score });
      else if (seen.count === 1) {
        seen.total += score / 2;
        seen.count++;
      }
    }
    const top = [...weight.values()].sort((a, b) => b.total - a.total || a.best.id.localeCompare(b.best.id))[0];
    if (!top || top.bestScore < MIN_SCORE) return null;
    return { intent: top.best.intent as Reading['intent'], matched: top.best.matched, faqId: top.best.faqId, score: top.total };
  }
}
