import { renderMessage } from './messages';

describe('renderMessage: turn_near', () => {
  const facts = { officeName: 'Disdukcapil Bandung', serviceName: 'KTP', ticketNumber: 'A-007', position: 3 } as const;

  it('says the place in line in both languages, the same number', () => {
    expect(renderMessage('turn_near', { ...facts, locale: 'id' }).text).toContain('(posisi 3)');
    const en = renderMessage('turn_near', { ...facts, locale: 'en' });
    expect(en.text).toContain('number 3 in line');
    // Not "3 ahead of you": at place 3 two people are ahead.
    expect(en.text).not.toContain('ahead');
    expect(en.subject).toBe('Your turn is near: A-007');
  });
});
