import { describe, expect, it } from 'vitest';
import { illFormedPointer, isWellFormed, mayHoldLoneSurrogate, toWellFormed } from './unicode.ts';

describe('lone surrogates', () => {
  it('tells well-formed text from text with a lone half of a pair', () => {
    expect(isWellFormed('Щербаков 😀')).toBe(true);
    expect(isWellFormed('a\ud800b')).toBe(false);
    expect(isWellFormed('a\udc00')).toBe(false);
    expect(isWellFormed('\ude00\ud83d')).toBe(false); // both halves, wrong order
  });

  it('replaces only the lone halves', () => {
    expect(toWellFormed('a\ud800b😀\udc00')).toBe('a\ufffdb😀\ufffd');
    const text = 'unchanged 😀';
    expect(toWellFormed(text)).toBe(text);
  });

  it('finds candidates in JSON text by their escapes, paired or not', () => {
    expect(mayHoldLoneSurrogate('{"a":"\\ud83d\\ude00"}')).toBe(true);
    expect(mayHoldLoneSurrogate('{"a":"\\uD800"}')).toBe(true);
    expect(mayHoldLoneSurrogate('{"a":"😀 \\u00e9"}')).toBe(false);
  });

  it('names the first ill-formed string or key as a JSON pointer', () => {
    expect(illFormedPointer(JSON.parse('{"a":"\\ud83d\\ude00"}'), '/body')).toBeNull();
    expect(illFormedPointer(JSON.parse('{"queries":[{"value":"x"},{"value":"\\ud800"}]}'), '/body')).toBe(
      '/body/queries/1/value',
    );
    expect(illFormedPointer(JSON.parse('{"a/b":{"\\udc00":1}}'), '/body')).toBe('/body/a~1b');
    expect(illFormedPointer('\ud800', '/body')).toBe('/body');
  });
});
