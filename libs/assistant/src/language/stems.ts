import type { Tokenizer } from '@orama/orama';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as indonesian } from '@orama/stemmers/indonesian';
import type { Locale } from './normalize';

const STEMMERS: Record<Locale, (word: string) => string> = { id: indonesian, en: english };

/** Ends every stem, so that a search matches whole words only: without it "a" would find "appointment", "jam" "jamin". */
const END = '$';

/**
 * The search library's tokenizer for text already made words (normalize.ts `wordsOf`): each word
 * stemmed by the language's stemmer (`persyaratan` → `syarat`, `kelahiran` → `lahir`,
 * `documents` → `document`), once.
 */
export function stemTokenizer(locale: Locale): Tokenizer {
  const stem = STEMMERS[locale];
  return {
    language: locale === 'id' ? 'indonesian' : 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string) => [
      ...new Set(
        raw
          .split(' ')
          .filter(Boolean)
          .map((w) => `${stem(w)}${END}`),
      ),
    ],
  };
}
