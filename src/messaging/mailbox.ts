import { readsMailbox } from '../access/messaging.ts';
import type { AgencyRef, Principal } from '../access/principal.ts';
import { agencyRef, unitsOf } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';

/** The mailboxes a principal reads: its agency's and, for a bureau, its units'. */
export async function mailboxesOf(ctx: Context, principal: Principal): Promise<AgencyRef[]> {
  const own = [principal.agency];
  if (principal.agency.kind !== 'bureau') return own.filter((a) => readsMailbox(principal, a));
  const units = await unitsOf(ctx, principal.agency.code);
  return [...own, ...units.map(agencyRef)].filter((a) => readsMailbox(principal, a));
}

/** The mailbox codes a request concerns: the one asked for (if the principal reads it), or all. */
export async function mailboxCodes(
  ctx: Context,
  principal: Principal,
  wanted?: string,
  field = '/query/mailbox',
): Promise<string[]> {
  const all = (await mailboxesOf(ctx, principal)).map((a) => a.code);
  if (wanted === undefined) return all;
  if (!all.includes(wanted)) throw problems.invalidField(field, `you do not read the mailbox of ${wanted}`);
  return [wanted];
}
