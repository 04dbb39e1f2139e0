import { describe, expect, it } from 'vitest';
import { addYears, calendarDateProblem, isRealDate, isRealFullDate } from './dates.ts';

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

describe('addYears', () => {
  it('moves by calendar years, to the same instant of the day', () => {
    expect(addYears(new Date('2026-12-07T04:14:14Z'), 5).toISOString()).toBe('2031-12-07T04:14:14.000Z');
    expect(addYears(new Date('2026-12-07T04:14:14Z'), 10).toISOString()).toBe('2036-12-07T04:14:14.000Z');
    expect(addYears(new Date('2024-02-29T12:00:00Z'), 1).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(addYears(new Date('2024-02-29T12:00:00Z'), 4).toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
});
