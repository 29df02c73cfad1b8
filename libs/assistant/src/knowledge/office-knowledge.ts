import type { DayHours } from '@giliran/core';
import type { Faq, Office, ServiceEntity } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { FaqService } from '../faqs/faq.service';
import { Phrasebook } from '../language/phrasebook';
import { ServiceFinder, serviceWords } from './service-finder';

/** What the assistant answers an office's questions from. */
export interface Knowledge {
  office: Office;
  /** The services citizens can use now, in the office's list order. */
  services: readonly ServiceEntity[];
  week: readonly DayHours[];
  /** Every holiday of the office: date → name. */
  holidays: ReadonlyMap<string, string>;
  faqs: ReadonlyMap<string, Faq>;
  /** The FAQ rows as read, in order: what the phrasebook holds for the office. */
  faqRows: readonly Faq[];
  finder: ServiceFinder;
  /** The words of the services' names: what a question is about, not what it asks. */
  serviceWords: ReadonlySet<string>;
}

/**
 * An office's knowledge, built once per version of its set-up (OfficeRepository.setupVersion: a
 * new one after any change to hours, holidays, services or FAQs, on any replica, and at least
 * every 30 s). A question then costs no database read for what the office is.
 */
@Injectable()
export class OfficeKnowledge {
  readonly phrasebook = new Phrasebook();
  private readonly built = new WeakMap<object, Promise<Knowledge>>();

  constructor(
    private readonly offices: OfficeRepository,
    private readonly faqs: FaqService,
  ) {}

  async of(officeId: string): Promise<Knowledge | null> {
    const version = await this.offices.setupVersion(officeId);
    if (!version) return null;
    let knowledge = this.built.get(version);
    if (!knowledge) {
      knowledge = this.build(officeId);
      this.built.set(version, knowledge);
      knowledge.catch(() => this.built.delete(version));
    }
    // The phrasebook holds the FAQs of the knowledge answering now: a build of an older version
    // finishing after a newer one must not leave its FAQs there (a no-op when they are the same).
    const k = await knowledge;
    this.phrasebook.setFaqs(officeId, k.faqRows);
    return k;
  }

  private async build(officeId: string): Promise<Knowledge> {
    const [office, services, hours, holidays, faqs] = await Promise.all([
      this.offices.findOffice(officeId),
      this.offices.services(officeId),
      this.offices.hours(officeId),
      this.offices.holidays(officeId),
      this.faqs.rows(officeId),
    ]);
    const active = services.filter((s) => s.active);
    return {
      office: office!,
      services: active,
      week: hours.map((h) => ({ weekday: h.weekday, open: h.open, close: h.close, breaks: h.breaks })),
      holidays: new Map(holidays.map((h) => [h.date, h.name])),
      faqs: new Map(faqs.map((f) => [f.id, f])),
      faqRows: faqs,
      finder: new ServiceFinder(active),
      serviceWords: new Set(active.flatMap(serviceWords)),
    };
  }
}
