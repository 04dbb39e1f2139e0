import type { CryptoKey, JWK } from 'jose';
import { type Insertable, type Selectable, sql } from 'kysely';
import { managesMessagingOf } from '../access/messaging.ts';
import { type Principal, systemPrincipal } from '../access/principal.ts';
import { agencyRef, findAgency } from '../identity/agencies.ts';
import { mfaContext } from '../identity/mfa.ts';
import { HOT_ROW_TTL_MS } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import { cursorOf, cursorValues } from '../platform/cursor.ts';
import type { Kdb } from '../platform/db.ts';
import { Problem, problems } from '../platform/errors.ts';
import { SECRET_KEY_SETTING } from '../platform/secrets.ts';
import { generateAgencyKeys, importPrivate, importPublic, publicJwkProblem, thumbprint } from './envelope.ts';
import { emitMessaging } from './notify.ts';
import type { AgencyKeyTable } from './tables.ts';
import { sealedAs, vaultOf } from './vault.ts';

export type AgencyKeyRow = Selectable<AgencyKeyTable>;
export type Custody = 'self' | 'server';

export interface ActiveKeys {
  sig?: AgencyKeyRow;
  enc?: AgencyKeyRow;
}

const publicKeys = new Map<string, Promise<CryptoKey>>();
const privateKeys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED = 5_000;

function remember(map: Map<string, Promise<CryptoKey>>, kid: string, load: () => Promise<CryptoKey>) {
  let key = map.get(kid);
  if (!key) {
    if (map.size >= MAX_CACHED) map.clear();
    key = load();
    key.catch(() => map.delete(kid));
    map.set(kid, key);
  }
  return key;
}

/** An agency's public key as a CryptoKey (imported once per process). */
export function publicKeyOf(row: Pick<AgencyKeyRow, 'kid' | 'use' | 'public_jwk'>): Promise<CryptoKey> {
  return remember(publicKeys, row.kid, () => importPublic(row.public_jwk as JWK, row.use));
}

/**
 * A server-held private key, unsealed and imported once per process: unsealing on every
 * message would cost more than the decryption it serves. Destroyed keys are forgotten.
 */
export function privateKeyOf(
  ctx: Pick<Context, 'config' | 'secrets'>,
  row: Pick<AgencyKeyRow, 'kid' | 'use' | 'private_sealed'>,
): Promise<CryptoKey> {
  if (!row.private_sealed) return Promise.reject(new Error(`no server-held private key ${row.kid}`));
  const sealed = row.private_sealed;
  return remember(privateKeys, row.kid, () =>
    importPrivate(JSON.parse(vaultOf(ctx).open(sealed, sealedAs.agencyKey(row.kid))) as JWK, row.use),
  );
}

/**
 * Active keys per agency, kept for a few seconds: a message to 196 bureaus would otherwise
 * read the directory for every one of them on every send. The process that changes keys
 * forgets them at once; others follow within HOT_ROW_TTL_MS (the same bound as API keys).
 */
const activeCaches = new WeakMap<object, Map<string, { keys: ActiveKeys; at: number }>>();

function activeCache(ctx: Context) {
  let cache = activeCaches.get(ctx.secrets);
  if (!cache) {
    cache = new Map();
    activeCaches.set(ctx.secrets, cache);
  }
  return cache;
}

function forget(ctx: Context, agency: string, kids: string[] = []): void {
  activeCache(ctx).delete(agency);
  for (const kid of kids) privateKeys.delete(kid);
}

/** The active signing and encryption keys of each agency. */
export async function activeKeysOf(ctx: Context, agencies: string[]): Promise<Map<string, ActiveKeys>> {
  const cache = activeCache(ctx);
  const now = ctx.clock.now().getTime();
  const out = new Map<string, ActiveKeys>();
  const missing: string[] = [];
  for (const agency of new Set(agencies)) {
    const hit = cache.get(agency);
    if (hit && now - hit.at < HOT_ROW_TTL_MS && now >= hit.at) out.set(agency, hit.keys);
    else missing.push(agency);
  }
  if (missing.length > 0) {
    const rows = await ctx.db
      .selectFrom('agency_keys')
      .selectAll()
      .where('agency_code', 'in', missing)
      .where('status', '=', 'active')
      .execute();
    const loaded = new Map<string, ActiveKeys>(missing.map((a) => [a, {}]));
    for (const row of rows) loaded.get(row.agency_code)![row.use] = row;
    if (cache.size > MAX_CACHED) cache.clear();
    for (const [agency, keys] of loaded) {
      cache.set(agency, { keys, at: now });
      out.set(agency, keys);
    }
  }
  return out;
}

