import { describe, expect, it } from 'vitest';
import { isStorable, mayHoldUnstorable, toStorable, unstorablePointer } from './storable-text.ts';

describe('text PostgreSQL cannot store', () => {
  it('is a NUL or a lone half of a surrogate pair', () => {
    expect(isStorable('Щербаков 😀 \u0001')).toBe(true);
    expect(isStorable('a\u0000b')).toBe(false);
    expect(isStorable('a\ud800b')).toBe(false);
    expect(isStorable('a\udc00')).toBe(false);
    expect(isStorable('\ude00\ud83d')).toBe(false); // both halves, wrong order
  });

  it('is replaced by U+FFFD, the rest kept', () => {
    expect(toStorable('a\ud800b😀\udc00\u0000')).toBe('a\ufffdb😀\ufffd\ufffd');
    const text = 'unchanged 😀';
    expect(toStorable(text)).toBe(text);
  });

  it('is suspected in JSON text by its escapes, paired or not', () => {
    expect(mayHoldUnstorable('{"a":"\\ud83d\\ude00"}')).toBe(true);
    expect(mayHoldUnstorable('{"a":"\\uD800"}')).toBe(true);
    expect(mayHoldUnstorable('{"a":"\\u0000"}')).toBe(true);
    expect(mayHoldUnstorable('{"a":"😀 \\u00e9 \\u0001"}')).toBe(false);
  });

  it('is found and named by a JSON pointer', () => {
    expect(unstorablePointer(JSON.parse('{"a":"\\ud83d\\ude00"}'), '/body')).toBeNull();
    expect(unstorablePointer(JSON.parse('{"queries":[{"value":"x"},{"value":"\\ud800"}]}'), '/body')).toBe(
      '/body/queries/1/value',
    );
    expect(unstorablePointer(JSON.parse('{"a":{"b":"x\\u0000"}}'), '/body')).toBe('/body/a/b');
    expect(unstorablePointer(JSON.parse('{"a/b":{"\\udc00":1}}'), '/body')).toBe('/body/a~1b');
    expect(unstorablePointer('\ud800', '/body')).toBe('/body');
  });

  it('is found however deep it is nested, without overflowing the stack', () => {
    const depth = 100_000;
    const nested = JSON.parse(`{"data":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`);
    const found = unstorablePointer(nested, '/body');
    expect(found).toBe(`/body/data${'/0'.repeat(depth)}`);
    expect(unstorablePointer(JSON.parse(`${'['.repeat(depth)}"ok"${']'.repeat(depth)}`))).toBeNull();
  });
});
