/**
 * Text that says nothing: no letter, digit, punctuation or symbol — spaces of every kind,
 * format characters (a zero-width space, a direction mark), control characters, marks with
 * nothing to mark. It passes a minimum length; a reason for deleting a wanted person's record
 * or a name made of it must not.
 */
const SAYS_SOMETHING = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function isBlank(text: string): boolean {
  return !SAYS_SOMETHING.test(text);
}

/**
 * The schema keyword for it (src/platform/validation.ts checks it, answering "must not be
 * blank"); an OpenAPI extension, so the published schema says so too.
 */
export const NOT_BLANK = 'x-not-blank';