export async function keyByKid(db: Kdb, kid: string): Promise<AgencyKeyRow | undefined> {
  return db.selectFrom('agency_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
}

export async function keysByKid(db: Kdb, kids: string[]): Promise<Map<string, AgencyKeyRow>> {
  if (kids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency_keys')
    .selectAll()
    .where('kid', 'in', [...new Set(kids)])
    .execute();
  return new Map(rows.map((r) => [r.kid, r]));
}

/** The custody an agency chose: that of its newest key; none before it first messages. */
export async function custodyOf(db: Kdb, agencies: string[]): Promise<Map<string, Custody | null>> {
  const out = new Map<string, Custody | null>(agencies.map((a) => [a, null]));
  if (agencies.length === 0) return out;
  const rows = await db
    .selectFrom('agency_keys')
    .select(['agency_code', 'custody'])
    .distinctOn('agency_code')
    .where('agency_code', 'in', agencies)
    .orderBy('agency_code')
    .orderBy('created_at', 'desc')
    .execute();
  for (const row of rows) out.set(row.agency_code, row.custody);
  return out;
}

async function sealedPair(
  ctx: Context,
  agency: string,
  actor: string,
  now: Date,
): Promise<Insertable<AgencyKeyTable>[]> {
  const keys = await generateAgencyKeys();
  const vault = vaultOf(ctx);
  return [keys.signing, keys.encryption].map((pair, i) => ({
    kid: pair.kid,
    agency_code: agency,
    use: (i === 0 ? 'sig' : 'enc') as 'sig' | 'enc',
    custody: 'server' as const,
    public_jwk: pair.publicJwk as object,
    private_sealed: vault.seal(JSON.stringify(pair.privateJwk), sealedAs.agencyKey(pair.kid)),
    created_at: now,
    created_by: actor,
  }));
}

/**
 * Agencies start with server-held keys, made when they first send or are first addressed.
 * An agency that chose self-held custody is never given server keys behind its back: if it
 * has no usable key, it is reported, and messages to it are refused until it publishes one.
 */
export async function ensureKeys(
  ctx: Context,
  agencies: string[],
  actor: string,
): Promise<{ keys: Map<string, ActiveKeys>; unusable: string[] }> {
  let keys = await activeKeysOf(ctx, agencies);
  const incomplete = [...keys].filter(([, k]) => !k.sig || !k.enc).map(([a]) => a);
  if (incomplete.length === 0) return { keys, unusable: [] };
  const custody = await custodyOf(ctx.db, incomplete);
  // A self-held agency can be written to while it has an encryption key: revoking a
  // compromised signing key stops it signing (sending, receipts) until it publishes a new
  // one, not others reaching it. Senders are checked for their signing key where they send.
  const unusable = incomplete.filter((a) => custody.get(a) === 'self' && !keys.get(a)!.enc);
  const toMake = incomplete.filter((a) => custody.get(a) !== 'self');
  if (toMake.length > 0) {
    const now = ctx.clock.now();
    const rows = [];
    for (const agency of toMake) {
      const current = keys.get(agency)!;
      for (const row of await sealedPair(ctx, agency, actor, now)) if (!current[row.use]) rows.push(row);
    }
    // Two requests may make keys for the same agency at once: one wins, the other re-reads.
    await insertUnlessActive(ctx.db, rows);
    for (const agency of toMake) forget(ctx, agency);
    keys = await activeKeysOf(ctx, agencies);
  }
  return { keys, unusable };
}

/**
 * Inserts keys, skipping an agency's use that already has an active one (the partial unique
 * index agency_keys_one_active). Its predicate is written as a literal: ON CONFLICT finds a
 * partial index only when its WHERE implies the index's, and `status = $1` implies nothing in
 * a generic plan, which PostgreSQL uses for a prepared statement after a few executions — the
 * insert then failed ("no unique or exclusion constraint matching").
 */
export async function insertUnlessActive(db: Kdb, rows: Insertable<AgencyKeyTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('agency_keys')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['agency_code', 'use']).where('status', '=', sql.lit('active')).doNothing(),
    )
    .execute();
}

