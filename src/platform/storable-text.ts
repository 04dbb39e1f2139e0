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

/**
 * The JSON pointer (under `base`) of the first unstorable string (or the object holding such a
 * key). Walks without recursion: a body may nest tens of thousands of arrays deep, and that
 * overflowed the stack once (a 500 for an import line).
 */
export function unstorablePointer(value: unknown, base = ''): string | null {
  interface Step {
    value: unknown;
    parent: Step | null;
    key: string;
  }
  const pointer = (step: Step | null): string => {
    const keys: string[] = [];
    for (let s = step; s?.parent; s = s.parent) keys.push(s.key.replace(/~/g, '~0').replace(/\//g, '~1'));
    return (
      `${base}${keys
        .reverse()
        .map((k) => `/${k}`)
        .join('')}` || '/'
    );
  };
  const stack: Step[] = [{ value, parent: null, key: '' }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const v = step.value;
    if (typeof v === 'string') {
      if (!isStorable(v)) return pointer(step);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const entries = Object.entries(v);
    if (entries.some(([key]) => !isStorable(key))) return pointer(step);
    // Reversed, so that the first entry is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i] as [string, unknown];
      stack.push({ value: inner, parent: step, key });
    }
  }
  return null;
}
