/** A real calendar date in YYYY-MM-DD form (rejects 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whole years between two YYYY-MM-DD dates (age on `on` of someone born `from`). */
export function yearsBetween(from: string, on: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  let years = oy - fy;
  if (om < fm || (om === fm && od < fd)) years -= 1;
  return years;
}

/** Today's date in Korea, where the court and the claimants are. */
export function seoulToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // 29 February plus N years lands on 28 February when the target year is not a leap year.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
