import { sql, type Transaction } from 'kysely';
import { type Kdb, lockUntilCommit } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import { Problem } from '../platform/errors.ts';

/**
 * An owning agency's own references for its records (migration 0014): one record per
 * reference among those not deleted. Whoever writes one takes the owner's reference lock for
 * the rest of its transaction first, so that two imports, or an import and a form, never
 * both find a reference free and both write it (the unique index would then answer the
 * second with a 500, not a clear conflict).
 */
export async function lockExternalRefs(trx: Transaction<Tables>, owner: string): Promise<void> {
  await lockUntilCommit(trx, `concord.records.external-ref:${owner}`);
}

/**
 * The unique index's predicate, written out: as a parameter (`status <> $1`) it cannot be
 * matched to the partial index once PostgreSQL plans the statement generically (after five
 * executions), and every lookup became a scan of the owner's records.
 */
export const NOT_DELETED = sql<boolean>`status <> 'deleted'`;

/** The id of the owner's record (not deleted) that has the reference, other than `exceptId`. */
export async function recordWithRef(
  db: Transaction<Tables> | Kdb,
  owner: string,
  ref: string,
  exceptId?: string,
): Promise<string | undefined> {
  let q = db
    .selectFrom('records')
    .select('id')
    .where('owner_agency', '=', owner)
    .where('external_ref', '=', ref)
    .where(NOT_DELETED);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id;
}

export function externalRefTaken(ref: string, existingId: string, field = '/body/externalRef'): Problem {
  return new Problem(
    409,
    'external-ref-taken',
    'Reference already used',
    `Your agency’s record ${existingId} already has the reference “${ref}”: change that record, or give this one another reference.`,
    { existingId, errors: [{ field, message: `already the reference of record ${existingId}` }] },
  );
}
