import { DateTime } from 'luxon';
import { FaqService } from '@giliran/assistant';
import { EVALUATION_OFFICE } from '../../libs/assistant/src/evaluation/fixture';
import { ALWAYS_OPEN, type IntHarness } from './int-harness';

/** The evaluation office in a harness's database, with its queue, a ticket and a booking to ask about. */
export interface SeededOffice {
  officeId: string;
  services: Record<string, string>;
  /** KTP Elektronik's second ticket. */
  trackingToken: string;
  /** A booking of KTP Elektronik. */
  manageToken: string;
  bookingCode: string;
}

export async function seedEvaluationOffice(h: IntHarness, code: string, timezone = EVALUATION_OFFICE.timezone): Promise<SeededOffice> {
  const o = EVALUATION_OFFICE;
  const office = await h.offices.create(h.admin, { code, name: o.name, timezone });
  await h.offices.update(h.admin, office.id, { address: o.address, phone: o.phone, mapUrl: o.mapUrl });
  // Open now while its tickets are issued and its booking made, whatever the hour the suite runs;
  // then the week the questions are about.
  await h.offices.setHours(h.admin, office.id, { week: ALWAYS_OPEN });
  const services: Record<string, string> = {};
  for (const s of o.services) {
    const created = await h.offices.createService(h.admin, office.id, {
      code: s.code,
      prefix: s.prefix,
      name: s.name,
      slotMinutes: 15,
      slotCapacity: 4,
      bookingWindowDays: 14,
      requirements: s.requirements,
    });
    services[s.code] = created.id;
  }
  let trackingToken = '';
  for (const s of o.services)
    for (let i = 0; i < s.waiting; i++) {
      const ticket = await h.tickets.issue(office.id, { serviceId: services[s.code] }, 'kiosk');
      if (s.code === 'ktp' && i === 1) trackingToken = ticket.trackingToken;
    }
  const today = DateTime.now().setZone(timezone).toISODate()!;
  const later = DateTime.now().setZone(timezone).plus({ days: 6 }).toISODate()!;
  const days = await h.booking.availability(office.id, services.ktp, today, later);
  const slot = days.days.flatMap((d) => d.slots).find((s) => s.remaining > 0 && Date.parse(s.start) > Date.now() + 3_600_000)!;
  const booked = await h.booking.book(
    { officeId: office.id, serviceId: services.ktp, start: slot.start, citizen: { name: 'Warga Uji', nik: '3201011505900001' }, locale: 'id' },
    {},
  );
  await h.offices.setHours(h.admin, office.id, { week: o.week });
  for (const holiday of o.holidays) await h.offices.addHoliday(h.admin, office.id, holiday);
  const faqs = h.app.get(FaqService);
  for (const f of o.faqs) await faqs.create(h.admin, office.id, f);
  return { officeId: office.id, services, trackingToken, manageToken: booked.body.manageToken!, bookingCode: booked.body.code };
}
