/**
 * An Indonesian call as a row of recorded clips, for a display PC without an Indonesian speech
 * voice: the sentence of speech-text.ts spokenCall, word by word, mapped to the clips of
 * display-ui/audio/id (made by scripts/voice-clips.mjs). Pure, so it is tested without a browser;
 * no DOM types here, the Node tests import it.
 *
 * The fixed phrases ("panggilan ulang", "nomor antrean", "silakan menuju") are one clip each, so
 * they sound like one phrase. A word of a counter's name with no clip is left out rather than
 * spelled: "loket" and its number are what a caller listens for, the screen shows the whole name,
 * and "ka, a, es, i, er" is harder to follow than nothing. An acronym ("BPJS", kept upper case by
 * the speech text) is spelled with the letter names, which is how it is said aloud.
 */
import { spellTicket } from './speech-text';

/** Phrases recorded as one clip; the clip's name is the words joined by "-". */
const PHRASES: readonly (readonly string[])[] = [
  ['panggilan', 'ulang'],
  ['nomor', 'antrean'],
  ['silakan', 'menuju'],
];

const NUMERAL_WORDS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
  'belas',
  'puluh',
  'seratus',
  'ratus',
  'seribu',
  'ribu',
];

/** The Indonesian letter names speech-text.ts spells tickets with ("a", "be", "ce", … "zet"). */
const LETTER_NAMES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => spellTicket(letter, 'id')[0] ?? letter.toLowerCase());

/** The words for a counter of speech-text.ts, and words common in counter names of public offices. */
const COUNTER_WORDS = ['loket', 'meja', 'ruang', 'kasir', 'informasi', 'prioritas', 'pendaftaran', 'pengaduan', 'pengambilan', 'pembayaran', 'layanan', 'umum'];

const WORDS = new Set([...NUMERAL_WORDS, ...LETTER_NAMES, ...COUNTER_WORDS]);

/** Every clip a call may use: display-ui/audio/id/<name>.ogg. */
export const CLIP_NAMES: readonly string[] = [...PHRASES.map((words) => words.join('-')), ...WORDS];

/** Pauses after a clip, by what follows its word in the sentence. */
export const PAUSE_MS = { word: 60, comma: 160, sentence: 450 } as const;

export interface VoiceClip {
  /** The clip's name: the file audio/id/<name>.ogg. */
  name: string;
  /** Silence before the next clip. */
  pauseAfterMs: number;
}

const pauseFor = (punctuation: string): number =>
  /[.!?;:]/.test(punctuation) ? PAUSE_MS.sentence : punctuation.includes(',') ? PAUSE_MS.comma : PAUSE_MS.word;

/**
 * "Panggilan ulang. Nomor antrean a, nol, nol, tujuh, silakan menuju loket tiga." →
 * panggilan-ulang, nomor-antrean, a, nol, nol, tujuh, silakan-menuju, loket, tiga (with their pauses).
 */
export function voiceClips(text: string): VoiceClip[] {
  const tokens = [...text.matchAll(/([^\s,.;:!?]+)([,.;:!?]*)/g)].map((m) => ({ word: m[1] ?? '', punctuation: m[2] ?? '' }));
  const clips: VoiceClip[] = [];
  const add = (name: string, punctuation: string) => clips.push({ name, pauseAfterMs: pauseFor(punctuation) });
  for (let i = 0; i < tokens.length; i++) {
    const { word, punctuation } = tokens[i]!;
    const lower = word.toLowerCase();
    const phrase = PHRASES.find((words) =>
      words.every((w, k) => tokens[i + k]?.word.toLowerCase() === w && (k === words.length - 1 || !tokens[i + k]?.punctuation)),
    );
    if (phrase) {
      i += phrase.length - 1;
      add(phrase.join('-'), tokens[i]!.punctuation);
    } else if (WORDS.has(lower)) {
      add(lower, punctuation);
    } else if (/^[A-Z0-9]+$/.test(word)) {
      // An acronym or a stray number: character by character, like a ticket.
      const spelled = spellTicket(word, 'id').filter((w) => WORDS.has(w));
      spelled.forEach((name, k) => add(name, k === spelled.length - 1 ? punctuation : ','));
    } else {
      // No clip for this word: left out, but a full stop after it still pauses.
      const last = clips[clips.length - 1];
      if (last) last.pauseAfterMs = Math.max(last.pauseAfterMs, pauseFor(punctuation));
    }
  }
  return clips;
}

/** Just the names, in order. */
export function clipNames(text: string): string[] {
  return voiceClips(text).map((clip) => clip.name);
}
