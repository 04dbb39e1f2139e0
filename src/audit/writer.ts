import { sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { Kdb } from '../platform/db.ts';
import type { Tables } from '../platform/db-schema.ts';
import { newId } from '../platform/ids.ts';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './chain.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  /** Who acted; null when nobody could be identified (a failed sign-in for an unknown name). */
  principal: Principal | null;
  /** For failed sign-ins: the name that was tried (never the password). */
  attemptedName?: string;
  action: string;
  outcome: AuditOutcome;
  objectType?: string;
  objectId?: string;
  /** The agency that owns the object, so that owners can see what was done to their data. */
  objectAgency?: string;
  requestId?: string;
  queryFingerprint?: string;
  resultCount?: number;
  details?: Record<string, unknown>;
}

interface Pending {
  event: AuditEvent;
  at: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * Group commit for the audit log. A caller's promise resolves once its entry is durable;
 * entries arriving while a batch is being written form the next batch, so a busy server
 * makes one commit (one fsync) per batch, not one per request.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private head: ChainHead | null = null;
  private contendedUntil = 0;
  /** Figures for /metrics. */
  batches = 0;
  entries = 0;
  /** Batches that lost the race for the chain head to another process. */
  conflicts = 0;

  constructor(
    private readonly db: Kdb,
    private readonly clock: Clock,
    private readonly logger?: Logger,
    /** Entries per transaction at most; 1 turns group commit off (benchmark baseline). */
    private readonly maxBatch = MAX_BATCH,
  ) {}

  record(event: AuditEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('audit writer is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, at: this.clock.now(), resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  /** Resolves when everything recorded so far is durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async drain(): Promise<void> {
    // Let the requests of this tick join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch);
          this.batches++;
          this.entries += batch.length;
          for (const item of batch) item.resolve();
        } catch (error) {
          this.logger?.error({ err: error, entries: batch.length }, 'audit batch could not be written');
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /**
   * One statement per batch in the usual case. The chain head is remembered between
   * batches; the primary key on seq is what keeps the chain single when several server
   * processes write: if another process extended the chain since, the insert collides on
   * seq, and the batch is re-chained on the fresh head and written again. Processes that
   * collide then queue for the head under an advisory lock for a while, instead of racing
   * for it again and again.
   */
  private async write(batch: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (Date.now() < this.contendedUntil) await this.writeLocked(batch);
        else await this.insertChained(this.db, batch, this.head ?? (await this.readHead(this.db)));
        return;
      } catch (error) {
        this.head = null;
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
        this.conflicts++;
        this.contendedUntil = Date.now() + CONTENDED_MS;
      }
    }
  }

  private async writeLocked(batch: Pending[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
      await this.insertChained(trx, batch, await this.readHead(trx));
    });
  }

  private async insertChained(db: Kdb | Transaction<Tables>, batch: Pending[], head: ChainHead) {
    const rows = chainRows(batch, head);
    // One statement text whatever the batch size (a multi-row VALUES would be a new
    // statement to parse and plan for each size, with 19 parameters a row).
    await sql`
      INSERT INTO audit_log (seq, id, at, principal_type, principal_id, principal_name, agency_code, action,
        object_type, object_id, object_agency, outcome, request_id, query_fingerprint, result_count, details,
        prev_hash, hash)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS r(seq bigint, id uuid,
        at timestamptz, principal_type text, principal_id text, principal_name text, agency_code text,
        action text, object_type text, object_id text, object_agency text, outcome text, request_id text,
        query_fingerprint text, result_count integer, details jsonb, prev_hash text, hash text)`.execute(db);
    const last = rows[rows.length - 1]!;
    this.head = { seq: last.seq, hash: last.hash };
  }

  private async readHead(db: Kdb | Transaction<Tables>): Promise<ChainHead> {
    const head = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }
}

interface ChainHead {
  seq: number;
  hash: string;
}

/** Any fixed number shared by all Concord processes: one locked chain writer at a time. */
const AUDIT_LOCK = 7_201_945_002;
/** How long a process that lost the race for the head takes the lock instead. */
const CONTENDED_MS = 10_000;

/** How often a batch is re-chained when other processes keep winning the race for the head. */
const MAX_ATTEMPTS = 50;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

function chainRows(batch: Pending[], head: ChainHead) {
  let seq = head.seq;
  let prevHash = head.hash;
  return batch.map(({ event, at }) => {
    seq += 1;
    const entry = toChainedEntry(event, at, seq, prevHash);
    const hash = entryHash(entry);
    prevHash = hash;
    return {
      seq: entry.seq,
      id: entry.id,
      at: entry.at,
      principal_type: entry.principalType,
      principal_id: entry.principalId,
      principal_name: entry.principalName,
      agency_code: entry.agencyCode,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      object_agency: entry.objectAgency,
      outcome: entry.outcome,
      request_id: entry.requestId,
      query_fingerprint: entry.queryFingerprint,
      result_count: entry.resultCount,
      details: entry.details as object | null,
      prev_hash: entry.prevHash,
      hash,
    };
  });
}

function toChainedEntry(event: AuditEvent, at: Date, seq: number, prevHash: string): ChainedEntry {
  const p = event.principal;
  return {
    seq,
    id: newId(),
    at: at.toISOString(),
    principalType: p ? p.type : 'anonymous',
    principalId: p ? p.id : null,
    principalName: p ? p.name : (event.attemptedName ?? null),
    agencyCode: p ? p.agency.code : null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    objectAgency: event.objectAgency ?? null,
    outcome: event.outcome,
    requestId: event.requestId ?? p?.requestId ?? null,
    queryFingerprint: event.queryFingerprint ?? null,
    resultCount: event.resultCount ?? null,
    details: event.details ? JSON.parse(JSON.stringify(event.details)) : null,
    prevHash,
  };
}
