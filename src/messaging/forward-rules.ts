import { forwardRefusals, loweredMarkings, type Markings } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import { agencyRef } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { Problem, problems } from '../platform/errors.ts';
import { mailboxesOf } from './mailbox.ts';

/**
 * Checks a forward against the original's markings (see access/messaging.ts): TLP:RED never
 * leaves its recipients, AMBER+STRICT stays in the organisation, H2 and H3 need the
 * originator's permission for each new recipient. Returns the permission relied on.
 */
/** How many refused agencies a problem's detail names (its `refusals` lists them all). */
const SHOWN_REFUSALS = 8;

export async function checkForward(
  ctx: Context,
  principal: Principal,
  originalId: string,
  targets: string[],
  field: string,
  markings: Markings,
): Promise<string | null> {
  const original = await ctx.db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', originalId)
    .executeTakeFirst();
  const mailboxes = (await mailboxesOf(ctx, principal)).map((a) => a.code);
  if (!mailboxes.includes(principal.agency.code)) mailboxes.push(principal.agency.code);
  const holds =
    original &&
    (mailboxes.includes(original.from_agency) ||
      (await ctx.db
        .selectFrom('message_recipients')
        .select('agency')
        .where('message_id', '=', original.id)
        .where('agency', 'in', mailboxes)
        .executeTakeFirst()) !== undefined);
  if (!original || !holds)
    throw problems.invalidField(`${field}/forwardOf`, 'no such message in your mailboxes');
  const originalMarkings = { handling: original.handling, tlp: original.tlp } as Markings;
  const lowered = loweredMarkings(originalMarkings, markings);
  if (lowered.length > 0)
    throw problems.validation(
      lowered.map((what) => ({
        field: `${field}/${what}`,
        message: `a forward keeps the original's ${what === 'tlp' ? `TLP:${originalMarkings.tlp}` : originalMarkings.handling} or stricter`,
      })),
    );
  const parties = new Set([original.from_agency, ...original.recipients]);
  const targetRows = await ctx.db.selectFrom('agencies').selectAll().where('code', 'in', targets).execute();
  const permissions = await ctx.db
    .selectFrom('forward_permissions')
    .select(['id', 'targets'])
    .where('message_id', '=', original.id)
    .where('requester', '=', principal.agency.code)
    .where('status', '=', 'granted')
    .orderBy('decided_at', 'desc')
    .execute();
  const granted = new Set(permissions.flatMap((p) => p.targets));
  const originator = original.from_agency === principal.agency.code;
  const refusals = forwardRefusals(
    { handling: original.handling as 'H0', tlp: original.tlp as 'CLEAR' },
    principal.agency,
    targetRows.map(agencyRef),
    parties,
    granted,
  ).filter((r) => !originator || r.reason === 'already-recipient');
  if (refusals.length > 0) {
    await ctx.audit.record({
      principal,
      action: 'message.forward',
      outcome: 'denied',
      objectType: 'message',
      objectId: original.id,
      objectAgency: original.from_agency,
      details: { refusals },
    });
    const needsPermission = refusals.every((r) => r.reason === 'needs-permission');
    // A forward to a group of 200 bureaus would list them all: the detail names a few, the
    // `refusals` field every one.
    const named = (items: string[]) =>
      items.length <= SHOWN_REFUSALS
        ? items.join(', ')
        : `${items.slice(0, SHOWN_REFUSALS).join(', ')} and ${items.length - SHOWN_REFUSALS} more`;
    throw new Problem(
      403,
      needsPermission ? 'forward-permission-required' : 'forward-refused',
      needsPermission ? 'Permission to forward required' : 'Forwarding refused',
      needsPermission
        ? `This message is ${original.handling}: ask ${original.from_agency} for permission to forward it to ${named(refusals.map((r) => r.agency))}.`
        : `Forwarding refused: ${named(refusals.map((r) => `${r.agency} (${r.reason})`))}.`,
      { refusals, originator: original.from_agency },
    );
  }
  const used = permissions.find((p) => targets.some((t) => p.targets.includes(t)));
  return used?.id ?? null;
}
