import canonicalize from 'canonicalize';
import {
  base64url,
  CompactSign,
  type CryptoKey,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { sql } from 'kysely';
import { sealedAs, vaultOf } from '../messaging/vault.ts';
import type { Context } from '../platform/context.ts';
import type { Kdb } from '../platform/db.ts';

/**
 * The secretariat's notice signatures. A published notice (or circulated diffusion) carries
 * a detached JWS (RFC 7515 appendix F) by the secretariat's notice-signing key: Ed25519
 * (EdDSA), over the RFC 8785 canonical JSON of the notice as published. A national system
 * that holds the public key (GET /api/v1/notices/keys, a JWKS) verifies a notice offline:
 * canonicalise the payload, base64url it into the JWS's empty middle part, verify.
 *
 * The key is dedicated to notices — never the secretariat's messaging key, so that a
 * signature on a message can never pass for a notice — and kept as messaging keeps
 * server-held keys: the private half sealed under the network's key-encryption key
 * (messaging/vault.ts), unsealed once per process.
 */

export const NOTICE_JWS_TYPE = 'concord-notice+jws';
export const NOTICE_PAYLOAD_TYPE = 'concord-notice+json';
const ALG = 'EdDSA';

const privateKeys = new Map<string, Promise<CryptoKey>>();

async function makeKey(ctx: Context, now: Date) {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    public_jwk: { ...publicJwk, kid, use: 'sig', alg: ALG },
    private_sealed: vaultOf(ctx).seal(JSON.stringify({ ...privateJwk, kid }), sealedAs.noticeKey(kid)),
    created_at: now,
  };
}

/** The active signing key: made at the first signature, then reused by every process. */
export async function activeSigningKey(ctx: Context, db: Kdb = ctx.db) {
  const existing = await db
    .selectFrom('notice_signing_keys')
    .selectAll()
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (existing) return existing;
  const row = await makeKey(ctx, ctx.clock.now());
  // Two processes may make one at once: the unique index keeps one, the other re-reads.
  await db
    .insertInto('notice_signing_keys')
    .values(row)
    // A literal, so that the partial unique index is found in a generic plan too (keys.ts,
    // insertUnlessActive).
    .onConflict((oc) => oc.column('status').where('status', '=', sql.lit('active')).doNothing())
    .execute();
  return db
    .selectFrom('notice_signing_keys')
    .selectAll()
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
}

/** Retires the active key (rotation): later signatures use a new one; old ones still verify. */
export async function rotateSigningKey(ctx: Context): Promise<string> {
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('notice_signing_keys')
    .set({ status: 'retired', retired_at: now })
    .where('status', '=', 'active')
    .execute();
  return (await activeSigningKey(ctx)).kid;
}

/** Every key that signed or signs notices, as a JWKS (public halves only). */
export async function signingJwks(db: Kdb) {
  const rows = await db.selectFrom('notice_signing_keys').selectAll().orderBy('created_at').execute();
  return {
    keys: rows.map((r) => ({
      ...(r.public_jwk as Record<string, unknown>),
      status: r.status,
      created: r.created_at.toISOString(),
      ...(r.retired_at ? { retired: r.retired_at.toISOString() } : {}),
    })),
  };
}

/** The bytes that are signed: RFC 8785 canonical JSON. */
export function canonicalPayload(payload: object): Uint8Array {
  return new TextEncoder().encode(canonicalize(payload) ?? '');
}

/** Signs in the caller's transaction when given one (PGlite has a single connection). */
export async function signNotice(
  ctx: Context,
  payload: object,
  db: Kdb = ctx.db,
): Promise<{ jws: string; kid: string }> {
  const key = await activeSigningKey(ctx, db);
  let privateKey = privateKeys.get(key.kid);
  if (!privateKey) {
    const sealed = key.private_sealed;
    if (!sealed) throw new Error(`notice-signing key ${key.kid} has no private half here`);
    privateKey = importJWK(
      JSON.parse(vaultOf(ctx).open(sealed, sealedAs.noticeKey(key.kid))) as JWK,
      ALG,
    ) as Promise<CryptoKey>;
    privateKeys.set(key.kid, privateKey);
  }
  const compact = await new CompactSign(canonicalPayload(payload))
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: NOTICE_JWS_TYPE, cty: NOTICE_PAYLOAD_TYPE })
    .sign(await privateKey);
  const [header, , signature] = compact.split('.');
  return { jws: `${header}..${signature}`, kid: key.kid };
}

export type Verification =
  | { valid: true; kid: string }
  | { valid: false; kid: string | null; reason: string };

/**
 * Verifies a detached notice signature against a JWKS: what a national system does offline
 * (this function uses nothing but the payload, the JWS and the public keys).
 */
export async function verifyNotice(
  payload: object,
  detachedJws: string,
  jwks: { keys: Record<string, unknown>[] },
): Promise<Verification> {
  const parts = detachedJws.split('.');
  if (parts.length !== 3 || parts[1] !== '')
    return { valid: false, kid: null, reason: 'not a detached compact JWS' };
  let kid: string | null = null;
  try {
    const header = decodeProtectedHeader(detachedJws);
    kid = typeof header.kid === 'string' ? header.kid : null;
    if (header.alg !== ALG || header.typ !== NOTICE_JWS_TYPE)
      return { valid: false, kid, reason: 'not a notice signature' };
    const jwk = jwks.keys.find((k) => k.kid === kid);
    if (!jwk) return { valid: false, kid, reason: 'signed by a key not in the key set' };
    const { kty, crv, x } = jwk as { kty: string; crv: string; x: string };
    const key = await importJWK({ kty, crv, x }, ALG);
    const attached = `${parts[0]}.${base64url.encode(canonicalPayload(payload))}.${parts[2]}`;
    await compactVerify(attached, key);
    return { valid: true, kid: kid! };
  } catch (error) {
    return { valid: false, kid, reason: (error as Error).message || 'signature does not verify' };
  }
}
