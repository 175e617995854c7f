/**
 * Time buckets for the dashboard and the weekly report, in Korean time. Korea keeps UTC+9 all
 * year (no daylight saving), so a Seoul day or week starts at a fixed offset from UTC and the
 * buckets can be computed here without a time-zone library; the database groups with
 * date_trunc(..., 'Asia/Seoul'), which gives the same instants.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEOUL_OFFSET = 9 * HOUR;

/** The instant a Seoul day starts, for the day `at` falls in. */
export function seoulDayStart(at: Date): Date {
  const local = at.getTime() + SEOUL_OFFSET;
  return new Date(local - (((local % DAY) + DAY) % DAY) - SEOUL_OFFSET);
}

/** The start of the hour `at` falls in (Seoul hours start on UTC hours). */
export function hourStart(at: Date): Date {
  const t = at.getTime();
  return new Date(t - (((t % HOUR) + HOUR) % HOUR));
}

/** The last `days` Seoul days up to and including today, oldest first. */
export function lastDays(now: Date, days: number): Date[] {
  const today = seoulDayStart(now).getTime();
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY));
}

/** The last `hours` hours up to and including this one, oldest first. */
export function lastHours(now: Date, hours: number): Date[] {
  const current = hourStart(now).getTime();
  return Array.from({ length: hours }, (_, i) => new Date(current - (hours - 1 - i) * HOUR));
}

/** The seven Seoul days of the week starting at `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * DAY));
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** YYYY-MM-DD of the Seoul day `at` falls in. */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:mm in Seoul time. */
export function seoulDateTime(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET).toISOString().slice(0, 16).replace('T', ' ');
}

/** The hour of the day in Seoul (0-23). */
export function seoulHour(at: Date): number {
  return new Date(at.getTime() + SEOUL_OFFSET).getUTCHours();
}

/** The Monday (Seoul) of the week `at` falls in. */
export function seoulWeekStart(at: Date): Date {
  const day = seoulDayStart(at);
  const weekday = new Date(day.getTime() + SEOUL_OFFSET).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * A week asked for as YYYY-MM-DD: the Seoul instant its Monday starts, or null when the text is
 * not a real date or not a Monday.
 */
export function parseWeek(text: string): Date | null {
  const day = parseSeoulDate(text);
  if (!day) return null;
  return seoulWeekStart(day).getTime() === day.getTime() ? day : null;
}

/** A YYYY-MM-DD calendar date as the instant its Seoul day starts, or null when it is not a real date. */
export function parseSeoulDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || y < 2000 || y > 2100) return null;
  return new Date(utc - SEOUL_OFFSET);
}

/** Counts per bucket start, with a zero for every bucket the database had no row for. */
export function fillSeries(starts: Date[], rows: { bucket: Date; claims: number }[]): { start: Date; count: number }[] {
  const byStart = new Map(rows.map((r) => [r.bucket.getTime(), r.claims]));
  return starts.map((start) => ({ start, count: byStart.get(start.getTime()) ?? 0 }));
}
