import { describe, expect, it } from 'vitest';
import { normaliseHash } from './hash.ts';

const MD5_EMPTY = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1_EMPTY = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function key(value: string, hashType?: string) {
  const result = normaliseHash(value, hashType === undefined ? {} : { hashType });
  return result.ok ? result.identifiers[0]!.value : `error: ${result.error}`;
}

describe('hashes', () => {
  it('infers the type from the length and prefixes it', () => {
    expect(key(MD5_EMPTY)).toBe(`md5:${MD5_EMPTY}`);
    expect(key(SHA1_EMPTY)).toBe(`sha1:${SHA1_EMPTY}`);
    expect(key(SHA256_EMPTY)).toBe(`sha256:${SHA256_EMPTY}`);
    expect(key('a'.repeat(128))).toBe(`sha512:${'a'.repeat(128)}`);
  });

  it('gives one key for upper case, spaces and a type prefix', () => {
    for (const spelling of [
      SHA256_EMPTY.toUpperCase(),
      `SHA256:${SHA256_EMPTY}`,
      `sha-256:${SHA256_EMPTY}`,
      ` ${SHA256_EMPTY.slice(0, 32)} ${SHA256_EMPTY.slice(32)} `,
    ]) {
      expect(key(spelling)).toBe(`sha256:${SHA256_EMPTY}`);
    }
    expect(key(SHA256_EMPTY, 'SHA-256')).toBe(`sha256:${SHA256_EMPTY}`);
  });

  it('never lets hashes of different types collide', () => {
    // The same hex, cut to 32 characters, is an MD5 and must not equal a longer hash's key.
    expect(key(SHA256_EMPTY.slice(0, 32))).not.toBe(key(SHA256_EMPTY));
    expect(key(SHA256_EMPTY.slice(0, 32)).startsWith('md5:')).toBe(true);
  });

  it('rejects non-hex, unknown lengths and a declared type that does not fit', () => {
    expect(key('z'.repeat(32))).toMatch(/^error: .*hexadecimal/);
    expect(key('abc')).toMatch(/^error: .*3 hex digits/);
    expect(key(SHA256_EMPTY, 'sha1')).toMatch(/^error: .*sha1 hash: it has 40/);
    expect(key(SHA256_EMPTY, 'crc32')).toMatch(/^error: unknown hash type/);
    expect(key(`md5:${SHA256_EMPTY}`)).toMatch(/^error/);
    expect(normaliseHash(`md5:${MD5_EMPTY}`, { hashType: 'sha1' }).ok).toBe(false);
  });
});
