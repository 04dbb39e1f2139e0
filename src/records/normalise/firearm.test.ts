import { describe, expect, it } from 'vitest';
import { normaliseFirearmSerial } from './firearm.ts';

function key(value: string) {
  const result = normaliseFirearmSerial(value);
  return result.ok ? result.identifiers[0]!.value : result.error;
}

describe('firearm serial numbers', () => {
  it('ignores case, spaces, dashes, dots and slashes', () => {
    for (const spelling of ['abc-12345', 'ABC 12345', 'ABC.12345', 'ABC/12345', 'ABC12345'])
      expect(key(spelling)).toBe('ABC12345');
  });

  it('keeps leading zeros: they are significant', () => {
    expect(key('0012345')).toBe('0012345');
    expect(key('0012345')).not.toBe(key('12345'));
  });

  it('folds Cyrillic look-alikes and keeps other Cyrillic letters', () => {
    expect(key('ЕА 1234')).toBe('EA1234');
    expect(key('ДА 1234')).toBe('ДA1234');
  });

  it('rejects empty serials, symbols and absurd lengths', () => {
    expect(normaliseFirearmSerial(' - ').ok).toBe(false);
    expect(normaliseFirearmSerial('AB#12').ok).toBe(false);
    expect(normaliseFirearmSerial('1'.repeat(41)).ok).toBe(false);
  });
});
