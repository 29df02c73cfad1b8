import { DateTime } from 'luxon';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { InboundChannel, STATUS_LIMITS } from './inbound-channel';

// API.md v1.1 "Citizen assistant": what a messaging gateway forwards, answered as text. The HTTP
// side (signature, 401/200) is in test/contract/assistant.contract-spec.ts.
describe('the messaging channel', () => {
  let h: IntHarness;
  let inbound: InboundChannel;
  beforeAll(async () => {
    h = await createIntHarness('inbound', { env: { PUBLIC_URL: 'https://antre.example.go.id' } });
    inbound = h.app.get(InboundChannel);
  });
  afterAll(() => h.close());

  async function booking(nik: string) {
    const f = await officeFixture(h);
    const from = DateTime.now().setZone(f.timezone).plus({ days: 1 }).toISODate()!;
    const slot = (await h.booking.availability(f.officeId, f.services[0].id, from, from)).days[0].slots[10];
    const booked = await h.booking.book({ officeId: f.officeId, serviceId: f.services[0].id, start: slot.start, citizen: { name: 'Budi Santoso', nik } }, {});
    return { f, a: booked.body };
  }

  it('"status <code> <last four NIK digits>" answers that booking’s day, time and status, and nothing else of it', async () => {
    const { f, a } = await booking('3201011505900417');
    const start = DateTime.fromISO(a.start, { zone: f.timezone });
    const { reply } = await inbound.reply({ officeId: f.officeId, from: '+6281100000001', text: `Status ${a.code.toLowerCase()} 0417` });
    expect(reply).toBe(
      `Booking ${a.code} (Service A): ${start.setLocale('id-ID').toFormat('cccc, d LLLL yyyy')}, ${start.toFormat('HH:mm')}–${start.plus({ minutes: 15 }).toFormat('HH:mm')}, status terjadwal. ` +
        `Check-in di kiosk dengan kode ini pukul ${start.minus({ minutes: 30 }).toFormat('HH:mm')}–${start.plus({ minutes: 15 }).toFormat('HH:mm')}.`,
    );
    expect(reply).not.toContain('Budi');

    await h.booking.cancel(a.manageToken!);
    expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000001', text: `status 0417 ${a.code}` })).reply).toContain('status dibatalkan.');
  });

  it('answers a wrong pair as an unknown code, asks for what is missing, and stops a sender (or a code) after 10 look-ups in 15 minutes', async () => {
    const { f, a } = await booking('3201011505900418');
    const notFound = (await inbound.reply({ officeId: f.officeId, from: '+6281100000002', text: 'status ZZZZ2222 0418' })).reply;
    expect(notFound).toMatch(/^Booking dengan kode dan 4 digit NIK itu tidak ditemukan/);
    expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000002', text: `status ${a.code} 9999` })).reply).toBe(notFound);
    // Another office's code is not found through this office.
    const other = await officeFixture(h);
    expect((await inbound.reply({ officeId: other.officeId, from: '+6281100000002', text: `status ${a.code} 0418` })).reply).toBe(notFound);
    expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000002', text: 'status K7M2QX9P' })).reply).toMatch(
      /^Untuk cek booking, kirim: status <kode booking> <4 digit terakhir NIK>/,
    );

    const guesser = '+6281100000003';
    for (let i = 0; i < STATUS_LIMITS.perSender; i++)
      await inbound.reply({ officeId: f.officeId, from: guesser, text: `status ${a.code} ${String(1000 + i)}` });
    expect((await inbound.reply({ officeId: f.officeId, from: guesser, text: `status ${a.code} 0418` })).reply).toMatch(/^Terlalu banyak percobaan/);
    // The code itself is now spent too, from any sender: guessing its digits from many phones fails the same way.
    expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000004', text: `status ${a.code} 0418` })).reply).toMatch(/^Terlalu banyak percobaan/);
  });

  it('answers anything else with the assistant’s answer as text, its links written out in full', async () => {
    const f = await officeFixture(h);
    // "status" or "cek" with words of eight code letters or a year is a question, not a look-up.
    for (const text of ['status antrian sekarang', 'cek libur 2026', 'cek yang menunggu'])
      expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000005', text })).reply).not.toMatch(/Untuk cek booking|tidak ditemukan/);
    expect((await inbound.reply({ officeId: f.officeId, from: '+6281100000005', text: 'status antrian sekarang' })).reply).toMatch(
      /^Sekarang 0 orang menunggu/,
    );
    await h.offices.updateService(h.admin, f.officeId, f.services[0].id, { name: 'KTP Elektronik', requirements: ['Fotokopi KK'] });
    const { reply } = await inbound.reply({ officeId: f.officeId, from: '+6281100000005', text: 'syarat bikin ktp apa aja' });
    expect(reply).toBe(
      `Syarat KTP Elektronik:\n1. Fotokopi KK\nBooking KTP Elektronik: https://antre.example.go.id/book?office=${f.officeId}&service=${f.services[0].id}`,
    );
    await expect(inbound.reply({ officeId: '00000000-0000-4000-8000-000000000000', from: 'x', text: 'halo' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
