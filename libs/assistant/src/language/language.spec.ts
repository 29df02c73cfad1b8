import type { Faq, ServiceEntity } from '@giliran/database';
import { ServiceFinder, serviceWords } from '../knowledge/service-finder';
import { localeOf, wordsOf } from './normalize';
import { Phrasebook } from './phrasebook';
import { dayAskedAbout } from './when';

const faq = (id: string, question: string, keywords: string[], updatedAt = 0) =>
  ({ id, question, answer: `${question}: answer`, keywords: JSON.stringify(keywords), updatedAt: new Date(updatedAt) }) as unknown as Faq;
const service = (id: string, name: string, code: string) => ({ id, name, code }) as unknown as ServiceEntity;

describe('how the assistant reads a message', () => {
  const book = new Phrasebook();

  it('writes chat Indonesian out: abbreviations, fillers, stretched letters, reduplication, e-KTP', () => {
    expect(wordsOf('Jam brp bukaaa kak??')).toEqual(['jam', 'berapa', 'buka']);
    expect(wordsOf('syarat2 bikin e-KTP apa aja dong')).toEqual(['syarat', 'membuat', 'ktp', 'apa', 'saja']);
    expect(wordsOf('Antrian KK masih panjang ga?')).toEqual(['antrian', 'kk', 'masih', 'panjang', 'tidak']);
    expect(wordsOf('Parkir di mana?')).toEqual(['parkir', 'dimana']);
  });

  it('tells Indonesian from English by their words, and keeps the page’s language on a tie', () => {
    expect(localeOf(wordsOf('what time do you open?'), 'id')).toBe('en');
    expect(localeOf(wordsOf('jam berapa buka?'), 'en')).toBe('id');
    expect(localeOf(wordsOf('KTP'), 'en')).toBe('en');
    expect(localeOf(wordsOf('KTP'), 'id')).toBe('id');
  });

  it('reads the intent through typos and stems, matching whole words only', () => {
    expect(book.read(wordsOf('jm brp bka'), 'id', null)?.intent).toBe('hours');
    expect(book.read(wordsOf('persyaratannya apa saja'), 'id', null)?.intent).toBe('requirements');
    expect(book.read(wordsOf('syrat ktp'), 'id', null)?.intent).toBe('requirements');
    // A known word is never read as its neighbour: "hari" is not "hai".
    expect(book.read(wordsOf('hari apa aja buka'), 'id', null)?.intent).toBe('hours');
    // "a" does not find "appointment".
    expect(book.read(wordsOf('i want to file a complaint'), 'en', null)?.intent).toBe('handover');
  });

  it('hands over a question mostly in words nothing it knows holds', () => {
    expect(book.read(wordsOf('cuaca besok hujan ga'), 'id', null)).toBeNull();
    expect(book.read(wordsOf('can you recommend a restaurant'), 'en', null)).toBeNull();
    expect(book.read([], 'id', null)).toBeNull();
  });

  it('reads an office’s FAQs for that office only, and follows their changes', () => {
    book.setFaqs('office-1', [faq('f1', 'Di mana tempat parkir?', ['parkir', 'parking'])]);
    expect(book.read(wordsOf('ada parkiran ga?'), 'id', 'office-1')).toMatchObject({ intent: 'faq', faqId: 'f1', matched: 'Di mana tempat parkir?' });
    expect(book.read(wordsOf('is there parking'), 'en', 'office-1')).toMatchObject({ intent: 'faq', faqId: 'f1' });
    expect(book.read(wordsOf('ada parkiran ga?'), 'id', 'office-2')?.intent).not.toBe('faq');
    book.setFaqs('office-1', [faq('f2', 'Ada kantin?', ['kantin', 'makan'], 1)]);
    expect(book.read(wordsOf('ada parkiran ga?'), 'id', 'office-1')?.intent).not.toBe('faq');
    expect(book.read(wordsOf('kantinnya dimana'), 'id', 'office-1')).toMatchObject({ intent: 'faq', faqId: 'f2' });
  });

  it('leaves the service named out of what the question asks: "antrian kartu keluarga" asks the queue', () => {
    const kk = service('s1', 'Kartu Keluarga', 'kk');
    expect(book.read(wordsOf('antrian kartu keluarga berapa'), 'id', null, new Set(serviceWords(kk)))?.intent).toBe('queue');
  });
});

describe('which service a question is about', () => {
  const services = [
    service('ktp', 'KTP Elektronik', 'ktp'),
    service('kk', 'Kartu Keluarga', 'kk'),
    service('akta', 'Akta Kelahiran', 'akta-lahir'),
    service('x', 'Layanan Umum', 'svc-A'),
  ];
  const finder = new ServiceFinder(services);
  const find = (q: string) => finder.find(wordsOf(q))?.id ?? null;

  it('by name, shortening, English name or a typo in a long word', () => {
    expect(find('syarat bikin ktp')).toBe('ktp');
    expect(find('antrian kk')).toBe('kk');
    expect(find('kartu keluarga')).toBe('kk');
    expect(find('syarat akte lahir')).toBe('akta');
    expect(find('family card requirements')).toBe('kk');
    expect(find('birth certificate')).toBe('akta');
    expect(find('akta kelahran')).toBe('akta');
  });

  it('not by the words every question has, nor by a code’s single letter', () => {
    expect(find('syarat apa saja')).toBeNull();
    expect(find('i need a layanan')).toBeNull();
  });
});

describe('the day a question asks about', () => {
  const monday = new Date('2026-12-07T03:00:00.000Z'); // 10:00 in Jakarta
  const day = (q: string) => dayAskedAbout(wordsOf(q), monday, 'Asia/Jakarta');
  it('today, tomorrow, a weekday, a date, Christmas; "minggu depan" is a week, not a Sunday', () => {
    expect(day('hari ini buka?')).toBe('2026-12-07');
    expect(day('bsk buka ga')).toBe('2026-12-08');
    expect(day('lusa')).toBe('2026-12-09');
    expect(day('sabtu buka?')).toBe('2026-12-12');
    expect(day('senin buka?')).toBe('2026-12-07');
    expect(day('minggu buka?')).toBe('2026-12-13');
    expect(day('minggu depan buka?')).toBeNull();
    expect(day('tgl 25 buka?')).toBe('2026-12-25');
    expect(day('tanggal 3 buka?')).toBe('2027-01-03');
    expect(day('1 januari buka?')).toBe('2027-01-01');
    expect(day('are you open on dec 31')).toBe('2026-12-31');
    expect(day('natal buka?')).toBe('2026-12-25');
    expect(day('jam buka')).toBeNull();
  });
});
