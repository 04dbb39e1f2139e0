import { validate as isUuid } from 'uuid';
import { problems } from './errors.ts';

/**
 * Keyset cursors for lists ordered by more than one column: the last row's values, joined by
 * `~` (which no agency code, ISO time, uuid or key id holds). A cursor that does not come
 * from a page of the same list is a 400 naming `/query/cursor`, never a query with a missing
 * or malformed value (a 500 on PostgreSQL).
 */
export function cursorOf(...values: string[]): string {
  return values.join('~');
}

export type CursorPart = 'text' | 'time' | 'uuid';

/** The cursor's values, checked against what each column holds (times come back as Dates). */
export function cursorValues<const T extends readonly CursorPart[]>(
  cursor: string,
  parts: T,
): { [K in keyof T]: T[K] extends 'time' ? Date : string } {
  const values = cursor.split('~');
  const invalid = () => problems.invalidField('/query/cursor', 'not a cursor of this list');
  if (values.length !== parts.length) throw invalid();
  return parts.map((part, i) => {
    const value = values[i]!;
    if (value === '') throw invalid();
    if (part === 'uuid' && !isUuid(value)) throw invalid();
    if (part === 'time') {
      const time = new Date(value);
      if (Number.isNaN(time.getTime())) throw invalid();
      return time;
    }
    return value;
  }) as never;
}
