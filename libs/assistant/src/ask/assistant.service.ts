import { BookingRepository } from '@giliran/booking';
import type { AssistantAnswer, AssistantIntent } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import type { Ticket } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { BoardService, TicketRepository } from '@giliran/ticketing';
import { Injectable } from '@nestjs/common';
import { type Knowledge, OfficeKnowledge } from '../knowledge/office-knowledge';
import { type Locale, localeOf, wordsOf } from '../language/normalize';
import type { Reading } from '../language/phrasebook';
import { type BookingFacts, bookingFacts, bookingReply, faqReply, greetingReply, ticketReply } from '../replies/citizen-replies';
import { type Composed, bookReply, bookingUrl, handoverReply, hoursReply, queueReply, requirementsReply } from '../replies/office-replies';
import type { AskDto } from './ask.dto';

/** The citizen's own records, reached through the tokens the page holds. */
interface Own {
  ticket: Ticket | null;
  appointment: BookingFacts | null;
}

const MAX_SUGGESTIONS = 4;

/**
 * The citizen assistant (API.md v1.1 "Citizen assistant"): reads what a question asks with the
 * phrasebook (examples and the office's FAQs, searched with a stemmer and typo tolerance), then
 * composes the answer from the office's own data — its hours and holidays, its services'
 * requirements, the live board, the FAQ — and from the citizen's own ticket or booking only
 * through the token in `context`. Every answer names its sources; nothing leaves the server and no
 * model is involved: the same question about the same data gets the same answer.
 */
@Injectable()
export class AssistantService {
  constructor(
    private readonly knowledge: OfficeKnowledge,
    private readonly offices: OfficeRepository,
    private readonly board: BoardService,
    private readonly tickets: TicketRepository,
    private readonly bookings: BookingRepository,
  ) {}

  async answer(ask: AskDto, now = new Date()): Promise<AssistantAnswer> {
    const words = wordsOf(ask.message);
    const own = await this.own(ask.context);
    const officeId = ask.officeId ?? own.ticket?.officeId ?? own.appointment?.officeId ?? (await this.onlyOffice());
    const k = officeId ? await this.knowledge.of(officeId) : null;
    if (ask.officeId && !k) throw new DomainError('NOT_FOUND', 404, 'office not found');
    // A token counts only within the office asked about.
    const ticket = own.ticket?.officeId === officeId ? own.ticket : null;
    const appointment = own.appointment?.officeId === officeId ? own.appointment : null;
    const locale = localeOf(words, ask.locale ?? k?.office.defaultLocale ?? 'id');
    const reading = this.knowledge.phrasebook.read(words, locale, officeId ?? null, k?.serviceWords);
    const intent = publicIntent(reading, { ticket, appointment });
    const composed = k
      ? await this.compose(k, intent, reading, words, locale, { ticket, appointment }, now)
      : await this.withoutOffice(intent, reading, locale);
    return {
      ...composed,
      intent,
      suggestions: suggestions(k, intent, locale, { ticket, appointment }, composed),
      locale,
      basis: reading?.matched ?? null,
    };
  }

  private async compose(
    k: Knowledge,
    intent: AssistantIntent,
    reading: Reading | null,
    words: string[],
    locale: Locale,
    own: Own,
    now: Date,
  ): Promise<Composed> {
    const service = k.finder.find(words);
    switch (intent) {
      case 'greeting':
        return greetingReply(k, reading?.intent === 'thanks', locale);
      case 'hours':
        return hoursReply(k, words, locale, now);
      case 'requirements':
        return requirementsReply(k, service, locale);
      case 'queue':
        return queueReply(k, await this.board.officeBoard(k.office.id), service, locale);
      case 'book':
        return bookReply(k, service, locale);
      case 'ticket_status':
        return ticketReply(own.ticket && { id: own.ticket.id, view: await this.board.trackingOf(own.ticket) }, k.office.timezone, locale);
      case 'booking_status': {
        const booked = own.appointment && (await this.offices.findService(k.office.id, own.appointment.serviceId));
        return bookingReply(k, own.appointment, booked ?? null, locale);
      }
      case 'faq': {
        const faq = reading?.faqId ? k.faqs.get(reading.faqId) : undefined;
        return faq ? faqReply(faq) : handoverReply(k, locale);
      }
      case 'handover':
        return handoverReply(k, locale);
    }
  }

