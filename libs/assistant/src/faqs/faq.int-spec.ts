import { AuditEvent } from '@giliran/database';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { FaqService } from './faq.service';

// API.md v1.1 "Citizen assistant": an office's FAQs, on MariaDB and SQLite (TEST_DB).
describe('office FAQs', () => {
  let h: IntHarness;
  let faqs: FaqService;
  beforeAll(async () => {
    h = await createIntHarness('faqs');
    faqs = h.app.get(FaqService);
  });
  afterAll(() => h.close());

  it('are written by the office’s staff, read by anyone in the order written, changed and removed, each change in the audit trail', async () => {
    const f = await officeFixture(h);
    const first = await faqs.create(h.admin, f.officeId, {
      question: 'Apakah ada parkir?',
      answer: 'Ada, di belakang gedung.',
      keywords: ['parkir', ' motor ', 'parkir'],
    });
    expect(first).toMatchObject({ officeId: f.officeId, locale: 'id', keywords: ['parkir', 'motor'] });
    const second = await faqs.create(h.admin, f.officeId, { question: 'Can I pay by card?', answer: 'Yes, at counter 1.', locale: 'en' });
    expect((await faqs.list(f.officeId)).map((q) => q.id)).toEqual([first.id, second.id]);

    const changed = await faqs.update(h.admin, f.officeId, first.id, { answer: 'Ada, gratis, di belakang gedung.' });
    expect(changed).toMatchObject({ question: 'Apakah ada parkir?', answer: 'Ada, gratis, di belakang gedung.', keywords: ['parkir', 'motor'] });
    await faqs.remove(h.admin, f.officeId, second.id);
    expect((await faqs.list(f.officeId)).map((q) => q.answer)).toEqual(['Ada, gratis, di belakang gedung.']);
    await expect(faqs.remove(h.admin, f.officeId, second.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const trail = await h.dataSource.getRepository(AuditEvent).findBy({ officeId: f.officeId });
    expect(
      trail
        .map((e) => e.type)
        .filter((t) => t.startsWith('faq.'))
        .sort(),
    ).toEqual(['faq.created', 'faq.created', 'faq.deleted', 'faq.updated']);
  });

  it('belong to their office: another office’s supervisor neither writes nor changes them, and an unknown office has none', async () => {
    const f = await officeFixture(h);
    const other = await officeFixture(h);
    const supervisor = { id: 'x', username: 'x', role: 'supervisor' as const, officeId: other.officeId };
    await expect(faqs.create(supervisor, f.officeId, { question: 'Apa?', answer: 'Itu.' })).rejects.toMatchObject({ status: 403 });
    const mine = await faqs.create(h.admin, f.officeId, { question: 'Jam buka?', answer: 'Senin–Jumat.' });
    await expect(faqs.update(supervisor, f.officeId, mine.id, { answer: 'Tutup.' })).rejects.toMatchObject({ status: 403 });
    // Through its own office, the FAQ of another is not found.
    const theirs = { ...supervisor, officeId: other.officeId };
    await expect(faqs.update(theirs, other.officeId, mine.id, { answer: 'Tutup.' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await faqs.list(f.officeId))[0]).toMatchObject({ answer: 'Senin–Jumat.' });
    await expect(faqs.list('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
