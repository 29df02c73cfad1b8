import { DomainError, type PiiCipher, businessDateOf, checkNik, newBookingCode } from '@giliran/core';
import { Appointment, type Office, type ServiceEntity } from '@giliran/database';
import { randomBytes, randomUUID } from 'node:crypto';
import { manageTokenHash } from './booking.repository';

/** The citizen of a booking, sealed (PII_KEY) and found by the NIK's keyed hash. */
export interface SealedCitizen {
  nikHash: string;
  nikSealed: string | null;
  nameSealed: string | null;
  phoneSealed: string | null;
  emailSealed: string | null;
}

/** A citizen's NIK as the rules have it (region, birth date, serial), or 400 INVALID_NIK. */
export function assertValidNik(nik: string, now: Date): void {
  const checked = checkNik(nik, now);
  if (!checked.ok) throw new DomainError('INVALID_NIK', 400, `the NIK is not valid (${checked.problem.toLowerCase().replace('_', ' ')})`);
}

export function sealCitizen(pii: PiiCipher, citizen: { name: string; nik: string; phone?: string; email?: string }): SealedCitizen {
  return {
    nikHash: pii.hash(citizen.nik),
    nikSealed: pii.encrypt(citizen.nik),
    nameSealed: pii.encrypt(citizen.name.trim()),
    phoneSealed: citizen.phone ? pii.encrypt(citizen.phone) : null,
    emailSealed: citizen.email ? pii.encrypt(citizen.email) : null,
  };
}

/**
 * A new booked appointment of a slot, and the citizen's key to it (given once; kept hashed, and
 * sealed for their reminders). The one place a booking is built: online, by staff, from a waitlist.
 */
export function newAppointment(
  pii: PiiCipher,
  o: {
    office: Office;
    service: ServiceEntity;
    slot: { start: Date; end: Date };
    citizen: SealedCitizen;
    locale: 'id' | 'en';
    channel: 'online' | 'staff';
    now: Date;
  },
): { appointment: Appointment; manageToken: string } {
  const manageToken = randomBytes(16).toString('base64url');
  const appointment = Object.assign(new Appointment(), {
    id: randomUUID(),
    officeId: o.office.id,
    serviceId: o.service.id,
    slotStart: o.slot.start,
    slotEnd: o.slot.end,
    businessDate: businessDateOf(o.slot.start, o.office.timezone),
    code: newBookingCode(),
    manageTokenHash: manageTokenHash(manageToken),
    manageTokenSealed: pii.encrypt(manageToken),
    status: 'booked' as const,
    ...o.citizen,
    activeNikKey: o.citizen.nikHash,
    locale: o.locale,
    channel: o.channel,
    createdAt: o.now,
    updatedAt: o.now,
    ticketId: null,
    purgedAt: null,
  });
  return { appointment, manageToken };
}
