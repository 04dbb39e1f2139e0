import { describe, expect, it } from 'vitest';
import { normaliseDocument } from './document.ts';

function key(value: string, country?: string) {
  const result = normaliseDocument(value, country === undefined ? {} : { country });
  if (!result.ok) throw new Error(result.error);
  return result.identifiers[0]!;
}

describe('document numbers', () => {
  it('gives one key however the number was typed', () => {
    const spellings = [
      'L898902C3',
      'l898902c3',
      'L898 902 C3',
      'L898-902-C3',
      'L.898.902.C3',
      'L898902C3<<',
      ' L898902C3 ',
    ];
    for (const spelling of spellings)
      expect(key(spelling, 'FR')).toEqual({ scheme: 'document', value: 'L898902C3', country: 'FR' });
  });

  it('folds Cyrillic and Greek look-alikes typed on another keyboard', () => {
    expect(key('АВ1234567').value).toBe('AB1234567'); // Cyrillic А, В
    expect(key('ΑΒ1234567').value).toBe('AB1234567'); // Greek Α, Β
    expect(key('ＡＢ１２３').value).toBe('AB123'); // full-width
  });

  it('keeps leading zeros, which are significant', () => {
    expect(key('0012345').value).toBe('0012345');
    expect(key('0012345').value).not.toBe(key('12345').value);
  });

  it('keeps different numbers apart (O is not 0)', () => {
    expect(key('AO12345').value).not.toBe(key('A012345').value);
  });

  it('scopes by issuing country, upper-cased, or not at all', () => {
    expect(key('X1', 'de').country).toBe('DE');
    expect(key('X1').country).toBeUndefined();
  });

  it('rejects an unknown country', () => {
    expect(normaliseDocument('X1', { country: 'XX' })).toEqual({
      ok: false,
      error: expect.stringContaining('ISO 3166-1'),
    });
    expect(normaliseDocument('X1', { country: 'UK' })).toEqual({
      ok: false,
      error: expect.stringContaining('GB'),
    });
    expect(normaliseDocument('X1', { country: 'FRA' }).ok).toBe(false);
  });

  it('rejects empty numbers, symbols and absurd lengths', () => {
    expect(normaliseDocument('<<< - .').ok).toBe(false);
    expect(normaliseDocument('AB#123').ok).toBe(false);
    expect(normaliseDocument('A'.repeat(36)).ok).toBe(false);
  });
});
