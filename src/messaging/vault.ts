import type { Context } from '../platform/context.ts';
import { SecretBox } from '../platform/secrets.ts';

const PREFIX = 'kek1';

/**
 * Wraps what the server keeps for agencies — server-held private keys, webhook secrets,
 * drafts, attachment keys awaiting sending — under the key-encryption key (KEK). The KEK is
 * CONCORD_MESSAGE_KEK or, when unset, derived from CONCORD_SECRET_KEY, so that the data
 * folder's key alone is never used for two purposes. A sealed value names its KEK, so that
 * earlier KEKs (CONCORD_MESSAGE_KEK_PREVIOUS) still open old values until they are rewrapped.
 */
export class KeyVault {
  private readonly byId: Map<string, SecretBox>;
  readonly currentId: string;

  constructor(
    private readonly current: SecretBox,
    previous: SecretBox[] = [],
  ) {
    this.currentId = current.fingerprint();
    this.byId = new Map([current, ...previous].map((box) => [box.fingerprint(), box]));
  }

  /** Seals a value bound to what it is and whose (`sealedAs`): it opens in that context only. */
  seal(plaintext: string, context: string): string {
    return `${PREFIX}.${this.currentId}.${this.current.seal(plaintext, context)}`;
  }

  open(sealed: string, context: string): string {
    const [prefix, id, ...rest] = sealed.split('.');
    if (prefix !== PREFIX || !id) throw new Error('unknown sealed value format');
    const box = this.byId.get(id);
    if (!box)
      throw new Error(`sealed under an unknown key-encryption key (${id}): set CONCORD_MESSAGE_KEK_PREVIOUS`);
    return box.open(rest.join('.'), context);
  }

  /**
   * For `concord keys rewrap`: sealed under an earlier KEK, or before values were bound to
   * their context — sealed again under the current KEK, bound.
   */
  isStale(sealed: string): boolean {
    const [, id, ...rest] = sealed.split('.');
    return id !== this.currentId || !SecretBox.isBound(rest.join('.'));
  }
}

/**
 * The contexts values are sealed in: what each is, and whose. Row ids are UUIDs, which a URL
 * may spell in capitals and the database answers in lower case: written lower case here, or a
 * value sealed under the URL's spelling would never open again. (Key ids are thumbprints,
 * whose case is part of them.)
 */
export const sealedAs = {
  agencyKey: (kid: string) => `agency-key:${kid}`,
  noticeKey: (kid: string) => `notice-key:${kid}`,
  webhookSecret: (webhookId: string) => `webhook-secret:${webhookId.toLowerCase()}`,
  draft: (draftId: string) => `draft:${draftId.toLowerCase()}`,
  attachment: (attachmentId: string) => `attachment:${attachmentId.toLowerCase()}`,
};

const KEK_PURPOSE = 'concord message key-encryption key';

// Keyed by the context's SecretBox, which jobs and transactions share when they copy the context.
const vaults = new WeakMap<SecretBox, KeyVault>();

export function vaultOf(ctx: Pick<Context, 'config' | 'secrets'>): KeyVault {
  let vault = vaults.get(ctx.secrets);
  if (!vault) {
    const derived = ctx.secrets.derive(KEK_PURPOSE);
    const current = ctx.config.messageKek ? SecretBox.fromKey(ctx.config.messageKek) : derived;
    // The key derived from CONCORD_SECRET_KEY stays one that opens: a deployment that starts
    // without CONCORD_MESSAGE_KEK and sets it later (as production should) still reads what it
    // sealed before, until `concord keys rewrap` seals it all again under the new KEK. (It
    // guards nothing the secret key itself does not: whoever has that can derive it.)
    // So do the keys derived from the secret keys a rotation replaces.
    const derivedEarlier = ctx.secrets.previous.map((box) => box.derive(KEK_PURPOSE));
    vault = new KeyVault(current, [
      ...ctx.config.messageKekPrevious.map((k) => SecretBox.fromKey(k)),
      ...(current === derived ? [] : [derived]),
      ...derivedEarlier,
    ]);
    vaults.set(ctx.secrets, vault);
  }
  return vault;
}
