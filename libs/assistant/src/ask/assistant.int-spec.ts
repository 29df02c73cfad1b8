import { DateTime } from 'luxon';
import { createIntHarness, type IntHarness, middayZone, officeFixture } from '../../../../test/support/int-harness';
import { FaqService } from '../faqs/faq.service';
import { AssistantService } from './assistant.service';

// API.md v1.1 "Citizen assistant", on MariaDB and SQLite (TEST_DB): answers composed from the
// office's data as it is now, and from a citizen's own records only through their token.
describe('the citizen assistant', () => {
  let h: IntHarness;
  let assistant: AssistantService;
  beforeAll(async () => {
    h = await createIntHarness('assistant');
    assistant = h.app.get(AssistantService);
  });
  afterAll(() => h.close());

  const ask = (
    officeId: string,
    message: string,
    more: { now?: Date; context?: { trackingToken?: string; manageToken?: string }; locale?: 'id' | 'en' } = {},
  ) => assistant.answer({ message, officeId, context: more.context, locale: more.locale }, more.now);

  it('answers hours and holidays as the office has them now: a change of the week or a new holiday is in the next answer', async () => {
    const f = await officeFixture(h);
    const monday = DateTime.fromISO('2026-12-07T10:00', { zone: f.timezone }).toJSDate();
    expect(await ask(f.officeId, 'jam brp buka?', { now: monday })).toMatchObject({ intent: 'hours', sources: [{ type: 'opening_hours', id: f.officeId }] });
    expect((await ask(f.officeId, 'jam brp buka?', { now: monday })).reply).toContain('00:00–24:00');

    await h.offices.setHours(h.admin, f.officeId, { week: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '15:00' })) });
    const week = await ask(f.officeId, 'jam brp buka?', { now: monday });
    expect(week.reply).toContain('Hari ini (Senin, 7 Desember) buka 08:00–15:00');
    expect(week.reply).toContain('Sabtu–Minggu tutup');
    expect((await ask(f.officeId, 'sabtu buka ga?', { now: monday })).reply).toMatch(
      /^Sabtu, 12 Desember kantor tutup\. Buka lagi Senin, 14 Desember pukul 08:00\./,
    );

    expect((await ask(f.officeId, 'besok buka ga?', { now: monday })).reply).toBe('Selasa, 8 Desember buka 08:00–15:00.');
    await h.offices.addHoliday(h.admin, f.officeId, { date: '2026-12-08', name: 'Libur Uji' });
    const closed = await ask(f.officeId, 'besok buka ga?', { now: monday });
    expect(closed.reply).toBe('Selasa, 8 Desember kantor tutup: Libur Uji. Buka lagi Rabu, 9 Desember pukul 08:00.');
    expect(closed.sources).toEqual([
      { type: 'opening_hours', id: f.officeId },
      { type: 'holiday', id: '2026-12-08' },
    ]);
    await h.offices.deleteHoliday(h.admin, f.officeId, '2026-12-08');
    expect((await ask(f.officeId, 'are you open tomorrow?', { now: monday })).reply).toBe('Tuesday, 8 December the office is open 08:00–15:00.');

    // Over the lunch break the office is open (numbers are taken) but nobody is served.
    await h.offices.setHours(h.admin, f.officeId, { week: [{ weekday: 1, open: '08:00', close: '15:00', breaks: [{ start: '12:00', end: '13:00' }] }] });
    const lunch = DateTime.fromISO('2026-12-07T12:30', { zone: f.timezone }).toJSDate();
    expect((await ask(f.officeId, 'sekarang buka?', { now: lunch })).reply).toBe(
      'Hari ini (Senin, 7 Desember) buka 08:00–15:00 (istirahat 12:00–13:00). Sekarang jam istirahat; pelayanan lagi pukul 13:00, nomor antrean tetap bisa diambil.',
    );
  });

  it('answers from the office’s FAQs as they are now: added, changed and deleted', async () => {
    const f = await officeFixture(h);
    const faqs = h.app.get(FaqService);
    expect((await ask(f.officeId, 'ada parkiran motor ga?')).intent).toBe('handover');
    const faq = await faqs.create(h.admin, f.officeId, {
      question: 'Di mana tempat parkir?',
      answer: 'Di halaman belakang.',
      keywords: ['parkir', 'parkiran'],
    });
    expect(await ask(f.officeId, 'ada parkiran motor ga?')).toMatchObject({
      intent: 'faq',
      reply: 'Di halaman belakang.',
      sources: [{ type: 'faq', id: faq.id }],
    });
    await faqs.update(h.admin, f.officeId, faq.id, { answer: 'Di basement, gratis.' });
    expect((await ask(f.officeId, 'parkir dimana?')).reply).toBe('Di basement, gratis.');
    await faqs.remove(h.admin, f.officeId, faq.id);
    expect((await ask(f.officeId, 'parkir dimana?')).intent).not.toBe('faq');
    // Another office's FAQ is not this office's answer.
    const other = await officeFixture(h);
    await faqs.create(h.admin, other.officeId, { question: 'Ada kantin?', answer: 'Ada, di lantai 2.', keywords: ['kantin', 'makan'] });
    expect((await ask(f.officeId, 'ada kantin?')).reply).not.toContain('lantai 2');
    expect((await ask(other.officeId, 'ada kantin?')).reply).toBe('Ada, di lantai 2.');
  });

  it('answers the live queue, and the requirements of the service named, with a link to book it', async () => {
    // About noon in its zone: the tickets issued and the board read are of the same day at any hour.
    const f = await officeFixture(h, { services: 2, timezone: middayZone() });
    const [a, b] = f.services;
    await h.offices.updateService(h.admin, f.officeId, a.id, { name: 'Kartu Keluarga', requirements: ['Surat pengantar RT/RW', 'Buku nikah'] });
    expect((await ask(f.officeId, 'antrian kk masih panjang ga')).reply).toContain('Antrean Kartu Keluarga sekarang: 0 orang menunggu');
    for (let i = 0; i < 2; i++) await h.tickets.issue(f.officeId, { serviceId: a.id }, 'kiosk');
    await h.tickets.issue(f.officeId, { serviceId: b.id }, 'kiosk');
    const queue = await ask(f.officeId, 'antrian kk masih panjang ga');
    expect(queue).toMatchObject({
      intent: 'queue',
      sources: [
        { type: 'queue', id: f.officeId },
        { type: 'service', id: a.id },
      ],
    });
    expect(queue.reply).toContain('Antrean Kartu Keluarga sekarang: 2 orang menunggu');
    expect((await ask(f.officeId, 'how long is the queue now?')).reply).toMatch(/^3 people are waiting now: /);
    await h.counters.open(f.officers[0], f.counters[0].id);
    await h.counters.callNext(f.officers[0], f.counters[0].id);
    const after = await ask(f.officeId, 'antrian kk masih panjang ga');
    expect(after.reply).toContain('Antrean Kartu Keluarga sekarang: 1 orang menunggu');
    expect(after.reply).toContain('Terakhir dipanggil: A-001 ke Loket 1.');

    const needs = await ask(f.officeId, 'syarat bikin kk apa aja');
    expect(needs).toMatchObject({
      intent: 'requirements',
      reply: 'Syarat Kartu Keluarga:\n1. Surat pengantar RT/RW\n2. Buku nikah',
      sources: [{ type: 'service', id: a.id }],
      links: [{ label: 'Booking Kartu Keluarga', url: `/book?office=${f.officeId}&service=${a.id}` }],
    });
  });

  it('gives the ticket of the token in context — its position — and nothing of any other ticket', async () => {
    const f = await officeFixture(h, { timezone: middayZone() });
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk'));
    const mine = tickets[1];
    const answer = await ask(f.officeId, 'kapan giliran saya? nomor A-003 udah dipanggil?', { context: { trackingToken: mine.trackingToken } });
    expect(answer.intent).toBe('ticket_status');
    // No counter is open yet: no minutes are promised.
    expect(answer.reply).toBe('Tiket A-002 (Service A): menunggu, urutan ke-2; belum ada loket yang buka.');
    expect(answer.sources).toEqual([{ type: 'ticket', id: mine.id }]);
    for (const other of [tickets[0], tickets[2]]) expect(JSON.stringify(answer)).not.toContain(other.number);

    // Without the token, or with a token of another office's ticket, no ticket at all.
    const stranger = await officeFixture(h);
    const theirs = await h.tickets.issue(stranger.officeId, { serviceId: stranger.services[0].id }, 'kiosk');
    for (const context of [undefined, { trackingToken: 'not-a-token' }, { trackingToken: theirs.trackingToken }]) {
      const blind = await ask(f.officeId, 'kapan giliran saya?', { context });
      expect(blind).toMatchObject({ intent: 'ticket_status', sources: [] });
      expect(blind.reply).not.toMatch(/A-00\d/);
    }
  });

  it('gives the booking of the token in context, its day, time and status, and never a citizen’s data without it', async () => {
    const f = await officeFixture(h);
    const slot = (await h.booking.availability(f.officeId, f.services[0].id, today(f.timezone, 1), today(f.timezone, 3))).days[0].slots[4];
    const citizen = { name: 'Siti Aminah', nik: '3201015505900002', phone: '+6281234567890', email: 'siti@example.org' };
    const booked = (await h.booking.book({ officeId: f.officeId, serviceId: f.services[0].id, start: slot.start, citizen, locale: 'id' }, {})).body;
    const mine = await ask(f.officeId, 'status booking saya', { context: { manageToken: booked.manageToken } });
    expect(mine).toMatchObject({ intent: 'booking_status', sources: [{ type: 'appointment', id: booked.id }] });
    const start = DateTime.fromISO(booked.start, { zone: f.timezone });
    expect(mine.reply).toContain(`Booking ${booked.code} (Service A): ${start.setLocale('id-ID').toFormat('cccc, d LLLL yyyy')}, ${start.toFormat('HH:mm')}`);
    expect(mine.reply).toContain('status terjadwal');

    const questions = [
      'status booking saya',
      'booking Siti Aminah jam berapa',
      `cek booking ${booked.code}`,
      `booking NIK ${citizen.nik}`,
      'kapan giliran saya',
      'jam buka',
      'antrian',
    ];
    for (const message of questions) {
      const answer = JSON.stringify(await ask(f.officeId, message));
      for (const secret of [citizen.name, citizen.nik, citizen.nik.slice(-4) + '"', citizen.phone, citizen.email, booked.id, booked.manageToken!])
        expect(answer).not.toContain(secret);
      // The code the citizen typed is not confirmed either: the answer is the same as for any code.
      if (message.includes(booked.code))
        expect(answer.replaceAll(booked.code, '')).toBe(
          JSON.stringify(await ask(f.officeId, message.replace(booked.code, 'ZZZZ2222'))).replaceAll('ZZZZ2222', ''),
        );
    }
    // With the token, the citizen's own answer still holds no name, NIK or contact.
    for (const secret of [citizen.name, citizen.nik, citizen.phone, citizen.email]) expect(JSON.stringify(mine)).not.toContain(secret);
  });

  it('answers in the language of the message, else the page’s, and hands over with the office’s contact what it cannot answer', async () => {
    const f = await officeFixture(h);
    await h.offices.update(h.admin, f.officeId, { phone: '0274-555-0199', address: 'Jl. Uji No. 1', mapUrl: 'https://maps.example.org/uji' });
    const english = await ask(f.officeId, 'what time do you open?', { locale: 'id' });
    expect(english.locale).toBe('en');
    expect(english.reply).toMatch(/^Today/);
    expect((await ask(f.officeId, 'jam buka', { locale: 'en' })).locale).toBe('id');
    expect((await ask(f.officeId, 'ktp', { locale: 'en' })).locale).toBe('en');
    const lost = await ask(f.officeId, 'cuaca besok hujan ga di bali');
    expect(lost).toMatchObject({
      intent: 'handover',
      reply:
        'Maaf, saya belum bisa menjawab itu. Silakan hubungi Test office ' +
        (await h.offices.get(f.officeId)).code +
        ': telepon 0274-555-0199, alamat Jl. Uji No. 1.',
      sources: [{ type: 'office', id: f.officeId }],
      links: [
        { label: 'Telepon kantor', url: 'tel:02745550199' },
        { label: 'Peta lokasi', url: 'https://maps.example.org/uji' },
      ],
    });
    await expect(ask('00000000-0000-4000-8000-000000000000', 'halo')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

function today(timezone: string, plusDays = 0): string {
  return DateTime.now().setZone(timezone).plus({ days: plusDays }).toISODate()!;
}
