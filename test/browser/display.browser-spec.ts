import { join } from 'node:path';
import type { QueueBoard } from '@giliran/contracts';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { englishNumber, indonesianNumber, spellTicket, spokenCall, spokenCounterName } from '../../display-ui/src/speech-text';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { SCREENSHOTS, launchChromium, until } from '../support/browser';
import { connectQueue } from '../support/socket-client';

// The finished hall display (issue #3): it announces every call, in order, in a real browser;
// it shows when it is offline and comes back with exactly the server's board; it shows the
// supervisor's running text live; and the screen above one counter shows that counter's number.

jest.setTimeout(180_000);

describe('spoken call text', () => {
  it('reads a ticket digit by digit and the counter number as a numeral', () => {
    expect(spokenCall('A-007', 'Loket 3', 'id')).toBe('Nomor antrean a, nol, nol, tujuh, silakan menuju loket tiga.');
    expect(spokenCall('B-120', 'Loket 12', 'id')).toBe('Nomor antrean be, satu, dua, nol, silakan menuju loket dua belas.');
  });

  it('spells a multi-letter prefix with Indonesian letter names', () => {
    expect(spellTicket('KTP-001', 'id')).toEqual(['ka', 'te', 'pe', 'nol', 'nol', 'satu']);
    expect(spokenCall('KTP-001', 'Loket 1', 'id')).toBe('Nomor antrean ka, te, pe, nol, nol, satu, silakan menuju loket satu.');
  });

  it('speaks English when the office is set to it', () => {
    expect(spokenCall('A-007', 'Loket 3', 'en')).toBe('Ticket A, zero, zero, seven, please go to counter three.');
  });

  it('announces a recall as such, in both languages', () => {
    expect(spokenCall('A-007', 'Loket 3', 'id', true)).toBe('Panggilan ulang. Nomor antrean a, nol, nol, tujuh, silakan menuju loket tiga.');
    expect(spokenCall('A-007', 'Loket 3', 'en', true)).toBe('Calling again. Ticket A, zero, zero, seven, please go to counter three.');
    expect(spokenCall('KTP-001', 'Counter 21', 'en')).toBe('Ticket K, T, P, zero, zero, one, please go to counter twenty one.');
  });

  it('names Indonesian numerals from 0 to 99 and beyond', () => {
    const cases: [number, string][] = [
      [0, 'nol'],
      [1, 'satu'],
      [9, 'sembilan'],
      [10, 'sepuluh'],
      [11, 'sebelas'],
      [12, 'dua belas'],
      [19, 'sembilan belas'],
      [20, 'dua puluh'],
      [21, 'dua puluh satu'],
      [45, 'empat puluh lima'],
      [99, 'sembilan puluh sembilan'],
      [100, 'seratus'],
      [101, 'seratus satu'],
      [111, 'seratus sebelas'],
      [250, 'dua ratus lima puluh'],
      [1000, 'seribu'],
      [2024, 'dua ribu dua puluh empat'],
    ];
    for (const [n, words] of cases) expect(indonesianNumber(n)).toBe(words);
    expect(englishNumber(13)).toBe('thirteen');
    expect(englishNumber(120)).toBe('one hundred twenty');
  });

  it('keeps the counter name as configured, only its number and the word for counter change', () => {
    expect(spokenCounterName('Loket 12', 'id')).toBe('loket dua belas');
    expect(spokenCounterName('Loket BPJS 2', 'id')).toBe('loket BPJS dua');
    expect(spokenCounterName('Meja Informasi', 'en')).toBe('desk informasi');
    expect(spokenCounterName('Loket A', 'id')).toBe('loket a');
  });
});

interface ShownBoard {
  counters: Record<string, string>;
  waiting: Record<string, string>;
  calls: string[];
}

