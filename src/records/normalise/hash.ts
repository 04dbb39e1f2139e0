import { fail, type NormaliseOptions, type NormaliseResult, ok } from './types.ts';

/** Hash types by hex length. Other algorithms of the same length need `options.hashType`. */
const HASH_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };
const TYPE_BY_LENGTH = new Map(Object.entries(HASH_LENGTHS).map(([type, length]) => [length, type]));

/** "SHA-256", "sha_256", "SHA256" → "sha256". */
function hashTypeName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * File hashes (MD5, SHA-1, SHA-256, SHA-512): hex in lower case, keyed `type:hex` so that hashes
 * of different types can never collide. The type is the length's unless the caller gives it;
 * a typed prefix ("sha256:…", the key itself) is accepted.
 */
export function normaliseHash(value: string, options: NormaliseOptions = {}): NormaliseResult {
  const trimmed = value.trim();
  let declared = options.hashType === undefined ? undefined : hashTypeName(options.hashType);
  // The type written before the hex: "sha256:…", "SHA256=…", "MD5 …" (as tools print it).
  const prefixed =
    /^([a-z0-9_-]+)\s*[:=]\s*(.*)$/i.exec(trimmed) ?? /^(md5|sha[-_]?(?:1|256|512))\s+(.*)$/i.exec(trimmed);
  let text = trimmed.replace(/\s/g, '');
  if (prefixed) {
    const prefixType = hashTypeName(prefixed[1]!);
    if (declared && declared !== prefixType)
      return fail(`the value says ${prefixType} but the hash type given is ${declared}`);
    declared = prefixType;
    text = prefixed[2]!.replace(/\s/g, '');
  }
  if (declared !== undefined && HASH_LENGTHS[declared] === undefined) {
    return fail(`unknown hash type ${declared}: one of ${Object.keys(HASH_LENGTHS).join(', ')}`);
  }
  if (!/^[0-9a-fA-F]+$/.test(text)) return fail('not a valid hash: hexadecimal digits only');
  const type = declared ?? TYPE_BY_LENGTH.get(text.length);
  if (type === undefined) {
    return fail(
      `not a valid hash: ${text.length} hex digits is not MD5 (32), SHA-1 (40), SHA-256 (64) or SHA-512 (128)`,
    );
  }
  if (HASH_LENGTHS[type] !== text.length) {
    return fail(`not a valid ${type} hash: it has ${HASH_LENGTHS[type]} hex digits, this has ${text.length}`);
  }
  return ok({ scheme: 'hash', value: `${type}:${text.toLowerCase()}` });
}
