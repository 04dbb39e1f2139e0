import { isDeepStrictEqual } from 'node:util';
import type { Kysely, Transaction } from 'kysely';
import type { RecordPolicy } from '../access/records.ts';
import type { Tables } from '../platform/db-schema.ts';

/** What a record was, as far as the lists of what was shared are concerned. */
export interface SharedState {
  id: string;
  owner_agency: string;
  kind: string;
  status: string;
  policy: unknown;
}

/**
 * Notes that a record may have left the feed of what was shared with some agencies
 * (`GET /records?scope=shared`): it was active and allow-listed, and is now ended, or its
 * policy changed. Who exactly lost it is decided when each reader asks (src/records/shared.ts):
 * those the old policy let see it in full and the present state does not. Call it in the
 * transaction that makes the change.
 */
export async function noteFeedExit(
  trx: Transaction<Tables> | Kysely<Tables>,
  before: SharedState,
  after: { status: string; policy: unknown },
  at: Date,
): Promise<void> {
  if (before.status !== 'active' || (before.policy as RecordPolicy).visibility !== 'allow') return;
  if (after.status === 'active' && isDeepStrictEqual(before.policy, after.policy)) return;
  await trx
    .insertInto('record_feed_exits')
    .values({
      record_id: before.id,
      owner_agency: before.owner_agency,
      kind: before.kind,
      policy: before.policy as object,
      exited_at: at,
    })
    .execute();
}
