import { gradeOf, ikmOf, ikmOfAnswers, surveyClosesAt } from './ikm';
import { nextOpenDate } from './opening-hours';

describe('IKM (PermenPANRB 14/2017)', () => {
  it('is 25 × the mean of the nine element averages, rounded to two decimals', () => {
    // Two citizens: all 4s and all 3s → every element 3.5 → 87.5, B.
    expect(ikmOfAnswers([Array(9).fill(4), Array(9).fill(3)])).toMatchObject({ responses: 2, ikm: 87.5, grade: 'B', label: 'Baik' });
    // One citizen: 4,4,4,4,4,4,4,4,3 → mean 35/9 = 3.8889 → 97.22, A.
    expect(ikmOfAnswers([[4, 4, 4, 4, 4, 4, 4, 4, 3]])).toMatchObject({ ikm: 97.22, grade: 'A', label: 'Sangat Baik' });
    // Three citizens, mixed: element sums 6..: computed by hand below.
    const answers = [
      [1, 2, 3, 4, 1, 2, 3, 4, 1],
      [2, 2, 2, 2, 2, 2, 2, 2, 2],
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
    ];
    // Element averages 7/3, 8/3, 9/3, 10/3, 7/3, 8/3, 9/3, 10/3, 7/3 → sum 75/3 = 25 → 25 × 25/9 = 69.44, C.
    expect(ikmOfAnswers(answers)).toMatchObject({ ikm: 69.44, grade: 'C', label: 'Kurang Baik' });
    expect(ikmOfAnswers([Array(9).fill(1)])).toMatchObject({ ikm: 25, grade: 'D', label: 'Tidak Baik' });
  });

  it('grades at the boundaries of the regulation', () => {
    expect(gradeOf(88.31).grade).toBe('A');
    expect(gradeOf(88.3).grade).toBe('B');
    expect(gradeOf(76.61).grade).toBe('B');
    expect(gradeOf(76.6).grade).toBe('C');
    expect(gradeOf(65).grade).toBe('C');
    expect(gradeOf(64.99).grade).toBe('D');
    expect(gradeOf(100).grade).toBe('A');
    expect(gradeOf(25).grade).toBe('D');
  });

  it('has no index without responses', () => {
    expect(ikmOf(0, [])).toMatchObject({ responses: 0, ikm: null, grade: null, label: null });
  });
});

describe('survey window', () => {
  it('closes at the end of the next day the office opens', () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '15:00' }));
    // Friday 2026-12-04: the next business day is Monday 7 December; closes at its end, Jakarta time.
    const next = nextOpenDate('2026-12-04', weekdays, new Set());
    expect(next).toBe('2026-12-07');
    expect(surveyClosesAt('2026-12-04', next, 'Asia/Jakarta').toISOString()).toBe('2026-12-07T17:00:00.000Z');
    // A holiday on Monday moves it to Tuesday.
    expect(nextOpenDate('2026-12-04', weekdays, new Set(['2026-12-07']))).toBe('2026-12-08');
    // An office that never opens again: the next calendar day.
    expect(surveyClosesAt('2026-12-04', null, 'Asia/Jakarta').toISOString()).toBe('2026-12-05T17:00:00.000Z');
  });
});