// ---- the directory --------------------------------------------------------------------

export function keyDto(row: AgencyKeyRow) {
  return {
    kid: row.kid,
    agency: row.agency_code,
    use: row.use,
    custody: row.custody,
    jwk: row.public_jwk as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    retiredAt: row.retired_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason,
    privateKeyHeld: row.custody === 'server' && row.private_sealed !== null,
  };
}

export async function keyDirectory(
  ctx: Context,
  principal: Principal,
  query: { agency?: string; status?: 'active' | 'retired' | 'revoked'; limit?: number; cursor?: string },
) {
  const limit = query.limit ?? 100;
  let q = ctx.db
    .selectFrom('agency_keys')
    .selectAll()
    .orderBy('agency_code')
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .limit(limit + 1);
  if (query.agency) q = q.where('agency_code', '=', query.agency);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) {
    // The page's order, column by column: agency, newest first, key id.
    const [agency, created, kid] = cursorValues(query.cursor, ['text', 'time', 'text']);
    q = q.where((eb) =>
      eb.or([
        eb('agency_code', '>', agency),
        eb.and([
          eb('agency_code', '=', agency),
          eb.or([
            eb('created_at', '<', created),
            eb.and([eb('created_at', '=', created), eb('kid', '>', kid)]),
          ]),
        ]),
      ]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  await ctx.audit.record({
    principal,
    action: 'key.list',
    outcome: 'success',
    objectType: 'agency-key',
    resultCount: page.length,
    ...(query.agency ? { objectAgency: query.agency } : {}),
  });
  const last = page[page.length - 1];
  return {
    items: page.map(keyDto),
    nextCursor:
      rows.length > limit && last
        ? cursorOf(last.agency_code, last.created_at.toISOString(), last.kid)
        : null,
  };
}

/** One agency's entry: its custody, its keys in every state, and its active keys as a JWKS. */
export async function agencyKeys(ctx: Context, principal: Principal, code: string) {
  const agency = await findAgency(ctx.db, code);
  if (!agency) throw problems.notFound('agency');
  const rows = await ctx.db
    .selectFrom('agency_keys')
    .selectAll()
    .where('agency_code', '=', code)
    .orderBy('created_at', 'desc')
    .orderBy('use')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'key.read',
    outcome: 'success',
    objectType: 'agency-key',
    objectId: code,
    objectAgency: code,
  });
  return {
    agency: code,
    custody: rows[0]?.custody ?? null,
    keys: rows.map(keyDto),
    jwks: {
      keys: rows.filter((r) => r.status === 'active').map((r) => r.public_jwk as Record<string, unknown>),
    },
  };
}

async function requireManaged(ctx: Context, principal: Principal, code: string, action: string) {
  const agency = await findAgency(ctx.db, code);
  if (!agency || !managesMessagingOf(principal, agencyRef(agency))) {
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'agency-key',
      objectId: code,
      objectAgency: code,
    });
    if (!agency) throw problems.invalidField('/body/agency', `unknown agency ${code}`);
    throw problems.forbidden('You manage the keys of your own agency only.');
  }
  return agency;
}

export interface PublishKeys {
  agency?: string;
  custody: Custody;
  signing?: Record<string, unknown>;
  encryption?: Record<string, unknown>;
  /** Erase the private parts of earlier server-held keys: old messages become unreadable here. */
  destroyServerKeys?: boolean;
}

/**
 * Publishes a new key pair: self-held (the agency's system made it and sends the public
 * halves) or server-held (made here). The previous active keys are retired — kept to
 * verify and decrypt what they served — and, on request, server-held private keys destroyed.
 */
