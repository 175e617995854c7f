import fc from 'fast-check';
import { addYears, seoulToday, yearsBetween } from './dates';

describe('yearsBetween', () => {
  it('counts a year only once the anniversary is reached', () => {
    expect(yearsBetween('2007-01-10', '2026-01-09')).toBe(18);
    expect(yearsBetween('2007-01-10', '2026-01-10')).toBe(19);
    expect(yearsBetween('2007-01-10', '2026-01-11')).toBe(19);
  });

  it('compares the month before the day', () => {
    expect(yearsBetween('2000-03-01', '2019-02-28')).toBe(18);
    expect(yearsBetween('2000-02-28', '2019-03-01')).toBe(19);
  });

  it('is zero on the birth date and below zero before it', () => {
    expect(yearsBetween('2020-05-05', '2020-05-05')).toBe(0);
    expect(yearsBetween('2020-05-05', '2020-05-04')).toBe(-1);
  });

  it('gives someone born on 29 February their year on 1 March in a common year', () => {
    expect(yearsBetween('2008-02-29', '2027-02-28')).toBe(18);
    expect(yearsBetween('2008-02-29', '2027-03-01')).toBe(19);
    expect(yearsBetween('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('addYears', () => {
  it('keeps the month and day', () => {
    expect(addYears('2025-12-01', 3)).toBe('2028-12-01');
    expect(addYears('2025-01-31', 1)).toBe('2026-01-31');
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
  });

  it('keeps 29 February in a leap year', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('subtracts with a negative count', () => {
    expect(addYears('2026-06-15', -3)).toBe('2023-06-15');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });

  it('is undone by yearsBetween for any date but 29 February', () => {
    const date = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
      .filter((d) => !d.endsWith('-02-29'));
    fc.assert(fc.property(date, fc.integer({ min: 0, max: 120 }), (from, years) => {
      expect(yearsBetween(from, addYears(from, years))).toBe(years);
    }));
  });
});

describe('seoulToday', () => {
  it('is already tomorrow in Seoul from 15:00 UTC', () => {
    expect(seoulToday(new Date('2026-01-01T15:30:00Z'))).toBe('2026-01-02');
    expect(seoulToday(new Date('2026-01-01T15:00:00Z'))).toBe('2026-01-02');
  });

  it('is still today in Seoul until 14:59:59.999 UTC', () => {
    expect(seoulToday(new Date('2026-01-01T14:59:59.999Z'))).toBe('2026-01-01');
    expect(seoulToday(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01');
  });

  it('crosses year ends and leap days', () => {
    expect(seoulToday(new Date('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
    expect(seoulToday(new Date('2028-02-28T20:00:00Z'))).toBe('2028-02-29');
  });

  it('returns a YYYY-MM-DD date', () => {
    expect(seoulToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
