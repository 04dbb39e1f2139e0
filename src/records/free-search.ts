import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { searchPersons } from './persons.ts';
import { prepareQuery, queryFingerprint, recogniseQuery, searchIdentifiers } from './search.ts';

/**
 * Whether free text may be a person's name: letters of any script with spaces, hyphens,
 * apostrophes and dots, and no digits (a document number or a plate is not a name).
 */
export function looksLikeName(text: string): boolean {
  const q = text.trim();
  return /\p{L}/u.test(q) && /^[\p{L}\p{M}\s'’.-]+$/u.test(q) && !/^[^@\s]+\.[a-z]{2,}$/i.test(q);
}

/**
 * The web UI's search box: recognise what was typed and check it under every plausible
 * scheme — and, when it may be a name, search persons by name too.
 */
export async function freeSearch(ctx: Context, principal: Principal, text: string) {
  const candidates = recogniseQuery(text).filter((q) => !('field' in prepareQuery(q, '/query/q')));
  const byName = looksLikeName(text);
  const [identifiers, persons] = await Promise.all([
    candidates.length === 0
      ? { results: [] }
      : // A range too dense to search inside is that interpretation's `invalid` outcome, with
        // why: the search box has no /body/queries field to name in a 400.
        searchIdentifiers(ctx, principal, candidates, { invalid: 'report' }),
    byName ? searchPersons(ctx, principal, { name: text, limit: 10 }) : undefined,
  ]);
  // Every search is audited: the searches above record themselves; one that recognised
  // nothing to search is recorded here, by its fingerprint, with nothing found.
  if (candidates.length === 0 && !byName)
    await ctx.audit.record({
      principal,
      action: 'search.free',
      outcome: 'success',
      queryFingerprint: queryFingerprint(['free', text.trim().toLowerCase()]),
      resultCount: 0,
    });
  return {
    interpretations: candidates.map((c) => ({ scheme: c.scheme, value: c.value })),
    results: identifiers.results,
    ...(persons ? { persons } : {}),
  };
}
