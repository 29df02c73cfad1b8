import { formatTicketNumber, parseTicketNumber } from './numbering';

describe('ticket numbers', () => {
  it('pads to three digits and widens past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A-001');
    expect(formatTicketNumber('KTP', 42)).toBe('KTP-042');
    expect(formatTicketNumber('B', 999)).toBe('B-999');
    expect(formatTicketNumber('B', 1000)).toBe('B-1000');
  });

  it('refuses sequences that are not positive integers', () => {
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    expect(parseTicketNumber('KTP-042')).toEqual({ prefix: 'KTP', sequence: 42 });
    expect(parseTicketNumber('a-1')).toBeNull();
  });
});
