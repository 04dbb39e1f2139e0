import { sql } from 'kysely';
import { forwardRefusals, loweredMarkings, type Markings } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import { agencyRef } from '../identity/agencies.ts';
import type { Context } from '../platform/context.ts';
import { Problem, problems } from '../platform/errors.ts';
import { mailboxesOf } from './mailbox.ts';

/** How many refused agencies a problem's detail names (its `refusals` lists them all). */
const SHOWN_REFUSALS = 8;
/** Forwards of forwards followed back at most this far (a chain is a few links in practice). */
const MAX_CHAIN = 32;

/** The message whose H2/H3 restriction another carries, and the agency that decides on it. */
export interface RestrictionSource {
  messageId: string;
  reference: string;
  agency: string;
}

/**
 * Who decides on passing a message on: the agency that put the H2/H3 restriction on the
 * information — the earliest message of the forwarding chain that carries it (markings never
 * fall along a chain, so it is the end of the run of H2/H3 links nearest the first writing,
 * the run broken where a forwarder raised H2 to H3). A forwarder that raised H0 to H2, or H2
 * to H3, decides on its forward; one that kept the originator's H2 does not: asking it, or
 * letting it pass its own forward on, would launder the restriction.
 * Without H2/H3 the message's own sender stands as the source.
 */
export async function restrictionSource(ctx: Context, messageId: string): Promise<RestrictionSource | null> {
  const { rows } = await sql<{
    id: string;
    reference: string;
    from_agency: string;
    handling: string;
    forward_of: string | null;
  }>`
    WITH RECURSIVE chain AS (
      SELECT id, reference, from_agency, handling, forward_of, 0 AS depth FROM messages WHERE id = ${messageId}
      UNION ALL
      SELECT m.id, m.reference, m.from_agency, m.handling, m.forward_of, c.depth + 1
      FROM messages m JOIN chain c ON m.id = c.forward_of
      WHERE c.depth < ${MAX_CHAIN}
    )
    SELECT id, reference, from_agency, handling, forward_of FROM chain ORDER BY depth`.execute(ctx.db);
  const first = rows[0];
  if (!first) return null;
  const rank = (h: string) => (h === 'H3' ? 3 : h === 'H2' ? 2 : 0);
  let source = first;
  for (const row of rows.slice(1)) {
    // Not restricted before, or restricted less (H2 raised to H3 by the forwarder, who added
    // its own restriction): the forwarder decides.
    if (rank(row.handling) === 0 || rank(source.handling) > rank(row.handling)) break;
    source = row;
  }
  return {
    messageId: source.id,
    reference: source.reference,
    agency: source.from_agency,
  };
}

/**
 * Checks a forward against the original's markings (see access/messaging.ts): TLP:RED never
 * leaves its recipients, AMBER+STRICT stays in the organisation, H2 and H3 need the
 * permission of the agency that restricted the information (restrictionSource) for each new
 * recipient. The author of a message — not a forwarder of someone else's — is bound by none
 * of its own markings. Returns the permission relied on.
 */
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
  const originalMarkings = {
    handling: original.handling,
    tlp: original.tlp,
    handlingNote: original.handling_note,
  } as Markings;
  const lowered = loweredMarkings(originalMarkings, markings);
  if (lowered.length > 0)
    throw problems.validation(
      lowered.map((what) => ({
        field: `${field}/${what}`,
        message:
          what === 'handlingNote'
            ? 'a forward of an H3 message keeps its restriction as written; say more in your note above it'
            : `a forward keeps the original's ${what === 'tlp' ? `TLP:${originalMarkings.tlp}` : originalMarkings.handling} or stricter`,
      })),
    );
  const source = (await restrictionSource(ctx, original.id))!;
  const parties = new Set([original.from_agency, ...original.recipients]);
  const targetRows = await ctx.db.selectFrom('agencies').selectAll().where('code', 'in', targets).execute();
  const permissions = await ctx.db
    .selectFrom('forward_permissions')
    .select(['id', 'targets'])
    .where('message_id', '=', original.id)
    .where('requester', '=', principal.agency.code)
    .where('owner_agency', '=', source.agency)
    .where('status', '=', 'granted')
    .orderBy('decided_at', 'desc')
    .execute();
  const granted = new Set(permissions.flatMap((p) => p.targets));
  const author = original.forward_of === null && original.from_agency === principal.agency.code;
  const decides = source.agency === principal.agency.code;
  const refusals = forwardRefusals(
    { handling: original.handling as 'H0', tlp: original.tlp as 'CLEAR' },
    principal.agency,
    targetRows.map(agencyRef),
    parties,
    granted,
  ).filter(
    (r) => r.reason === 'already-recipient' || !(author || (decides && r.reason === 'needs-permission')),
  );
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
        ? `This message is ${original.handling}: ask ${source.agency} for permission to forward it to ${named(refusals.map((r) => r.agency))}.`
        : `Forwarding refused: ${named(refusals.map((r) => `${r.agency} (${r.reason})`))}.`,
      { refusals, originator: source.agency },
    );
  }
  const used = permissions.find((p) => targets.some((t) => p.targets.includes(t)));
  return used?.id ?? null;
}