// Page scripts are strings: the test is type-checked for Node, without the DOM library.
const READ_BOARD = `(() => {
  const text = (el) => ((el && el.textContent) || '').trim();
  const counters = {};
  for (const tile of document.querySelectorAll('[data-testid^="counter-"]')) {
    counters[tile.getAttribute('data-testid').slice('counter-'.length)] = text(tile.querySelector('[data-testid="now-serving"]'));
  }
  const waiting = {};
  for (const svc of document.querySelectorAll('[data-testid^="service-"]')) {
    waiting[svc.getAttribute('data-testid').slice('service-'.length)] = text(svc.querySelector('[data-testid="waiting"]'));
  }
  const calls = Array.from(document.querySelectorAll('[data-testid="recent-calls"] [data-call-number]')).map((el) => el.getAttribute('data-call-number'));
  return { counters, waiting, calls };
})()`;
const SPOKEN = 'window.__giliranSpoken || []';

/** What the page shows, read from the DOM: numbers per counter, waiting per service, the recent calls in order. */
const readBoard = (page: Page) => page.evaluate<ShownBoard>(READ_BOARD);
const spokenOn = (page: Page) => page.evaluate<string[]>(SPOKEN);

/** The same three things as the display must show them, from the server's board. */
function expectedBoard(board: QueueBoard): ShownBoard {
  return {
    counters: Object.fromEntries(board.counters.map((c) => [c.counterId, c.status === 'closed' || !c.nowServing ? '—' : c.nowServing.number])),
    waiting: Object.fromEntries(board.services.map((s) => [s.serviceId, String(s.waiting)])),
    calls: [...board.recentCalls]
      .sort((a, b) => b.calledAt.localeCompare(a.calledAt))
      .slice(0, 8)
      .map((c) => c.number),
  };
}