export async function publishKeys(ctx: Context, principal: Principal, input: PublishKeys) {
  const code = input.agency ?? principal.agency.code;
  await requireManaged(ctx, principal, code, 'key.publish');
  const now = ctx.clock.now();
  let rows: Insertable<AgencyKeyTable>[];
  if (input.custody === 'self') {
    const errors: { field: string; message: string }[] = [];
    for (const [field, use] of [
      ['signing', 'sig'],
      ['encryption', 'enc'],
    ] as const) {
      const jwk = input[field];
      if (!jwk) errors.push({ field: `/body/${field}`, message: 'is required for self-held keys' });
      else {
        const problem = publicJwkProblem(jwk, use);
        if (problem) errors.push({ field: `/body/${field}`, message: problem });
      }
    }
    if (errors.length > 0) throw problems.validation(errors);
    const made = [];
    for (const [field, use] of [
      ['signing', 'sig'],
      ['encryption', 'enc'],
    ] as const) {
      const jwk = input[field] as JWK;
      const kid = await thumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x } as JWK);
      made.push({
        kid,
        agency_code: code,
        use,
        custody: 'self' as const,
        public_jwk: {
          kty: 'OKP',
          crv: jwk.crv,
          x: jwk.x,
          kid,
          use,
          alg: use === 'sig' ? 'EdDSA' : 'ECDH-ES+A256KW',
        },
        private_sealed: null,
        created_at: now,
        created_by: principal.name,
      });
    }
    rows = made;
  } else {
    if (input.signing || input.encryption)
      throw problems.invalidField('/body/signing', 'server-held keys are made by the server: send no keys');
    rows = await sealedPair(ctx, code, principal.name, now);
  }
  const kids = rows.map((r) => r.kid);
  const existing = await keysByKid(ctx.db, kids);
  if (existing.size > 0) throw problems.conflict('These keys are already in the directory: make new ones.');
  const destroyed = await ctx.db.transaction().execute(async (trx) => {
    // One publication at a time per agency: two at once would each retire the keys they saw
    // and both insert an active pair (the second refused by the one-active index, a 500).
    // Waiting here, the second retires the first's new keys instead: the last one wins.
    await trx.selectFrom('agencies').select('code').where('code', '=', code).forUpdate().execute();
    const retired = await trx
      .updateTable('agency_keys')
      .set({ status: 'retired', retired_at: now })
      .where('agency_code', '=', code)
      .where('status', '=', 'active')
      .returning('kid')
      .execute();
    await trx.insertInto('agency_keys').values(rows).execute();
    let destroyedKids: string[] = [];
    if (input.destroyServerKeys) {
      destroyedKids = (
        await trx
          .updateTable('agency_keys')
          .set({ private_sealed: null })
          .where('agency_code', '=', code)
          .where('custody', '=', 'server')
          .where('private_sealed', 'is not', null)
          .where('kid', 'not in', kids)
          .returning('kid')
          .execute()
      ).map((r) => r.kid);
    }
    await emitMessaging(
      trx,
      [{ type: 'key.published', agency: null, payload: { agency: code, custody: input.custody, kids } }],
      now,
    );
    return { retired: retired.map((r) => r.kid), destroyed: destroyedKids };
  });
  forget(ctx, code, destroyed.destroyed);
  await ctx.audit.record({
    principal,
    action: 'key.publish',
    outcome: 'success',
    objectType: 'agency-key',
    objectId: code,
    objectAgency: code,
    details: { custody: input.custody, kids, retired: destroyed.retired, destroyed: destroyed.destroyed },
  });
  return agencyKeys(ctx, principal, code);
}

/**
 * Revokes a key (compromise, loss). Signatures it made before the revocation still verify,
 * with the revocation shown; nothing is encrypted to it or signed with it again. A revoked
 * server-held key is replaced at once; a self-held agency publishes new keys itself.
 */
export async function revokeKey(ctx: Context, principal: Principal, kid: string, reason: string) {
  const row = await keyByKid(ctx.db, kid);
  if (!row) throw problems.notFound('key');
  await requireManaged(ctx, principal, row.agency_code, 'key.revoke');
  if (row.status === 'revoked')
    throw new Problem(409, 'key-revoked', 'Key already revoked', `Key ${kid} was revoked.`);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('agency_keys')
      .set({ status: 'revoked', revoked_at: now, revocation_reason: reason, private_sealed: null })
      .where('kid', '=', kid)
      .execute();
    await emitMessaging(
      trx,
      [{ type: 'key.revoked', agency: null, payload: { agency: row.agency_code, kid, use: row.use } }],
      now,
    );
  });
  forget(ctx, row.agency_code, [kid]);
  await ctx.audit.record({
    principal,
    action: 'key.revoke',
    outcome: 'success',
    objectType: 'agency-key',
    objectId: kid,
    objectAgency: row.agency_code,
    details: { reason, use: row.use, custody: row.custody },
  });
  if (row.custody === 'server' && row.status === 'active')
    await ensureKeys(ctx, [row.agency_code], principal.name);
  return agencyKeys(ctx, principal, row.agency_code);
}

