// Generates the Indonesian voice clips of the hall display (display-ui/audio/id/<clip>.ogg):
// one short Ogg/Opus file per word or fixed phrase of a spoken call, played one after another when
// the display PC has no Indonesian speech voice (see display-ui/src/voice-clips.ts).
//
//   node scripts/voice-clips.mjs            regenerate every clip (needs espeak-ng and opusenc:
//                                           apt-get install espeak-ng opus-tools)
//
// The clips are committed; run this only to change a word, the voice or the encoding. Each clip is
// espeak-ng's Indonesian voice, its silence trimmed and its level normalised, encoded at 20 kbit/s
// mono. A clip added here must also be added to CLIP_NAMES in display-ui/src/voice-clips.ts (a test
// checks that both lists agree).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'display-ui/audio/id');

/** Words per minute: slower than espeak's 175, a hall is noisy and echoes. */
const SPEED = 145;
const BITRATE_KBPS = 20;

/**
 * clip name → what espeak-ng is given. `[[...]]` is espeak phoneme input, for words its Indonesian
 * rules read with the wrong "e" (a schwa in "loket", none in "enam" and "empat").
 */
const CLIPS = {
  // Fixed phrases of the call (speech-text.ts spokenCall).
  'panggilan-ulang': 'panggilan ulang',
  'nomor-antrean': 'nomor antrean',
  'silakan-menuju': 'silakan menuju',
  // Words for a counter (speech-text.ts COUNTER_WORDS) and common words of counter names.
  loket: "[[l'okEt]]",
  meja: 'meja',
  ruang: 'ruang',
  kasir: 'kasir',
  informasi: 'informasi',
  prioritas: 'prioritas',
  pendaftaran: 'pendaftaran',
  pengaduan: 'pengaduan',
  pengambilan: 'pengambilan',
  pembayaran: 'pembayaran',
  layanan: 'layanan',
  umum: 'umum',
  // Digits and the parts of Indonesian numerals (speech-text.ts indonesianNumber).
  nol: 'nol',
  satu: 'satu',
  dua: 'dua',
  tiga: 'tiga',
  empat: "[[@mp'at]]",
  lima: 'lima',
  enam: "[[@n'am]]",
  tujuh: 'tujuh',
  delapan: 'delapan',
  sembilan: 'sembilan',
  sepuluh: 'sepuluh',
  sebelas: 'sebelas',
  belas: 'belas',
  puluh: 'puluh',
  seratus: 'seratus',
  ratus: 'ratus',
  seribu: 'seribu',
  ribu: 'ribu',
  // Indonesian letter names (speech-text.ts ID_LETTERS).
  a: 'a',
  be: 'be',
  ce: 'ce',
  de: 'de',
  e: 'e',
  ef: 'ef',
  ge: 'ge',
  ha: 'ha',
  i: 'i',
  je: 'je',
  ka: 'ka',
  el: 'el',
  em: 'em',
  en: 'en',
  o: 'o',
  pe: 'pe',
  ki: 'ki',
  er: 'er',
  es: 'es',
  te: 'te',
  u: 'u',
  ve: 've',
  we: 'we',
  eks: 'eks',
  ye: 'ye',
  zet: 'zet',
};

function run(cmd, args, input) {
  const res = spawnSync(cmd, args, { input, maxBuffer: 64 << 20 });
  if (res.error) throw new Error(`${cmd}: ${res.error.message} (apt-get install espeak-ng opus-tools)`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${res.status}: ${res.stderr}`);
  return res.stdout;
}

/** espeak-ng's WAV (16-bit mono; its header may claim an unknown length) → sample rate and samples. */
function readWav(buf) {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV');
  let pos = 12;
  let rate = 0;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      if (buf.readUInt16LE(pos + 8) !== 1 || buf.readUInt16LE(pos + 10) !== 1 || buf.readUInt16LE(pos + 22) !== 16) throw new Error('expected 16-bit mono PCM');
      rate = buf.readUInt32LE(pos + 12);
    }
    if (id === 'data') {
      const end = Math.min(buf.length, pos + 8 + size) & ~1;
      const bytes = buf.subarray(pos + 8, end);
      return { rate, samples: new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) };
    }
    pos += 8 + size + (size & 1);
  }
  throw new Error('WAV without data');
}

function writeWav(rate, samples) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** Cuts the silence espeak leaves around a word (the player sets the pauses) and brings the peak to 90 %. */
function trimAndNormalise(rate, samples) {
  const threshold = 400;
  let first = samples.findIndex((s) => Math.abs(s) > threshold);
  let last = samples.findLastIndex((s) => Math.abs(s) > threshold);
  if (first < 0) throw new Error('silent clip');
  const margin = Math.round(rate * 0.02);
  first = Math.max(0, first - margin);
  last = Math.min(samples.length - 1, last + margin);
  const cut = samples.slice(first, last + 1);
  const peak = cut.reduce((max, s) => Math.max(max, Math.abs(s)), 1);
  const gain = (0.9 * 32767) / peak;
  return cut.map((s) => Math.max(-32768, Math.min(32767, Math.round(s * gain))));
}

/** A stable stream serial per clip, so regenerating with the same tools gives the same bytes. */
function serial(name) {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(outDir)) if (file.endsWith('.ogg')) rmSync(join(outDir, file));
let total = 0;
for (const [name, text] of Object.entries(CLIPS)) {
  const { rate, samples } = readWav(run('espeak-ng', ['-v', 'id', '-s', String(SPEED), '-z', '--stdout', text]));
  const wav = writeWav(rate, trimAndNormalise(rate, samples));
  const ogg = run(
    'opusenc',
    ['--quiet', '--speech', '--bitrate', String(BITRATE_KBPS), '--downmix-mono', '--padding', '0', '--serial', String(serial(name)), '-', '-'],
    wav,
  );
  writeFileSync(join(outDir, `${name}.ogg`), ogg);
  total += ogg.length;
}
console.log(`${Object.keys(CLIPS).length} clips, ${(total / 1024).toFixed(1)} KiB in ${outDir}`);
