/**
 * Calendar checks for ISO 8601 dates, full (`YYYY-MM-DD`) or partial (`YYYY`, `YYYY-MM`), as
 * records, searches and notices carry them. The shape is the schema's business; these say
 * whether the month and day exist (1975-02-30 does not).
 */

/** Why a full or partial date is not a real one, or null when it is. */
export function calendarDateProblem(text: string): string | null {
  const [year, month, day] = text.split('-').map(Number);
  if (month !== undefined && !(month >= 1 && month <= 12)) return 'the month must be 01 to 12';
  if (day === undefined) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads the years 0–99 as 1900–1999.
  date.setUTCFullYear(year!, month! - 1, day);
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day ? null : `${text} is not a real date`;
}

export function isRealDate(text: string): boolean {
  return calendarDateProblem(text) === null;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A full date, YYYY-MM-DD, that exists. */
export function isRealFullDate(text: string): boolean {
  return FULL_DATE.test(text) && isRealDate(text);
}

/**
 * The same instant `years` calendar years later (or earlier): 5 years from 2026-12-07T04:14Z
 * is 2031-12-07T04:14Z. Counting 365.25 days a year put it six hours later, and ten years 12
 * hours short of the date. The 29th of February goes to the 28th in a year without one.
 */
export function addYears(at: Date, years: number): Date {
  const result = new Date(at.getTime());
  result.setUTCFullYear(at.getUTCFullYear() + years);
  if (result.getUTCMonth() !== at.getUTCMonth()) result.setUTCDate(0);
  return result;
}
