import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as indonesianStopwords } from '@orama/stopwords/indonesian';
import { EXAMPLES } from './examples';
import { FILLERS, INFORMAL } from './lexicon';

export type Locale = 'id' | 'en';

/**
 * A message as words the assistant's examples use: lower case, without accents and punctuation,
 * "di mana" as it is mostly written ("dimana"),
 * reduplications halved ("syarat2", "syarat-syarat"), stretched letters shortened ("halooo"),
 * chat abbreviations written out ("brp" → "berapa") and fillers ("dong", "kak") dropped.
 */
export function wordsOf(message: string): string[] {
  const text = message
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\be[\s-]?ktp\b/g, 'ktp')
    .replace(/\bdi (mana|mn|mna)\b/g, 'dimana')
    .replace(/\b([a-z]+)-\1\b/g, '$1')
    .replace(/\b([a-z]{3,})2\b/g, '$1')
    .replace(/['’`]/g, '');
  const out: string[] = [];
  for (const raw of text.split(/[^a-z0-9]+/)) {
    if (!raw) continue;
    const word = raw.replace(/([a-z])\1{2,}/g, '$1');
    for (const w of (INFORMAL[word] ?? word).split(' ')) if (!FILLERS.has(w)) out.push(w);
  }
  return out;
}

/** Function words of each language (the search library's lists). */
export const STOPWORDS: Readonly<Record<Locale, ReadonlySet<string>>> = { id: new Set(indonesianStopwords), en: new Set(englishStopwords) };

function vocabulary(locale: Locale): Set<string> {
  const words = new Set(STOPWORDS[locale]);
  for (const lines of Object.values(EXAMPLES[locale])) for (const line of lines) for (const w of wordsOf(line)) words.add(w);
  return words;
}

const INDONESIAN = vocabulary('id');
const ENGLISH = vocabulary('en');

/**
 * The language a message is written in: the one more of its words belong to (its function words
 * and the words of its examples); a tie (a bare "ktp", a greeting both share) keeps `fallback`.
 */
export function localeOf(words: readonly string[], fallback: Locale): Locale {
  let id = 0;
  let en = 0;
  for (const w of words) {
    const inId = INDONESIAN.has(w);
    const inEn = ENGLISH.has(w);
    if (inId && !inEn) id++;
    if (inEn && !inId) en++;
  }
  return id === en ? fallback : id > en ? 'id' : 'en';
}
