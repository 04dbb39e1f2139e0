import type { Selectable } from 'kysely';
import type { Kdb } from '../platform/db.ts';
import type { AuditLogTable } from '../platform/db-schema.ts';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './chain.ts';

export interface ChainHead {
  /** null: the original single chain (entries written before migration 0008). */
  chain: string | null;
  entries: number;
  /** Hash of the chain's last entry: record it elsewhere to detect truncation. */
  headHash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Hash and seq of the log's last entry. */
  headHash: string;
  headSeq: number;
  /** Every chain's head: keep them elsewhere to detect a chain cut short or removed whole. */
  chains: ChainHead[];
  failure?: { seq: number; id: string | null; reason: string };
}

type Row = Selectable<AuditLogTable>;

/**
 * Recomputes every chain in one pass over the log in seq order (each writer's chain is in
 * seq order too). Reports the first entry that was altered (its hash no longer matches),
 * that follows a removed one (a gap in its chain's positions; in the original chain, in
 * seq), or that was moved (its link to the previous entry of its chain is broken).
 *
 * The pass reads one snapshot (repeatable read), so that it can run while servers write.
 * `seq` is given when an entry is written, not when it commits: with several server
 * processes, a batch may commit after another process's later-numbered one. Page by page
 * over fresh snapshots, a page could pass such a batch while it was still committing and
 * the next page meet its writer's following batch — and report an intact chain as having
 * lost entries. In one snapshot each chain is a whole prefix (a writer starts a batch only
 * once its previous one has committed).
 */
export async function verifyAuditChain(db: Kdb, batchSize = 2000): Promise<VerifyResult> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => verifyIn(trx, batchSize));
}

async function verifyIn(db: Kdb, batchSize: number): Promise<VerifyResult> {
  const chains = new Map<string | null, { position: number; hash: string; entries: number }>();
  let afterSeq = 0;
  let last = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const result = (failure?: VerifyResult['failure']): VerifyResult => ({
    ok: !failure,
    checked,
    headHash: last.hash,
    headSeq: last.seq,
    chains: [...chains].map(([chain, c]) => ({ chain, entries: c.entries, headHash: c.hash })),
    ...(failure ? { failure } : {}),
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      afterSeq = seq;
      const chain = row.chain ?? null;
      const state = chains.get(chain) ?? { position: 0, hash: GENESIS_HASH, entries: 0 };
      // The original chain is numbered by seq from 1; a writer's chain by position from 1.
      const position = chain === null ? seq : Number(row.position);
      const fail = (reason: string) => result({ seq, id: row.id, reason });
      if (position !== state.position + 1) {
        return fail(
          state.position + 1 < position
            ? `entry ${seq} is number ${position} of its chain, but number ${state.position + 1} is missing (removed or moved)`
            : `entry ${seq} is number ${position} of its chain but comes after number ${state.position} (reordered or copied)`,
        );
      }
      if (row.prev_hash !== state.hash) {
        return fail(
          `entry ${seq} does not follow the entry before it in its chain (reordered, or an earlier entry was replaced)`,
        );
      }
      if (entryHash(entryOf(row, chain, position)) !== row.hash) {
        return fail(`entry ${seq} was altered: its content no longer matches its hash`);
      }
      chains.set(chain, { position, hash: row.hash, entries: state.entries + 1 });
      last = { seq, hash: row.hash };
      checked++;
    }
  }
  return result();
}

function entryOf(row: Row, chain: string | null, position: number): ChainedEntry {
  const fields = {
    id: row.id,
    at: row.at.toISOString(),
    principalType: row.principal_type,
    principalId: row.principal_id,
    principalName: row.principal_name,
    agencyCode: row.agency_code,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectAgency: row.object_agency,
    outcome: row.outcome,
    requestId: row.request_id,
    queryFingerprint: row.query_fingerprint,
    resultCount: row.result_count,
    details: row.details ?? null,
    prevHash: row.prev_hash,
  };
  return chain === null ? { seq: position, ...fields } : { chain, position, ...fields };
}