describe('hall display', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  let hallContext: BrowserContext;
  let hall: Page;
  const tokens: string[] = [];
  const pageErrors: string[] = [];

  const http = async <T>(method: string, path: string, body?: unknown, token?: string, ok = [200, 201, 204]): Promise<T> => {
    const res = await api<T>(app!.baseUrl, method, `/api/v1${path}`, body, token);
    if (!ok.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const board = () => http<QueueBoard>('GET', `/offices/${office.officeId}/queue`);
  const issue = (serviceId: string) => http<{ id: string; number: string }>('POST', `/offices/${office.officeId}/tickets`, { serviceId });
  const callNext = (counterIndex: number) =>
    http<{ ticket: { id: string; number: string } } | undefined>(
      'POST',
      `/counters/${office.counters[counterIndex]!.id}/call-next`,
      undefined,
      tokens[counterIndex],
    );
  const finishCurrent = async (counterIndex: number) => {
    const current = (await board()).counters.find((c) => c.counterId === office.counters[counterIndex]!.id)?.nowServing;
    if (!current) return;
    if (current.status === 'called') await http('POST', `/tickets/${current.ticketId}/start`, undefined, tokens[counterIndex]);
    await http('POST', `/tickets/${current.ticketId}/complete`, undefined, tokens[counterIndex]);
  };
  const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `display-${name}.png`) }).catch(() => undefined);

  async function officer(officeId: string, username: string): Promise<string> {
    await http('POST', '/staff', { username, password: 'petugas-password', role: 'officer', officeId }, office.adminToken);
    return (await http<{ accessToken: string }>('POST', '/auth/login', { username, password: 'petugas-password' })).accessToken;
  }

  async function openPage(path: string, viewport = { width: 1920, height: 1080 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${path}: ${err.message}`));
    await page.goto(app!.baseUrl + path);
    return { context, page };
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    tokens.push((await http<{ accessToken: string }>('POST', '/auth/login', office.officer)).accessToken);
    tokens.push(await officer(office.officeId, `petugas2-${office.officeId.slice(0, 6)}`));
    for (const [i, counter] of office.counters.entries()) await http('POST', `/counters/${counter.id}/open`, undefined, tokens[i]);
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    ({ context: hallContext, page: hall } = await openPage(`/display?office=${encodeURIComponent(office.officeId)}`));
    await hall.getByTestId(`counter-${office.counters[0]!.id}`).waitFor({ timeout: 15_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  }, 60_000);

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('announces two calls made at the same instant, both, in the order they were called', async () => {
    await screenshot(hall, 'board-start');
    await hall.getByTestId('enable-sound').click();
    await hall.getByTestId('enable-sound').waitFor({ state: 'hidden' });

    // A socket of our own records the order the server gave the calls (by seq).
    const watcher = await connectQueue(app!.baseUrl);
    try {
      await watcher.subscribe({ officeId: office.officeId });
      const serviceA = office.services.find((s) => s.prefix === 'A')!;
      await issue(serviceA.id);
      await issue(serviceA.id);
      const [first, second] = await Promise.all([callNext(0), callNext(1)]);
      expect([first?.ticket.number, second?.ticket.number].sort()).toEqual(['A-001', 'A-002']);

      const called = await until('both ticket.called events', async () => {
        const events = watcher.received
          .filter((r) => r.event === 'ticket.called')
          .map((r) => r.payload as { seq: number; number: string; counterName: string });
        return events.length === 2 ? events.sort((a, b) => a.seq - b.seq) : null;
      });
      const expected = called.map((e) => spokenCall(e.number, e.counterName, 'id'));

      const spoken = await until(
        'both calls spoken',
        async () => {
          const texts = await spokenOn(hall);
          return texts.length >= 2 ? texts : null;
        },
        30_000,
      );
      expect(spoken).toEqual(expected);
      // "Nomor antrean a, nol, nol, satu, silakan menuju loket satu." — whichever counter won the race.
      expect(spoken.some((s) => /a, nol, nol, (satu|dua), silakan menuju loket satu/.test(s))).toBe(true);
      expect(spoken.some((s) => /a, nol, nol, (satu|dua), silakan menuju loket dua/.test(s))).toBe(true);

      const tile1 = hall.getByTestId(`counter-${office.counters[0]!.id}`).getByTestId('now-serving');
      await until('counter 1 shows its ticket', async () => (await tile1.textContent())?.trim() === (first?.ticket.number ?? ''));
      // The newest call is the one the server called last.
      await until('latest call first', async () => (await readBoard(hall)).calls[0] === called[1]!.number);
      await screenshot(hall, 'calls');
    } finally {
      watcher.socket.disconnect();
    }
  });

  it('shows that it is offline, and on reconnecting shows exactly the server board', async () => {
    const serviceA = office.services.find((s) => s.prefix === 'A')!;
    const serviceB = office.services.find((s) => s.prefix === 'B')!;
    const offlineAt = Date.now();
    await hallContext.setOffline(true);
    await hall.getByTestId('offline').waitFor({ state: 'visible', timeout: 5_000 });

    // While the display hears nothing, the hall moves on.
    await issue(serviceA.id);
    await issue(serviceB.id);
    await issue(serviceB.id);
    await issue(serviceA.id);
    const spokenBefore = (await spokenOn(hall)).length;
    await finishCurrent(0);
    const missed1 = await callNext(0);
    await finishCurrent(1);
    const missed2 = await callNext(1);
    await http(
      'POST',
      `/tickets/${(await board()).counters.find((c) => c.counterId === office.counters[1]!.id)!.nowServing!.ticketId}/start`,
      undefined,
      tokens[1],
    );

    const stale = expectedBoard(await board());
    expect(await readBoard(hall)).not.toEqual(stale);
    expect(await hall.getByTestId('offline').isVisible()).toBe(true);
    await screenshot(hall, 'offline');
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - offlineAt))));

    await hallContext.setOffline(false);
    const expected = expectedBoard(await board());
    let shown: ShownBoard | undefined;
    try {
      await until(
        'the board to equal the server board',
        async () => {
          shown = await readBoard(hall);
          return JSON.stringify(shown) === JSON.stringify(expected);
        },
        10_000,
      );
    } catch (err) {
      expect(shown).toEqual(expected); // a readable diff
      throw err;
    }
    await hall.getByTestId('offline').waitFor({ state: 'hidden', timeout: 5_000 });
    await screenshot(hall, 'reconnected');

    // The two calls made while the display was away are still announced, oldest first.
    const missed = [
      [missed1!.ticket.number, office.counters[0]!.name],
      [missed2!.ticket.number, office.counters[1]!.name],
    ].map(([number, counter]) => spokenCall(number!, counter!, 'id'));
    const late = await until(
      'the missed calls announced',
      async () => {
        const texts = (await spokenOn(hall)).slice(spokenBefore);
        return missed.every((m) => texts.includes(m)) ? texts : null;
      },
      20_000,
    );
    expect(late.indexOf(missed[0]!)).toBeLessThan(late.indexOf(missed[1]!));
    expect(late.filter((text) => missed.includes(text))).toEqual(missed); // each once
  });

  it('shows the running text the supervisor sets, live', async () => {
    const text = 'Loket tutup pukul 15.00';
    await http('PATCH', `/offices/${office.officeId}`, { announcements: [text, 'Siapkan KTP dan Kartu Keluarga asli'] }, office.adminToken);
    const ticker = hall.getByTestId('announcements');
    await until('the running text', async () => (await ticker.textContent())?.includes(text));
    expect((await board()).announcements).toContain(text);
    await new Promise((r) => setTimeout(r, 4000)); // blinks of the calls made while offline over, text in view
    await screenshot(hall, 'announcement');
  });

  it('speaks English once the supervisor sets the voice to English', async () => {
    await http('PATCH', `/offices/${office.officeId}`, { voiceLocale: 'en' }, office.adminToken);
    try {
      await until('the voice setting on the board', async () => (await board()).voiceLocale === 'en');
      const before = (await spokenOn(hall)).length;
      await issue(office.services[0]!.id);
      await finishCurrent(0);
      const called = await callNext(0);
      const english = spokenCall(called!.ticket.number, office.counters[0]!.name, 'en');
      expect(english).toMatch(/^Ticket [AB], zero, (zero|one), \w+, please go to counter one\.$/);
      await until('the English call', async () => (await spokenOn(hall)).slice(before).includes(english), 20_000);
      // Changing the voice leaves the running text as it was.
      expect(await hall.getByTestId('announcements').textContent()).toContain('Loket tutup pukul 15.00');
    } finally {
      await http('PATCH', `/offices/${office.officeId}`, { voiceLocale: 'id' }, office.adminToken);
    }
  });

  it('shows one counter above that counter, its number huge and silent by default', async () => {
    const counter1 = office.counters[0]!;
    const { page } = await openPage(`/display?counter=${encodeURIComponent(counter1.id)}`, { width: 1920, height: 1080 });
    const number = page.getByTestId('counter-mode-number');
    const now = (await board()).counters.find((c) => c.counterId === counter1.id)!.nowServing!.number;
    await until('the counter number', async () => (await number.textContent())?.trim() === now);
    expect((await page.getByTestId('counter-mode-name').textContent())?.trim()).toBe(counter1.name);
    expect(await page.getByTestId('enable-sound').count()).toBe(0);

    // The next call at this counter replaces the number; one at another counter does not.
    const serviceA = office.services.find((s) => s.prefix === 'A')!;
    await issue(serviceA.id);
    await issue(serviceA.id);
    await finishCurrent(0);
    const next = await callNext(0);
    await until('the new number', async () => (await number.textContent())?.trim() === next!.ticket.number);
    const fontSize = parseFloat(await page.evaluate<string>('getComputedStyle(document.querySelector(\'[data-testid="counter-mode-number"]\')).fontSize'));
    expect(fontSize).toBeGreaterThan(250);
    await finishCurrent(1);
    await callNext(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await number.textContent())?.trim()).toBe(next!.ticket.number);
    expect(await spokenOn(page)).toEqual([]);
    await screenshot(page, 'counter-call');
    await new Promise((r) => setTimeout(r, 2500)); // the blink is over: the steady picture
    await screenshot(page, 'counter');
    await page.context().close();
  });

  it('lays out a busy hall: six counters, four services, eight calls', async () => {
    const busy = await seedOffice(app!.baseUrl, { timezone: 'Asia/Makassar' });
    const services = [...busy.services];
    for (const [prefix, name] of [
      ['C', 'Akta Kelahiran'],
      ['D', 'Pindah Datang'],
    ]) {
      services.push(
        await http<{ id: string; prefix: string; name: string }>(
          'POST',
          `/offices/${busy.officeId}/services`,
          { code: prefix.toLowerCase(), prefix, name, slotMinutes: 15, slotCapacity: 4, bookingWindowDays: 14 },
          busy.adminToken,
        ),
      );
    }
    const counters = [...busy.counters];
    for (const name of ['Loket 3', 'Loket 4', 'Loket 5', 'Loket Prioritas']) {
      counters.push(
        await http<{ id: string; name: string }>(
          'POST',
          `/offices/${busy.officeId}/counters`,
          { name, serviceIds: services.map((s) => s.id) },
          busy.adminToken,
        ),
      );
    }
    const busyTokens = [(await http<{ accessToken: string }>('POST', '/auth/login', busy.officer)).accessToken];
    for (let i = 1; i < counters.length; i++) busyTokens.push(await officer(busy.officeId, `busy${i}-${busy.officeId.slice(0, 6)}`));
    for (let i = 0; i < 5; i++) await http('POST', `/counters/${counters[i]!.id}/open`, undefined, busyTokens[i]);
    for (let i = 0; i < 20; i++) await http('POST', `/offices/${busy.officeId}/tickets`, { serviceId: services[i % services.length]!.id });
    await http(
      'PATCH',
      `/offices/${busy.officeId}`,
      { announcements: ['Pelayanan KTP elektronik hari ini sampai pukul 14.00 WITA', 'Harap menjaga ketertiban di ruang tunggu'] },
      busy.adminToken,
    );

    const { page } = await openPage(`/display?office=${encodeURIComponent(busy.officeId)}`);
    await page.getByTestId(`counter-${counters[5]!.id}`).waitFor({ timeout: 15_000 });
    await page.getByTestId('enable-sound').click();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) {
        if (round > 0) {
          const current = (await http<QueueBoard>('GET', `/offices/${busy.officeId}/queue`)).counters.find((c) => c.counterId === counters[i]!.id)?.nowServing;
          if (current) {
            await http('POST', `/tickets/${current.ticketId}/start`, undefined, busyTokens[i]);
            if (i !== 2) await http('POST', `/tickets/${current.ticketId}/complete`, undefined, busyTokens[i]);
            else continue; // counter 3 keeps serving
          }
        }
        await http('POST', `/counters/${counters[i]!.id}/call-next`, undefined, busyTokens[i]);
      }
    }
    await http('POST', `/counters/${counters[3]!.id}/pause`, undefined, busyTokens[3]).catch(() => undefined);
    const expected = expectedBoard(await http<QueueBoard>('GET', `/offices/${busy.officeId}/queue`));
    await until('the busy board', async () => JSON.stringify(await readBoard(page)) === JSON.stringify(expected));
    await new Promise((r) => setTimeout(r, 3500)); // blinks over, running text in view
    await screenshot(page, 'busy');
    // A smaller TV: the same board, scaled down, nothing cut.
    await page.setViewportSize({ width: 1366, height: 768 });
    await new Promise((r) => setTimeout(r, 500));
    await screenshot(page, 'busy-1366');
    await page.context().close();
  });
});
