import { describe, expect, it } from 'vitest';
import { calendarDateProblem, isRealDate, isRealFullDate } from './dates.ts';

describe('calendar dates', () => {
  it('accepts real full and partial dates', () => {
    for (const text of ['1975', '1975-02', '1975-02-28', '2024-02-29', '0050-03-01', '1999-12-31'])
      expect(isRealDate(text), text).toBe(true);
  });

  it('names what is wrong with the others', () => {
    expect(calendarDateProblem('1975-13')).toBe('the month must be 01 to 12');
    expect(calendarDateProblem('1975-00-10')).toBe('the month must be 01 to 12');
    expect(calendarDateProblem('1975-02-30')).toBe('1975-02-30 is not a real date');
    expect(calendarDateProblem('2023-02-29')).toBe('2023-02-29 is not a real date');
    expect(calendarDateProblem('1975-04-31')).toBe('1975-04-31 is not a real date');
    expect(calendarDateProblem('1975-04-00')).toBe('1975-04-00 is not a real date');
  });

  it('takes only YYYY-MM-DD as a full date', () => {
    expect(isRealFullDate('2026-12-01')).toBe(true);
    expect(isRealFullDate('2026-12')).toBe(false);
    expect(isRealFullDate('2026-2-1')).toBe(false);
    expect(isRealFullDate('2026-02-30')).toBe(false);
    expect(isRealFullDate('2026-12-01T00:00:00Z')).toBe(false);
  });
});
