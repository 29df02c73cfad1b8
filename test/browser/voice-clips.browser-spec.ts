import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueBoard } from '@giliran/contracts';
import { type Browser, type Page } from 'playwright-core';
import { indonesianNumber, spokenCall } from '../../display-ui/src/speech-text';
import { CLIP_NAMES, PAUSE_MS, clipNames, voiceClips } from '../../display-ui/src/voice-clips';
import { ROOT, api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, until } from '../support/browser';

// Issue #14: a display PC with no Indonesian voice (headless Chromium has none at all) plays an
// Indonesian call from recorded clips, word by word, instead of a default voice reading Indonesian
// with English rules. English calls keep speech synthesis.

jest.setTimeout(180_000);

const CLIP_DIR = join(ROOT, 'display-ui/audio/id');

// The pure mapping, in milliseconds, no browser: the unit project only collects libs/**/*.spec.ts.
describe('the clips of an Indonesian call', () => {
  it('reads the phrases as one clip each, the ticket character by character, the counter number as a numeral', () => {
    expect(clipNames(spokenCall('A-007', 'Loket 3', 'id'))).toEqual(['nomor-antrean', 'a', 'nol', 'nol', 'tujuh', 'silakan-menuju', 'loket', 'tiga']);
    expect(clipNames(spokenCall('KTP-120', 'Loket 12', 'id'))).toEqual([
      'nomor-antrean',
      'ka',
      'te',
      'pe',
      'satu',
      'dua',
      'nol',
      'silakan-menuju',
      'loket',
      'dua',
      'belas',
    ]);
    expect(clipNames(spokenCall('B-001', 'Counter 111', 'id'))).toEqual([
      'nomor-antrean',
      'be',
      'nol',
      'nol',
      'satu',
      'silakan-menuju',
      'loket',
      'seratus',
      'sebelas',
    ]);
  });

  it('begins a recall with "panggilan ulang" and a sentence pause', () => {
    const clips = voiceClips(spokenCall('A-007', 'Loket 3', 'id', true));
    expect(clips.map((c) => c.name)).toEqual(['panggilan-ulang', 'nomor-antrean', 'a', 'nol', 'nol', 'tujuh', 'silakan-menuju', 'loket', 'tiga']);
    expect(clips[0]!.pauseAfterMs).toBe(PAUSE_MS.sentence);
    expect(clips[2]!.pauseAfterMs).toBe(PAUSE_MS.comma); // "a, nol"
    expect(clips[1]!.pauseAfterMs).toBe(PAUSE_MS.word); // "nomor antrean a"
  });

  it('spells an acronym of a counter name, keeps words it has, leaves out words it has not', () => {
    const call = (counter: string) => clipNames(spokenCall('A-001', counter, 'id')).slice(5);
    expect(call('Loket BPJS 2')).toEqual(['silakan-menuju', 'loket', 'be', 'pe', 'je', 'es', 'dua']);
    expect(call('Meja Informasi')).toEqual(['silakan-menuju', 'meja', 'informasi']);
    expect(call('Loket Kasir B')).toEqual(['silakan-menuju', 'loket', 'kasir', 'be']);
    expect(call('Ruang Dokter Gigi 3')).toEqual(['silakan-menuju', 'ruang', 'tiga']);
    expect(call('Loket Prioritas')).toEqual(['silakan-menuju', 'loket', 'prioritas']);
  });

  it('has a clip for every word of every ticket letter and every counter number up to 1999', () => {
    for (let n = 0; n < 2000; n++) {
      const letter = String.fromCharCode(65 + (n % 26));
      const text = spokenCall(`${letter}-${String(n % 1000).padStart(3, '0')}`, `Loket ${n}`, 'id', n % 2 === 0);
      const words = text.split(/[\s,.]+/).filter(Boolean).length;
      const phrases = n % 2 === 0 ? 3 : 2; // each phrase is two words and one clip
      expect({ n, text, clips: clipNames(text).length }).toEqual({ n, text, clips: words - phrases });
    }
    expect(indonesianNumber(1999)).toBe('seribu sembilan ratus sembilan puluh sembilan');
  });

  it('finds every clip it may use in display-ui/audio/id, and nothing else there, under 300 KB in all', () => {
    const files = readdirSync(CLIP_DIR).filter((f) => f.endsWith('.ogg'));
    expect(files.map((f) => f.replace(/\.ogg$/, '')).sort()).toEqual([...CLIP_NAMES].sort());
    const total = files.reduce((sum, f) => sum + statSync(join(CLIP_DIR, f)).size, 0);
    expect(total).toBeLessThan(300_000);
  });
});

