import { BookingRepository } from '@giliran/booking';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { AssistantAnswer } from '@giliran/contracts';
import { DomainError, PiiCipher, checkInWindow, isBookingCode, normaliseBookingCode } from '@giliran/core';
import { RateCounter } from '@giliran/infra';
import { OfficeRepository } from '@giliran/offices';
import { Inject, Injectable } from '@nestjs/common';
import { AssistantService } from '../ask/assistant.service';
import { type Locale, localeOf, wordsOf } from '../language/normalize';
import { appointmentLine } from '../replies/citizen-replies';
import type { InboundMessageDto } from './inbound.dto';

/** Booking look-ups by code and NIK digits: per sender and per code, in a window. */
export const STATUS_LIMITS = { perSender: 10, perCode: 10, windowMs: 15 * 60_000 } as const;

/**
 * "status K7M2QX9P 0001": a booking look-up, the code and the last four digits of the NIK in either
 * order; `incomplete` for a code with letters and digits but no digits of the NIK (the format is
 * told); null for anything else, which the assistant answers ("status antrian sekarang": SEKARANG
 * is eight letters of the code alphabet, not a code without the NIK's digits beside it).
 */
export function statusRequest(text: string): { code: string; lastFour: string } | 'incomplete' | null {
  const tokens = text.split(/[\s,.;:]+/).filter(Boolean);
  if (!tokens.some((t) => /^(status|cek|check)$/i.test(t))) return null;
  const codes = tokens.map(normaliseBookingCode).filter(isBookingCode);
  const mixed = codes.find((c) => /\d/.test(c) && /[A-Z]/.test(c));
  const lastFour = tokens.find((t) => /^\d{4}$/.test(t));
  const code = mixed ?? codes[0];
  if (code && lastFour) return { code, lastFour };
  return mixed ? 'incomplete' : null;
}

/**
 * What citizens write to the office through a messaging gateway (WhatsApp, SMS), answered with the
 * assistant's reply as plain text. A booking is looked up only with its code and the last four
 * digits of its NIK, and answers only its day, time and status; a wrong pair gets the same answer
 * as an unknown code, and look-ups are limited per sender and per code.
 */
@Injectable()
export class InboundChannel {
  private readonly pii: PiiCipher;

  constructor(
    private readonly assistant: AssistantService,
    private readonly offices: OfficeRepository,
    private readonly bookings: BookingRepository,
    private readonly counter: RateCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  async reply(message: InboundMessageDto, now = new Date()): Promise<{ reply: string }> {
    const office = await this.offices.findOffice(message.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    // As much as the chat panel takes (POST /assistant's message is at most 500 characters).
    const text = message.text.slice(0, 500);
    const request = statusRequest(text);
    const locale = localeOf(wordsOf(text), office.defaultLocale);
    if (request) return { reply: await this.status(message, request, locale) };
    return { reply: this.asText(await this.assistant.answer({ message: text, officeId: office.id }, now)) };
  }

  private async status(message: InboundMessageDto, request: { code: string; lastFour: string } | 'incomplete', locale: Locale): Promise<string> {
    const id = locale === 'id';
    if (request === 'incomplete')
      return id
        ? 'Untuk cek booking, kirim: status <kode booking> <4 digit terakhir NIK>, misalnya "status K7M2QX9P 0001".'
        : 'To check a booking, send: status <booking code> <last 4 digits of the NIK>, for example "status K7M2QX9P 0001".';
    const [sender, code] = await Promise.all([
      this.counter.hit(`inbound-status:sender:${this.pii.hash(`inbound:${message.officeId}:${message.from}`)}`, STATUS_LIMITS.windowMs),
      this.counter.hit(`inbound-status:code:${this.pii.hash(`inbound-code:${request.code}`)}`, STATUS_LIMITS.windowMs),
    ]);
    if (sender.count > STATUS_LIMITS.perSender || code.count > STATUS_LIMITS.perCode)
      return id ? 'Terlalu banyak percobaan cek booking. Coba lagi 15 menit lagi.' : 'Too many booking checks. Try again in 15 minutes.';
    const a = await this.bookings.findByCode(message.officeId, request.code);
    const matches = a?.nikSealed && this.pii.decrypt(a.nikSealed).slice(-4) === request.lastFour;
    if (!a || !matches)
      return id
        ? 'Booking dengan kode dan 4 digit NIK itu tidak ditemukan. Periksa lagi kode booking dan 4 digit terakhir NIK Anda.'
        : 'No booking was found with that code and those NIK digits. Check the booking code and the last 4 digits of your NIK.';
    const office = (await this.offices.findOffice(a.officeId))!;
    const service = await this.offices.findService(a.officeId, a.serviceId);
    const window = checkInWindow(a.slotStart, service?.checkInEarlyMinutes ?? 30, service?.checkInLateMinutes ?? 15);
    return appointmentLine(
      {
        code: a.code,
        start: a.slotStart.toISOString(),
        end: a.slotEnd.toISOString(),
        status: a.status,
        checkIn: { opens: window.opens.toISOString(), closes: window.closes.toISOString() },
      },
      service?.name ?? '',
      office.timezone,
      locale,
    );
  }

  /** A chat answer for a text channel: its links written out (absolute with PUBLIC_URL). */
  private asText(answer: AssistantAnswer): string {
    const base = this.config.publicUrl ?? '';
    const links = answer.links.map((l) => `${l.label}: ${l.url.startsWith('/') ? base + l.url : l.url}`);
    return [answer.reply, ...links].join('\n');
  }
}