/** Seals every server-held secret again under the current KEK (after CONCORD_MESSAGE_KEK changes). */
export async function rewrapAll(ctx: Context): Promise<{
  keys: number;
  webhooks: number;
  drafts: number;
  attachments: number;
  noticeKeys: number;
  mfaSeeds: number;
}> {
  const vault = vaultOf(ctx);
  // Opened in its context (a v1 value opens in any) and sealed again, bound to it.
  const again = (sealed: string, context: string) => vault.seal(vault.open(sealed, context), context);
  const counts = { keys: 0, webhooks: 0, drafts: 0, attachments: 0, noticeKeys: 0, mfaSeeds: 0 };
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of await trx
      .selectFrom('agency_keys')
      .select(['kid', 'private_sealed'])
      .where('private_sealed', 'is not', null)
      .execute()) {
      if (!vault.isStale(row.private_sealed!)) continue;
      await trx
        .updateTable('agency_keys')
        .set({ private_sealed: again(row.private_sealed!, sealedAs.agencyKey(row.kid)) })
        .where('kid', '=', row.kid)
        .execute();
      counts.keys++;
    }
    for (const row of await trx.selectFrom('webhooks').select(['id', 'secret_sealed']).execute()) {
      if (!vault.isStale(row.secret_sealed)) continue;
      await trx
        .updateTable('webhooks')
        .set({ secret_sealed: again(row.secret_sealed, sealedAs.webhookSecret(row.id)) })
        .where('id', '=', row.id)
        .execute();
      counts.webhooks++;
    }
    for (const row of await trx.selectFrom('message_drafts').select(['id', 'sealed']).execute()) {
      if (!vault.isStale(row.sealed)) continue;
      await trx
        .updateTable('message_drafts')
        .set({ sealed: again(row.sealed, sealedAs.draft(row.id)) })
        .where('id', '=', row.id)
        .execute();
      counts.drafts++;
    }
    for (const row of await trx
      .selectFrom('attachments')
      .select(['id', 'sealed_meta'])
      .where('sealed_meta', 'is not', null)
      .execute()) {
      if (!vault.isStale(row.sealed_meta!)) continue;
      await trx
        .updateTable('attachments')
        .set({ sealed_meta: again(row.sealed_meta!, sealedAs.attachment(row.id)) })
        .where('id', '=', row.id)
        .execute();
      counts.attachments++;
    }
    // The notices' signing keys are sealed under the same KEK: left behind, signing failed
    // once the previous KEK was removed from the configuration.
    for (const row of await trx
      .selectFrom('notice_signing_keys')
      .select(['kid', 'private_sealed'])
      .where('private_sealed', 'is not', null)
      .execute()) {
      if (!vault.isStale(row.private_sealed!)) continue;
      await trx
        .updateTable('notice_signing_keys')
        .set({ private_sealed: again(row.private_sealed!, sealedAs.noticeKey(row.kid)) })
        .where('kid', '=', row.kid)
        .execute();
      counts.noticeKeys++;
    }
    // TOTP seeds are sealed under the secret key, not the KEK: bound to their account, and
    // sealed again under the current secret key when it was rotated.
    for (const row of await trx
      .selectFrom('users')
      .select(['id', 'mfa_secret'])
      .where('mfa_secret', 'is not', null)
      .execute()) {
      const context = mfaContext(row.id);
      if (!ctx.secrets.isStale(row.mfa_secret!, context)) continue;
      await trx
        .updateTable('users')
        .set({ mfa_secret: ctx.secrets.seal(ctx.secrets.open(row.mfa_secret!, context), context) })
        .where('id', '=', row.id)
        .execute();
      counts.mfaSeeds++;
    }
    // Nothing is left under an earlier secret key: the database now names the current one,
    // and a process still holding only an earlier key no longer starts.
    await trx
      .updateTable('settings')
      .set({ value: { fingerprint: ctx.secrets.fingerprint() } })
      .where('key', '=', SECRET_KEY_SETTING)
      .execute();
  });
  privateKeys.clear();
  // Who resealed what, and when: the moment a KEK rotation completed.
  await ctx.audit.record({
    principal: systemPrincipal(),
    action: 'keys.rewrap',
    outcome: 'success',
    resultCount: Object.values(counts).reduce((a, b) => a + b, 0),
    details: { ...counts, kek: vault.currentId, secretKey: ctx.secrets.fingerprint() },
  });
  return counts;
}