// Page scripts are strings: the test is type-checked for Node, without the DOM library.
const SPOKEN = 'window.__giliranSpoken || []';
const CLIPS = 'window.__giliranClips || []';
const INDONESIAN_VOICES = 'speechSynthesis.getVoices().filter((v) => /^(id|in)\\b/i.test(v.lang)).length';
/** A PC with an Indonesian voice: one voice "id-ID" whose speaking is recorded in `__fakeSpeech` and ends after 300 ms. */
const FAKE_INDONESIAN_VOICE = `(() => {
  const voice = { name: 'Test Indonesia', lang: 'id-ID', voiceURI: 'test-id', localService: true, default: true };
  window.__fakeSpeech = [];
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.volume = 1; }
  };
  Object.defineProperty(speechSynthesis, 'getVoices', { value: () => [voice] });
  Object.defineProperty(speechSynthesis, 'speak', {
    value: (u) => {
      window.__fakeSpeech.push({ text: u.text, voice: u.voice && u.voice.name });
      setTimeout(() => { if (u.onstart) u.onstart(); setTimeout(() => { if (u.onend) u.onend(); }, 300); }, 10);
    },
  });
})()`;

interface ClipResponse {
  name: string;
  status: number;
  type: string;
}

describe('hall display without an Indonesian voice', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  let token: string;
  let hall: Page;
  const fetched: ClipResponse[] = [];
  const problems: string[] = [];

  const http = async <T>(method: string, path: string, body?: unknown, auth?: string): Promise<T> => {
    const res = await api<T>(app!.baseUrl, method, `/api/v1${path}`, body, auth);
    if (![200, 201, 204].includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const counter = () => office.counters[0]!;
  /** Finishes the counter's current ticket, issues one and calls it: the number called. */
  const callOne = async (): Promise<string> => {
    const current = (await http<QueueBoard>('GET', `/offices/${office.officeId}/queue`)).counters.find((c) => c.counterId === counter().id)?.nowServing;
    if (current) {
      if (current.status === 'called') await http('POST', `/tickets/${current.ticketId}/start`, undefined, token);
      await http('POST', `/tickets/${current.ticketId}/complete`, undefined, token);
    }
    await http('POST', `/offices/${office.officeId}/tickets`, { serviceId: office.services[0]!.id });
    const called = await http<{ ticket: { number: string } }>('POST', `/counters/${counter().id}/call-next`, undefined, token);
    return called.ticket.number;
  };
  const clipsOn = (page: Page) => page.evaluate<string[][]>(CLIPS);
  const spokenOn = (page: Page) => page.evaluate<string[]>(SPOKEN);
  /** Waits until the page has played `count` calls from clips, each to the length expected. */
  const playedCalls = (page: Page, expected: string[][]) =>
    until(
      `${expected.length} calls played from clips`,
      async () => {
        const calls = await clipsOn(page);
        return calls.length >= expected.length && expected.every((e, i) => (calls[i]?.length ?? 0) >= e.length) ? calls : null;
      },
      30_000,
    ).catch(async (err: Error) => {
      expect(await clipsOn(page)).toEqual(expected); // a readable diff
      throw err;
    });

  /** A hall display with sound switched on; `clipResponses` receives every clip it fetches. */
  async function openDisplay(clipResponses: ClipResponse[], initScript?: string): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 720 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    page.on('response', (res) => {
      const match = /\/display\/audio\/id\/([\w-]+)\.ogg$/.exec(new URL(res.url()).pathname);
      if (match) clipResponses.push({ name: match[1]!, status: res.status(), type: res.headers()['content-type'] ?? '' });
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && problems.push(`console: ${m.text()}`));
    await page.goto(`${app!.baseUrl}/display?office=${encodeURIComponent(office.officeId)}`);
    await page.getByTestId(`counter-${counter().id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId('enable-sound').click();
    await page.getByTestId('enable-sound').waitFor({ state: 'hidden' });
    return page;
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    token = (await http<{ accessToken: string }>('POST', '/auth/login', office.officer)).accessToken;
    await http('POST', `/counters/${counter().id}/open`, undefined, token);
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  }, 60_000);

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('plays an Indonesian call from the clips, fetched from the server, in order, each to its end', async () => {
    hall = await openDisplay(fetched);
    expect(await hall.evaluate<number>(INDONESIAN_VOICES)).toBe(0);

    const number = await callOne();
    const text = spokenCall(number, counter().name, 'id');
    const expected = clipNames(text);
    expect(expected).toEqual(['nomor-antrean', 'a', 'nol', 'nol', 'satu', 'silakan-menuju', 'loket', 'satu']);
    expect(await playedCalls(hall, [expected])).toEqual([expected]);
    // What the hall heard is recorded as before, whichever way it was said.
    expect(await spokenOn(hall)).toEqual([text]);
    for (const name of new Set(expected)) {
      expect(fetched.filter((f) => f.name === name)).toEqual([{ name, status: 200, type: expect.stringMatching(/^audio\/ogg/) as unknown as string }]);
    }
  });

  it('plays a recall with "panggilan ulang" first', async () => {
    const before = (await clipsOn(hall)).length;
    const fetchedBefore = fetched.length;
    const recalled = await http<{ number: string }>('POST', `/counters/${counter().id}/recall`, undefined, token);
    const expected = clipNames(spokenCall(recalled.number, counter().name, 'id', true));
    expect(expected[0]).toBe('panggilan-ulang');
    const calls = await playedCalls(hall, [...(await clipsOn(hall)).slice(0, before), expected]);
    expect(calls[before]).toEqual(expected);
    expect(fetched.length).toBe(fetchedBefore); // loaded once, kept
  });

  it('keeps speech synthesis for an English call', async () => {
    await http('PATCH', `/offices/${office.officeId}`, { voiceLocale: 'en' }, office.adminToken);
    try {
      await until(
        'the English voice on the board',
        async () => (await http<QueueBoard>('GET', `/offices/${office.officeId}/queue`)).voiceLocale === 'en',
        20_000,
      );
      const before = (await clipsOn(hall)).length;
      const english = spokenCall(await callOne(), counter().name, 'en');
      await until('the English call', async () => (await spokenOn(hall)).includes(english), 20_000);
      expect((await clipsOn(hall)).length).toBe(before);
    } finally {
      await http('PATCH', `/offices/${office.officeId}`, { voiceLocale: 'id' }, office.adminToken);
    }
  });

  it('speaks with the Indonesian voice of a PC that has one, and loads no clip', async () => {
    await until(
      'the Indonesian voice on the board',
      async () => (await http<QueueBoard>('GET', `/offices/${office.officeId}/queue`)).voiceLocale === 'id',
      20_000,
    );
    const clipResponses: ClipResponse[] = [];
    const withVoice = await openDisplay(clipResponses, FAKE_INDONESIAN_VOICE);
    const text = spokenCall(await callOne(), counter().name, 'id');
    const speech = await until(
      'the call spoken with the Indonesian voice',
      async () => {
        const said = await withVoice.evaluate<{ text: string; voice: string }[]>('window.__fakeSpeech');
        return said.length ? said : null;
      },
      20_000,
    );
    expect(speech).toEqual([{ text, voice: 'Test Indonesia' }]);
    expect(await clipsOn(withVoice)).toEqual([]);
    expect(clipResponses).toEqual([]);
    await withVoice.context().close();
  });
});