  /** No office named, and several to choose from: which one? */
  private async withoutOffice(intent: AssistantIntent, reading: Reading | null, locale: Locale): Promise<Composed> {
    if (intent === 'greeting') return greetingReply(null, reading?.intent === 'thanks', locale);
    const offices = (await this.offices.listOffices()).slice(0, 10);
    return {
      reply: locale === 'id' ? 'Untuk kantor yang mana? Pilih kantornya lalu tanya lagi.' : 'Which office do you mean? Choose it and ask again.',
      sources: [],
      links: offices.map((o) => ({ label: o.name, url: bookingUrl(o.id) })),
    };
  }

  private async own(context: AskDto['context']): Promise<Own> {
    const [ticket, appointment] = await Promise.all([
      context?.trackingToken ? this.tickets.findByToken(context.trackingToken) : null,
      context?.manageToken ? this.bookings.findByToken(context.manageToken) : null,
    ]);
    const service = appointment && (await this.offices.findService(appointment.officeId, appointment.serviceId));
    return { ticket, appointment: appointment && bookingFacts(appointment, service) };
  }

  private async onlyOffice(): Promise<string | undefined> {
    const offices = await this.offices.listOffices();
    return offices.length === 1 ? offices[0].id : undefined;
  }
}

/**
 * The intent answered: the reading's, with "thanks" answered as a greeting; a question about
 * "my status" goes to the record the page holds (a booking on the manage page, a ticket on the
 * tracking page); nothing near enough is handed over.
 */
function publicIntent(reading: Reading | null, own: Own): AssistantIntent {
  if (!reading) return 'handover';
  if (reading.intent === 'thanks') return 'greeting';
  if (reading.intent === 'ticket_status' && !own.ticket && own.appointment) return 'booking_status';
  if (reading.intent === 'booking_status' && !own.appointment && own.ticket) return 'ticket_status';
  return reading.intent;
}

const SUGGESTED: Record<Locale, Record<'hours' | 'requirements' | 'queue' | 'book' | 'ticket_status' | 'booking_status', (service: string) => string>> = {
  id: {
    ticket_status: () => 'Kapan giliran saya?',
    booking_status: () => 'Status booking saya?',
    hours: () => 'Jam berapa buka?',
    requirements: (s) => `Syarat ${s}?`,
    queue: () => 'Antrean sekarang berapa?',
    book: () => 'Bagaimana cara booking?',
  },
  en: {
    ticket_status: () => 'When is my turn?',
    booking_status: () => 'What is my booking status?',
    hours: () => 'What are the opening hours?',
    requirements: (s) => `What do I need for ${s}?`,
    queue: () => 'How long is the queue now?',
    book: () => 'How do I book?',
  },
};

/** Questions to tap next: the citizen's own record first, then what was not just answered. */
function suggestions(k: Knowledge | null, intent: AssistantIntent, locale: Locale, own: Own, composed: Composed): string[] {
  if (!k) return [];
  // Requirements asked without a service: one suggestion per service, to pick it.
  if (intent === 'requirements' && !composed.links.length) return k.services.slice(0, MAX_SUGGESTIONS).map((s) => SUGGESTED[locale].requirements(s.name));
  type Suggested = keyof (typeof SUGGESTED)['id'];
  const order: Suggested[] = [
    ...(own.ticket ? ['ticket_status' as const] : []),
    ...(own.appointment ? ['booking_status' as const] : []),
    'hours',
    'requirements',
    'queue',
    'book',
  ];
  const service = k.services[0]?.name ?? 'KTP';
  return order
    .filter((i) => i !== intent && (i !== 'requirements' || k.services.length))
    .slice(0, MAX_SUGGESTIONS)
    .map((i) => SUGGESTED[locale][i](service));
}
