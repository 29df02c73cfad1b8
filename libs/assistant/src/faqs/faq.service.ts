import { AuditTrail } from '@giliran/audit';
import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { FaqView } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { Faq } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CreateFaqDto, UpdateFaqDto } from './faq.dto';

/** An office holds at most this many: the assistant searches them all on every question. */
export const MAX_FAQS = 300;

const view = (f: Faq): FaqView => ({
  id: f.id,
  officeId: f.officeId,
  question: f.question,
  answer: f.answer,
  keywords: JSON.parse(f.keywords) as string[],
  locale: f.locale,
});
const clean = (words: string[] | undefined) => [...new Set((words ?? []).map((w) => w.trim()).filter(Boolean))];

/**
 * The offices' FAQs (API.md v1.1 "Citizen assistant"): public to read, written by the office's
 * supervisors. A change drops the office's set-up on every replica, so the assistant answers
 * from the new FAQs at once.
 */
@Injectable()
export class FaqService {
  constructor(
    private readonly ds: DataSource,
    private readonly offices: OfficeRepository,
    private readonly trail: AuditTrail,
  ) {}

  /** In the order they were written. */
  async list(officeId: string): Promise<FaqView[]> {
    await this.office(officeId);
    return (await this.rows(officeId)).map(view);
  }

  rows(officeId: string): Promise<Faq[]> {
    return this.ds.getRepository(Faq).find({ where: { officeId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(user: StaffPrincipal, officeId: string, dto: CreateFaqDto, now = new Date()): Promise<FaqView> {
    assertOfficeAccess(user, officeId);
    await this.office(officeId);
    if ((await this.ds.getRepository(Faq).countBy({ officeId })) >= MAX_FAQS)
      throw new DomainError('VALIDATION_FAILED', 400, `an office keeps at most ${MAX_FAQS} FAQs`);
    const faq = Object.assign(new Faq(), {
      id: randomUUID(),
      officeId,
      question: dto.question.trim(),
      answer: dto.answer.trim(),
      keywords: JSON.stringify(clean(dto.keywords)),
      locale: dto.locale ?? 'id',
      createdAt: now,
      updatedAt: now,
    });
    await this.ds.getRepository(Faq).insert(faq);
    await this.offices.invalidate(officeId);
    await this.audit(user, officeId, 'faq.created', faq.id, null, view(faq));
    return view(faq);
  }

  async update(user: StaffPrincipal, officeId: string, faqId: string, dto: UpdateFaqDto, now = new Date()): Promise<FaqView> {
    const faq = await this.find(user, officeId, faqId);
    const before = view(faq);
    if (dto.question !== undefined) faq.question = dto.question.trim();
    if (dto.answer !== undefined) faq.answer = dto.answer.trim();
    if (dto.keywords !== undefined) faq.keywords = JSON.stringify(clean(dto.keywords));
    if (dto.locale !== undefined) faq.locale = dto.locale;
    faq.updatedAt = now;
    await this.ds.getRepository(Faq).save(faq);
    await this.offices.invalidate(officeId);
    await this.audit(user, officeId, 'faq.updated', faq.id, before, view(faq));
    return view(faq);
  }

  async remove(user: StaffPrincipal, officeId: string, faqId: string): Promise<void> {
    const faq = await this.find(user, officeId, faqId);
    await this.ds.getRepository(Faq).delete({ id: faq.id });
    await this.offices.invalidate(officeId);
    await this.audit(user, officeId, 'faq.deleted', faq.id, view(faq), null);
  }

  private async find(user: StaffPrincipal, officeId: string, faqId: string): Promise<Faq> {
    assertOfficeAccess(user, officeId);
    const faq = await this.ds.getRepository(Faq).findOneBy({ id: faqId, officeId });
    if (!faq) throw new DomainError('NOT_FOUND', 404, 'FAQ not found');
    return faq;
  }

  private async office(officeId: string): Promise<void> {
    if (!(await this.offices.findOffice(officeId))) throw new DomainError('NOT_FOUND', 404, 'office not found');
  }

  private audit(user: StaffPrincipal, officeId: string, type: string, id: string, before: FaqView | null, after: FaqView | null): Promise<void> {
    return this.trail.record({
      officeId,
      type,
      actor: `staff:${user.id}`,
      subject: `faq:${id}`,
      before: before && { ...before },
      after: after && { ...after },
    });
  }
}
