/**
 * The words of a spoken call, kept pure so they can be tested without a browser.
 *
 * Ticket numbers are read character by character ("A-007" → "a, nol, nol, tujuh"): a caller
 * who mishears "tujuh" still gets "nol, nol" and knows it is a low number, and speech engines
 * read "A007" in surprising ways. A number inside a counter's name is read as a numeral
 * ("Loket 12" → "loket dua belas"), the way people say it.
 */

export type VoiceLocale = 'id' | 'en';

const ID_DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Indonesian names of the letters, as they are spelled aloud ("be", "ce", "ka", ...). */
const ID_LETTERS: Record<string, string> = {
  A: 'a',
  B: 'be',
  C: 'ce',
  D: 'de',
  E: 'e',
  F: 'ef',
  G: 'ge',
  H: 'ha',
  I: 'i',
  J: 'je',
  K: 'ka',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pe',
  Q: 'ki',
  R: 'er',
  S: 'es',
  T: 'te',
  U: 'u',
  V: 've',
  W: 'we',
  X: 'eks',
  Y: 'ye',
  Z: 'zet',
};

const digit = (d: number, words: string[]): string => words[d] ?? String(d);

/** 0 … 999 999 as an Indonesian numeral: 11 "sebelas", 21 "dua puluh satu", 100 "seratus", 1000 "seribu". */
export function indonesianNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  if (n < 10) return digit(n, ID_DIGITS);
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${digit(n - 10, ID_DIGITS)} belas`;
  if (n < 100) return join(`${digit(Math.floor(n / 10), ID_DIGITS)} puluh`, n % 10 ? digit(n % 10, ID_DIGITS) : '');
  if (n < 1000) {
    const hundreds = Math.floor(n / 100);
    return join(hundreds === 1 ? 'seratus' : `${digit(hundreds, ID_DIGITS)} ratus`, n % 100 ? indonesianNumber(n % 100) : '');
  }
  const thousands = Math.floor(n / 1000);
  return join(thousands === 1 ? 'seribu' : `${indonesianNumber(thousands)} ribu`, n % 1000 ? indonesianNumber(n % 1000) : '');
}

/** 0 … 999 999 in English words: 21 "twenty one", 120 "one hundred twenty". */
export function englishNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  if (n < 10) return digit(n, EN_DIGITS);
  if (n < 20) return EN_TEENS[n - 10] ?? String(n);
  if (n < 100) return join(EN_TENS[Math.floor(n / 10)] ?? '', n % 10 ? digit(n % 10, EN_DIGITS) : '');
  if (n < 1000) return join(`${digit(Math.floor(n / 100), EN_DIGITS)} hundred`, n % 100 ? englishNumber(n % 100) : '');
  return join(`${englishNumber(Math.floor(n / 1000))} thousand`, n % 1000 ? englishNumber(n % 1000) : '');
}

function join(...parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}

/** "A-007" → ["a", "nol", "nol", "tujuh"] (Indonesian) or ["A", "zero", "zero", "seven"] (English). */
export function spellTicket(number: string, locale: VoiceLocale): string[] {
  const words: string[] = [];
  for (const ch of number.toUpperCase()) {
    if (ch >= '0' && ch <= '9') words.push(digit(Number(ch), locale === 'id' ? ID_DIGITS : EN_DIGITS));
    else if (ch >= 'A' && ch <= 'Z') words.push(locale === 'id' ? (ID_LETTERS[ch] ?? ch.toLowerCase()) : ch);
    // Separators ("-", spaces) are not spoken: the commas already pause between characters.
  }
  return words;
}

/** A word of a counter's name, the way a caller says it. */
const COUNTER_WORDS: Record<VoiceLocale, Record<string, string>> = {
  // "Loket" and "Counter" are the same thing; the word of the spoken language is used.
  id: { loket: 'loket', counter: 'loket', meja: 'meja', desk: 'meja', ruang: 'ruang', room: 'ruang' },
  en: { loket: 'counter', counter: 'counter', meja: 'desk', desk: 'desk', ruang: 'room', room: 'room' },
};

/**
 * "Loket 3" → "loket tiga", "Loket 12" → "loket dua belas", "Counter 3" → "counter three".
 * Numbers become numerals, acronyms ("BPJS") stay as written, other words are lower-cased
 * so a speech engine does not spell them; a lone letter ("Loket A") is spelled like a ticket letter.
 */
export function spokenCounterName(name: string, locale: VoiceLocale): string {
  const tokens = name.trim().match(/\d+|[^\s\d]+/g) ?? [];
  return tokens
    .map((token) => {
      if (/^\d+$/.test(token)) return locale === 'id' ? indonesianNumber(Number(token)) : englishNumber(Number(token));
      const known = COUNTER_WORDS[locale][token.toLowerCase()];
      if (known) return known;
      if (/^[A-Za-z]$/.test(token)) return spellTicket(token, locale).join('');
      if (token.length > 1 && token === token.toUpperCase() && /[A-Z]/.test(token)) return token;
      return token.toLowerCase();
    })
    .join(' ')
    .replace(/\s+([,.;:!?])/g, '$1');
}

/**
 * The sentence spoken for one call:
 * id: "Nomor antrean a, nol, nol, tujuh, silakan menuju loket tiga."
 * en: "Ticket A, zero, zero, seven, please go to counter three."
 * A recall says so first ("Panggilan ulang." / "Calling again."): the citizen who missed the first
 * call knows it is the last chance, and the hall does not hear it as a new number.
 */
export function spokenCall(number: string, counterName: string, requested: VoiceLocale, recall = false): string {
  const locale: VoiceLocale = requested === 'en' ? 'en' : 'id';
  const ticket = spellTicket(number, locale).join(', ');
  const counter = spokenCounterName(counterName, locale);
  const call = locale === 'id' ? `Nomor antrean ${ticket}, silakan menuju ${counter}.` : `Ticket ${ticket}, please go to ${counter}.`;
  if (!recall) return call;
  return locale === 'id' ? `Panggilan ulang. ${call}` : `Calling again. ${call}`;
}

/** BCP 47 tag handed to speech synthesis. */
export function speechLang(locale: VoiceLocale): string {
  return locale === 'id' ? 'id-ID' : 'en-US';
}
