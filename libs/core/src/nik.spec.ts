import { checkNik, maskNik } from './nik';

const today = new Date('2026-11-28T00:00:00Z');

describe('NIK validation', () => {
  it.each([
    ['3201011505900001', 'M', '1990-05-15'], // Bogor, man born 15 May 1990
    ['3201015505900001', 'F', '1990-05-15'], // woman: day + 40
    ['3171022902000123', 'M', '2000-02-29'], // Jakarta, leap day 2000
    ['9471016812250002', 'F', '2025-12-28'], // Papua, a baby girl
    ['1101010101010001', 'M', '2001-01-01'],
  ])('accepts %s', (nik, sex, birthDate) => {
    expect(checkNik(nik, today)).toEqual({ ok: true, facts: expect.objectContaining({ sex, birthDate }) });
  });

  it.each([
    ['320101150590000', 'FORMAT'], // 15 digits
    ['32010115059000011', 'FORMAT'],
    ['32010115059O0001', 'FORMAT'], // a letter O
    ['9901011505900001', 'REGION'], // no province 99
    ['3200011505900001', 'REGION'], // regency 00
    ['3201001505900001', 'REGION'], // district 00
    ['3201013202900001', 'BIRTH_DATE'], // 32 February
    ['3201012902010001', 'BIRTH_DATE'], // 29 Feb 2001
    ['3201017202010001', 'BIRTH_DATE'], // woman, 32 Feb
    ['3201010013900001', 'BIRTH_DATE'], // month 13, day 0
    ['3201011512260001', 'BIRTH_DATE'], // 15 Dec 2026: in the future
    ['3201011505900000', 'SERIAL'],
  ])('refuses %s (%s)', (nik, problem) => {
    expect(checkNik(nik, today)).toEqual({ ok: false, problem });
  });

  it('masks for staff screens', () => {
    expect(maskNik('3201011505900001')).toBe('3201********0001');
  });
});
