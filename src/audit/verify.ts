import type { Kdb } from '../platform/db.ts';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './chain.ts';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Hash of the last entry: record it elsewhere to detect truncation of the log's end. */
  headHash: string;
  headSeq: number;
  failure?: { seq: number; id: string | null; reason: string };
}

/**
 * Recomputes the chain from the first entry. Reports the first entry that was altered
 * (its hash no longer matches), removed (a gap in sequence numbers) or reordered
 * (its link to the previous entry is broken).
 */
export async function verifyAuditChain(db: Kdb, batchSize = 2000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          headHash: prevHash,
          headSeq: expectedSeq - 1,
          failure: {
            seq: expectedSeq,
            id: null,
            reason: `entry ${expectedSeq} is missing (removed); the next entry present is ${seq}`,
          },
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          headHash: prevHash,
          headSeq: seq - 1,
          failure: {
            seq,
            id: row.id,
            reason: `entry ${seq} does not follow entry ${seq - 1} (reordered, or an earlier entry was replaced)`,
          },
        };
      }
      const entry: ChainedEntry = {
        seq,
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
      if (entryHash(entry) !== row.hash) {
        return {
          ok: false,
          checked,
          headHash: prevHash,
          headSeq: seq - 1,
          failure: {
            seq,
            id: row.id,
            reason: `entry ${seq} was altered: its content no longer matches its hash`,
          },
        };
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked++;
    }
  }
  return { ok: true, checked, headHash: prevHash, headSeq: expectedSeq - 1 };
}
