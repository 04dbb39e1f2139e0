import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { Kdb } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { mayHoldUnstorable, toStorable } from '../platform/storable-text.ts';
import { entryHash, GENESIS_HASH, type WriterEntry } from './chain.ts';

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
  /** Where the request came from, when no principal carries it (a failed sign-in). */
  clientAddress?: string;
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
 *
 * Each writer keeps a hash chain of its own (see chain.ts): a server process never waits
 * for another's chain head, so several processes on one database add up instead of taking
 * turns. `seq` orders the whole log and comes from the database.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** This writer's chain, started by its first entry. */
  readonly chain = newId();
  /** Null after a failed batch: read back from the database before the next one. */
  private head: ChainHead | null = { position: 0, hash: GENESIS_HASH };
  /** Figures for /metrics. */
  batches = 0;
  entries = 0;

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
   * One statement per batch. After a failed batch the head is read back from the database:
   * a batch whose commit was lost on the way back may have been written after all, and the
   * next one must follow it rather than fork the chain.
   */
  private async write(batch: Pending[]): Promise<void> {
    const rows = chainRows(batch, this.chain, this.head ?? (await this.readHead()));
    try {
      // One statement text whatever the batch size (a multi-row VALUES would be a new
      // statement to parse and plan for each size, with 19 parameters a row).
      await sql`
        INSERT INTO audit_log (chain, position, id, at, principal_type, principal_id, principal_name, agency_code,
          action, object_type, object_id, object_agency, outcome, request_id, query_fingerprint, result_count,
          details, prev_hash, hash)
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS r(chain uuid, position bigint,
          id uuid, at timestamptz, principal_type text, principal_id text, principal_name text, agency_code text,
          action text, object_type text, object_id text, object_agency text, outcome text, request_id text,
          query_fingerprint text, result_count integer, details jsonb, prev_hash text, hash text)`.execute(
        this.db,
      );
    } catch (error) {
      this.head = null;
      throw error;
    }
    const last = rows[rows.length - 1]!;
    this.head = { position: last.position, hash: last.hash };
  }

  /** This chain's last entry: the newest are at the end of seq, so the scan stops early. */
  private async readHead(): Promise<ChainHead> {
    const head = await this.db
      .selectFrom('audit_log')
      .select(['position', 'hash'])
      .where('chain', '=', this.chain)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return head ? { position: Number(head.position), hash: head.hash } : { position: 0, hash: GENESIS_HASH };
  }
}

interface ChainHead {
  position: number;
  hash: string;
}

/** A batch's rows as they are stored: each linked to the one before, from the chain's head. */
export function chainRows(batch: readonly { event: AuditEvent; at: Date }[], chain: string, head: ChainHead) {
  let position = head.position;
  let prevHash = head.hash;
  return batch.map(({ event, at }) => {
    position += 1;
    const entry = toWriterEntry(event, at, chain, position, prevHash);
    const hash = entryHash(entry);
    prevHash = hash;
    return {
      chain,
      position,
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

function toWriterEntry(
  event: AuditEvent,
  at: Date,
  chain: string,
  position: number,
  prevHash: string,
): WriterEntry {
  const p = event.principal;
  return {
    chain,
    position,
    id: newId(),
    at: at.toISOString(),
    principalType: p ? p.type : 'anonymous',
    principalId: text(p ? p.id : null),
    principalName: text(p ? p.name : (event.attemptedName ?? null)),
    agencyCode: p ? p.agency.code : null,
    action: event.action,
    objectType: text(event.objectType ?? null),
    objectId: text(event.objectId ?? null),
    objectAgency: text(event.objectAgency ?? null),
    outcome: event.outcome,
    requestId: text(event.requestId ?? p?.requestId ?? null),
    queryFingerprint: event.queryFingerprint ?? null,
    resultCount: event.resultCount ?? null,
    details: detailsOf(event),
    prevHash,
  };
}

/**
 * The event's details, with the address the request came from (as CONCORD_TRUST_PROXY lets
 * the server see it): who did something, from where — a stolen session used from elsewhere
 * shows in the log. Kept in the details, which the entry's hash covers.
 */
function detailsOf(event: AuditEvent): unknown {
  const address = event.clientAddress ?? event.principal?.ip;
  const details = address ? { ...event.details, clientAddress: address } : event.details;
  return details ? storedForm(details) : null;
}

/**
 * Text that may have come from outside, made storable: one entry that jsonb or the
 * canonical hash refuses would otherwise fail every entry of its batch.
 */
function text(value: string | null): string | null {
  return value === null ? null : toStorable(value);
}

/** Details as they will read back from jsonb (what the hash must cover), with storable strings. */
function storedForm(details: Record<string, unknown>): unknown {
  const json = JSON.stringify(details);
  return JSON.parse(json, mayHoldUnstorable(json) ? storableStrings : undefined);
}

/** A JSON.parse reviver: strings and keys made storable (NULs and lone surrogates as U+FFFD). */
function storableStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return toStorable(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorable(k), v]));
}
