import { fillSeries, hourStart, lastDays, lastHours, parseSeoulDate, parseWeek, seoulDate, seoulDayStart, seoulHour, seoulWeekStart, weekDays } from './time-buckets';

describe('time buckets in Korean time', () => {
  it('starts a Seoul day at 15:00 UTC the day before', () => {
    // 2026-03-02 00:30 in Seoul is 2026-03-01 15:30 UTC.
    expect(seoulDayStart(new Date('2026-03-01T15:30:00Z')).toISOString()).toBe('2026-03-01T15:00:00.000Z');
    // 2026-03-01 23:59 in Seoul.
    expect(seoulDayStart(new Date('2026-03-01T14:59:00Z')).toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(seoulDate(new Date('2026-03-01T15:30:00Z'))).toBe('2026-03-02');
    expect(seoulHour(new Date('2026-03-01T15:30:00Z'))).toBe(0);
  });

  it('lists the last 30 days and 48 hours oldest first, ending with the current one', () => {
    const now = new Date('2026-03-10T03:20:00Z');
    const days = lastDays(now, 30);
    expect(days).toHaveLength(30);
    expect(days.at(-1)!.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(days[0].toISOString()).toBe('2026-02-08T15:00:00.000Z');
    const hours = lastHours(now, 48);
    expect(hours).toHaveLength(48);
    expect(hours.at(-1)).toEqual(hourStart(now));
    expect(hours.at(-1)!.getTime() - hours[0].getTime()).toBe(47 * 3_600_000);
  });

  it('finds the Monday of a week in Seoul, even late on Sunday UTC', () => {
    // Monday 2026-03-09 08:00 in Seoul is Sunday 23:00 UTC.
    expect(seoulDate(seoulWeekStart(new Date('2026-03-08T23:00:00Z')))).toBe('2026-03-09');
    // Sunday 2026-03-15 23:00 in Seoul still belongs to that week.
    expect(seoulDate(seoulWeekStart(new Date('2026-03-15T14:00:00Z')))).toBe('2026-03-09');
    expect(weekDays(parseWeek('2026-03-09')!).map(seoulDate)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
  });

  it('accepts only real dates, and only Mondays as weeks', () => {
    expect(parseWeek('2026-03-09')!.toISOString()).toBe('2026-03-08T15:00:00.000Z');
    expect(parseWeek('2026-03-10')).toBeNull();
    for (const bad of ['2026-02-30', '2026-13-01', '20260309', '2026-3-9', '', 'x', '1999-01-04']) expect(parseSeoulDate(bad)).toBeNull();
  });

  it('fills buckets the database had no rows for with zero', () => {
    const starts = lastDays(new Date('2026-03-10T03:20:00Z'), 3);
    expect(fillSeries(starts, [{ bucket: new Date(starts[1].getTime()), claims: 4 }]).map((b) => b.count)).toEqual([0, 4, 0]);
  });
});
