import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { firstIdAt, idTime, newId, newIdAt } from './ids.ts';

describe('newId', () => {
  it('makes valid, unique, strictly increasing UUIDv7s', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('carries the creation time in its first 48 bits', () => {
    const before = Date.now();
    const ms = Number.parseInt(newId().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 1000);
  });
});

describe('ids at a given time', () => {
  it('newIdAt carries the instant given, increasing for a clock that stands still', () => {
    // A test's clock stands still: messages sent "at once" must still list in sending order.
    const at = new Date('2026-01-15T09:00:00.123Z');
    const ids = Array.from({ length: 5_000 }, () => newIdAt(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    for (const id of ids.slice(0, 100)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(idTime(id)).toBe(at.getTime());
    }
    // Past the 12-bit counter, the next millisecond: never more than a second ahead.
    expect(idTime(ids.at(-1)!)! - at.getTime()).toBeGreaterThan(0);
    expect(idTime(ids.at(-1)!)! - at.getTime()).toBeLessThan(1000);
    // A clock set back by a day starts again from its own time.
    const dayBefore = new Date(at.getTime() - 86_400_000);
    expect(idTime(newIdAt(dayBefore))).toBe(dayBefore.getTime());
  });

  it('firstIdAt sorts at or below every id of its millisecond and above those before it', () => {
    const ms = Date.parse('2026-03-01T00:00:00Z');
    const first = firstIdAt(ms);
    for (let i = 0; i < 1_000; i++) {
      expect(newIdAt(new Date(ms)) > first).toBe(true);
      expect(newIdAt(new Date(ms + 1)) > first).toBe(true);
    }
    const greatestOfTheMillisecondBefore = `${firstIdAt(ms - 1).slice(0, 13)}-7fff-bfff-ffffffffffff`;
    expect(idTime(greatestOfTheMillisecondBefore)).toBe(ms - 1);
    expect(greatestOfTheMillisecondBefore < first).toBe(true);
    // Out of UUIDv7's 48-bit range, clamped rather than wrapped.
    expect(firstIdAt(-5)).toBe('00000000-0000-0000-0000-000000000000');
    expect(firstIdAt(2 ** 50)).toBe('ffffffff-ffff-0000-0000-000000000000');
  });

  it('idTime reads UUIDv7s only', () => {
    expect(idTime(newId())).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(idTime('6f9619ff-8b86-d011-b42d-00c04fc964ff')).toBeNull();
    expect(idTime('not an id')).toBeNull();
  });
});
