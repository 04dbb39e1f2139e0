/**
 * Text PostgreSQL cannot store: U+0000 (no text column or jsonb document takes it) and lone
 * UTF-16 surrogates (not Unicode at all; jsonb and RFC 8785, the audit hash, refuse them).
 * UTF-8 carries neither, but JSON escapes (`\u0000`, `\ud800`) and URL escapes (`%00`) do.
 * Refused at the edge; replaced where text must be stored whatever it is (the audit log).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
/** In JSON text: a NUL escape or an escape of either half of a surrogate pair (paired ones too: checked after). */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

export const UNSTORABLE_MESSAGE =
  'holds a NUL character or a lone UTF-16 surrogate, which is not storable text';

export function isStorable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with each NUL and lone surrogate replaced by U+FFFD. */
export function toStorable(text: string): string {
  return isStorable(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** Whether JSON text may hold unstorable text (cheap: most bodies have no such escape at all). */
export function mayHoldUnstorable(jsonText: string): boolean {
  return SUSPECT_ESCAPE.test(jsonText);
}

/** The JSON pointer (under `base`) of the first unstorable string (or the object holding such a key). */
export function unstorablePointer(value: unknown, base = ''): string | null {
  if (typeof value === 'string') return isStorable(value) ? null : base || '/';
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorable(key)) return base || '/';
    const found = unstorablePointer(inner, `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found) return found;
  }
  return null;
}
