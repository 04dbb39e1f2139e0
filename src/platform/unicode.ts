/**
 * Lone UTF-16 surrogates. UTF-8 cannot carry them, but a JSON `\ud800` escape can, and
 * neither PostgreSQL's jsonb nor RFC 8785 (the audit hash) accepts them: refused at the
 * edge, replaced where text must be stored whatever it is (the audit log).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** In JSON text: an escape of either half of a surrogate pair (paired ones too: checked after). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The text with each lone surrogate replaced by U+FFFD, as TextEncoder would. */
export function toWellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, '\uFFFD');
}

/** Whether JSON text may hold a lone surrogate (cheap: most bodies have no \\uD8xx escape at all). */
export function mayHoldLoneSurrogate(jsonText: string): boolean {
  return SURROGATE_ESCAPE.test(jsonText);
}

/** The JSON pointer (under `base`) of the first string (or object, for a key) in a parsed value that is not well formed. */
export function illFormedPointer(value: unknown, base = ''): string | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : base || '/';
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (!isWellFormed(key)) return base || '/'; // the object that holds the key
    const pointer = `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const found = illFormedPointer(inner, pointer);
    if (found) return found;
  }
  return null;
}
