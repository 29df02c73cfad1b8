import type { ServiceEntity } from '@giliran/database';
import { type AnyOrama, create, insertMultiple, search } from '@orama/orama';
import { DOCUMENT_SHORT_NAMES, ENGLISH_NAMES, GENERIC_SERVICE_WORDS } from '../language/lexicon';
import { STOPWORDS, wordsOf } from '../language/normalize';
import { stemTokenizer } from '../language/stems';

/** The words a service is asked about by: its name and code, the shortenings of the documents its name names, and their English. */
export function serviceWords(service: Pick<ServiceEntity, 'name' | 'code'>): string[] {
  const words = wordsOf(`${service.name} ${service.code}`);
  const name = ` ${words.join(' ')} `;
  for (const { short, full } of DOCUMENT_SHORT_NAMES) {
    if (name.includes(` ${full} `)) words.push(short);
    if (name.includes(` ${short} `)) words.push(...full.split(' '));
  }
  const named = ` ${words.join(' ')} `;
  for (const { name: phrase, english } of ENGLISH_NAMES) if (named.includes(` ${phrase} `)) words.push(...english.split(' '));
  // Not "a" of a code "svc-A", nor the "dan" of "KTP dan KK": a question has them whatever it is about.
  return [...new Set(words.filter((w) => w.length >= 2 && !GENERIC_SERVICE_WORDS.has(w) && !STOPWORDS.id.has(w) && !STOPWORDS.en.has(w)))];
}

/**
 * Which of an office's services a question is about ("antrian kk" → Kartu Keluarga): its words
 * searched in the services' names with the same library as the intents, exact words first, then
 * forgiving one typo in the longer ones.
 */
export class ServiceFinder {
  private readonly db: AnyOrama = create({
    schema: { text: 'string' } as const,
    components: { tokenizer: stemTokenizer('id') },
  });

  constructor(private readonly services: readonly ServiceEntity[]) {
    insertMultiple(
      this.db,
      services.map((s) => ({ id: s.id, text: serviceWords(s).join(' ') })),
    );
  }

  find(words: readonly string[]): ServiceEntity | null {
    const asked = words.filter((w) => !GENERIC_SERVICE_WORDS.has(w));
    if (!this.services.length) return null;
    // A typo is forgiven in longer words only: one letter off a short word ("kk", "kia") is another word.
    for (const [tolerance, term] of [
      [0, asked.join(' ')],
      [1, asked.filter((w) => w.length >= 5).join(' ')],
    ] as const) {
      if (!term) continue;
      const { hits } = search(this.db, { term, properties: ['text'], tolerance, threshold: 1, limit: 1 }) as { hits: { id: string; score: number }[] };
      if (hits[0]) return this.services.find((s) => s.id === hits[0].id) ?? null;
    }
    return null;
  }
}
