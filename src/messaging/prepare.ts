import { sendsAs } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import type { Context } from '../platform/context.ts';
import { problems } from '../platform/errors.ts';
import { expandAddressees } from './groups.ts';
import { ensureKeys } from './keys.ts';

/**
 * What a self-held sender needs before it encrypts: the agencies a message will reach and
 * the encryption key each must be encrypted to, as the directory has them now.
 */
export async function prepareRecipients(
  ctx: Context,
  principal: Principal,
  input: { to?: string[]; groups?: string[] },
) {
  const sender = sendsAs(principal);
  if (!sender) throw problems.forbidden('You may not send messages.');
  const addressees = await expandAddressees(ctx, principal, input.to, input.groups);
  const codes = addressees.agencies.map((a) => a.code);
  const { keys, unusable } = await ensureKeys(ctx, [sender.code, ...codes], principal.name);
  const recipientsUnusable = unusable.filter((a) => a !== sender.code);
  if (recipientsUnusable.length > 0)
    throw problems.validation(
      recipientsUnusable.map((a) => ({
        field: '/body/to',
        message: `${a} holds its own keys and has no active encryption key: it must publish new keys`,
      })),
    );
  const own = keys.get(sender.code)!;
  await ctx.audit.record({
    principal,
    action: 'message.prepare',
    outcome: 'success',
    objectType: 'message',
    resultCount: codes.length,
  });
  return {
    sender: {
      agency: sender.code,
      custody: own.sig?.custody ?? null,
      signingKid: own.sig?.kid ?? null,
      encryption: own.enc ? { kid: own.enc.kid, jwk: own.enc.public_jwk as Record<string, unknown> } : null,
    },
    recipients: addressees.agencies.map((a) => {
      const enc = keys.get(a.code)!.enc!;
      return {
        agency: a.code,
        name: a.name,
        custody: enc.custody,
        kid: enc.kid,
        jwk: enc.public_jwk as Record<string, unknown>,
      };
    }),
    groups: addressees.groups,
  };
}
